// A small valid definitions set built in memory, for tests that break one thing at a time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DefinitionFiles, DefinitionSet } from '../../engine/types.js';

const standard = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../definitions/workflows/standard.json', import.meta.url)), 'utf8'),
);

const mails = {
  submitted: { subject: 'A/R de votre demande', body: 'Dossier {{dossier.number}} reçu.' },
  accepted: { subject: 'Demande acceptée', body: 'Bonjour {{family.name}}, c’est accepté.' },
  rejected: { subject: 'Demande rejetée', body: 'Motif : {{reason}}' },
  correction: { subject: 'Demande à compléter', body: 'À corriger : {{reason}}' },
};

/** A minimal démarche: one step with two fields and a required justificatif. */
export function procedureFiles(code: string, folder = `${code}-exemple`): DefinitionFiles {
  return {
    folder,
    procedure: {
      code,
      title: `Démarche d'exemple ${code}`,
      summary: 'Une démarche pour les tests.',
      legalNotice: { title: 'Informations légales', paragraphs: ['Texte.'], confirmationLabel: "J'ai compris." },
      subject: 'family',
      justificatifs: [
        { key: 'piece', label: 'Pièce justificative', required: true, accept: ['application/pdf', 'image/jpeg'], maxSize: 3145728 },
      ],
      prefill: [{ answer: '/adresse', record: 'family.address', fields: { ville: 'city' } }],
      effects: [{ kind: 'updateRecord', answer: '/adresse', record: 'family.address', fields: { ville: 'city' } }],
      notifications: structuredClone(mails),
      review: 'agent',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['nom', 'adresse'],
      properties: {
        nom: { type: 'string', minLength: 2, maxLength: 50 },
        adresse: {
          type: 'object',
          additionalProperties: false,
          required: ['ville'],
          properties: { ville: { type: 'string', minLength: 2 } },
        },
      },
    },
    uischema: {
      type: 'Categorization',
      elements: [
        {
          type: 'Category',
          label: 'Identité',
          elements: [{ type: 'Control', scope: '#/properties/nom' }],
        },
        {
          type: 'Category',
          label: 'Adresse',
          elements: [
            { type: 'Control', scope: '#/properties/adresse/properties/ville' },
            { type: 'Justificatif', key: 'piece' },
          ],
        },
      ],
    },
  };
}

/** Two démarches (90, 91 requiring 90) and the shared standard workflow. */
export function validSet(): DefinitionSet {
  const first = procedureFiles('90');
  const second = procedureFiles('91');
  (second.procedure as Record<string, unknown>).prerequisites = [
    { id: 'exemple-fait', rule: { var: 'dossiers.90.acceptedThisSchoolYear' }, message: 'Faites d’abord la démarche 90.', doFirst: '90' },
  ];
  return { procedures: [first, second], workflows: { standard: structuredClone(standard) } };
}

export function standardWorkflow(): Record<string, unknown> {
  return structuredClone(standard);
}
