// The blank démarche an administrator starts from: valid as it is (one step, one field,
// the four mails of the standard workflow), to be shaped in the editor.
import type { DemarcheFiles } from './published.js';

/** A folder name as in definitions/procedures/ ("11-autorisation-de-sortie-seul"). */
export function folderName(code: string, title = ''): string {
  const slug = title
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/^(je|j'|j’)\s*/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 48).replace(/-+$/, '');
  return slug ? `${code}-${slug}` : code;
}

const mail = (subject: string, body: string) => ({ subject, body });

export function blankDefinition(code: string, title: string): DemarcheFiles {
  return {
    procedure: {
      code,
      title,
      summary: 'Décrivez en une ou deux phrases à quoi sert cette démarche.',
      legalNotice: {
        title: 'Informations légales',
        paragraphs: [
          'Expliquez ici ce que permet la démarche et les pièces à fournir (PDF ou JPEG, 3 Mo au plus).',
          'Les informations recueillies sont nécessaires au traitement de votre demande par la commune (article 6.1.e du RGPD). Vous pouvez exercer vos droits d’accès et de rectification auprès du service Enfance.',
        ],
        confirmationLabel: "J'ai pris connaissance de ces informations et je certifie l'exactitude des renseignements fournis.",
      },
      subject: 'family',
      availability: { frequency: 'unlimited' },
      notifications: {
        submitted: mail(`A/R de votre demande « ${title} »`, 'Bonjour,\n\nNous avons bien reçu votre demande (N° de traitement {{dossier.number}}).\n\nLe service Enfance'),
        accepted: mail(`Votre demande « ${title} » est acceptée`, 'Bonjour,\n\nVotre demande (N° de traitement {{dossier.number}}) a été acceptée.\n\nLe service Enfance'),
        rejected: mail(`Votre demande « ${title} » a été rejetée`, 'Bonjour,\n\nVotre demande (N° de traitement {{dossier.number}}) n’a pas pu être acceptée pour le motif suivant :\n\n{{reason}}\n\nVous pouvez la corriger et la soumettre à nouveau depuis « Mes démarches en cours ».\n\nLe service Enfance'),
        correction: mail(`Votre demande « ${title} » est à compléter`, 'Bonjour,\n\nNos services vous demandent de compléter votre demande (N° de traitement {{dossier.number}}) :\n\n{{reason}}\n\nLe service Enfance'),
      },
      review: 'agent',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['precisions'],
      properties: { precisions: { type: 'string', title: 'Votre demande', minLength: 3, maxLength: 2000 } },
    },
    uischema: {
      type: 'Categorization',
      elements: [{ type: 'Category', label: 'Votre demande', elements: [{ type: 'Control', scope: '#/properties/precisions', options: { multi: true } }] }],
    },
  };
}
