// French names for what the API reports in English: household records and fields (the
// `changes` of a review), history events, and plain-text rendering of values.
import { formatDate, formatDateTime } from '../../../renderer/src/format.js';

const RECORDS: Record<string, string> = {
  family: 'Foyer',
  'family.address': 'Adresse du foyer',
  'family.billingAddress': 'Adresse de facturation',
  'family.consents': 'Consentements',
  'family.guardians': 'Responsables légaux',
  'family.children': 'Enfants',
  'family.contacts': 'Contacts',
  child: 'Enfant',
  'child.health': 'Fiche sanitaire',
  'child.schooling': 'Scolarité',
};

const FIELDS: Record<string, string> = {
  name: 'Nom du foyer', email: 'Adresse mail', homePhone: 'Téléphone du domicile', cafNumber: 'N° allocataire CAF',
  address: 'Adresse', billingAddress: 'Adresse de facturation', directDebit: 'Prélèvement automatique',
  street: 'Numéro et voie', complement: 'Complément d’adresse', postalCode: 'Code postal', city: 'Commune',
  sms: 'SMS', civility: 'Civilité', lastName: 'Nom', birthName: 'Nom de naissance', firstName: 'Prénom',
  birthDate: 'Date de naissance', relation: 'Lien', mobilePhone: 'Téléphone portable', workPhone: 'Téléphone professionnel',
  profession: 'Profession', employer: 'Employeur', custody: 'Garde', sex: 'Sexe',
  canPickUp: 'Peut venir chercher l’enfant', emergencyContact: 'À appeler en cas d’urgence',
  doctorName: 'Médecin traitant', doctorPhone: 'Téléphone du médecin', vaccinations: 'Vaccinations',
  vaccinationContraindication: 'Contre-indication aux vaccinations', allergies: 'Allergies', pai: 'PAI',
  paiDetails: 'Détails du PAI', diet: 'Régime alimentaire', treatments: 'Traitements', medicalHistory: 'Antécédents médicaux',
  remarks: 'Remarques', schoolYear: 'Année scolaire', schoolId: 'École (identifiant)', schoolName: 'École', level: 'Niveau',
  className: 'Classe', schooling: 'Scolarité', health: 'Fiche sanitaire', kind: 'Type', details: 'Précisions', date: 'Date',
  activityName: 'Activité', activityId: 'Activité (identifiant)', childId: 'Enfant (identifiant)',
};

export const recordLabel = (record: string) => RECORDS[record] ?? record;
export const fieldLabel = (field: string) => FIELDS[field] ?? field;

/** A value of the household or of an effect, as one line of text (never HTML). */
export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(' ; ') : '(aucun)';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => k !== 'id' && v !== undefined && v !== null && v !== '');
    return entries.length ? entries.map(([k, v]) => `${fieldLabel(k)} : ${valueText(v)}`).join(', ') : '(vide)';
  }
  return String(value);
}

const EVENTS: Record<string, string> = {
  START: 'Démarche commencée',
  CONFIRM_NOTICE: 'Mentions légales confirmées',
  SAVE: 'Enregistrement',
  ATTACH: 'Justificatif ajouté',
  DETACH: 'Justificatif retiré',
  SUBMIT: 'Dossier envoyé',
  TAKE: 'Pris en charge',
  RELEASE: 'Remis dans la file',
  NOTE: 'Note interne',
  ACCEPT: 'Accepté',
  REJECT: 'Rejeté',
  REQUEST_CORRECTION: 'Corrections demandées',
  ABANDON: 'Abandonné',
};
export const eventLabel = (type: string) => EVENTS[type] ?? type;

const ROLES: Record<string, string> = { parent: 'famille', agent: 'agent', admin: 'administrateur', system: 'automatique' };
export const roleLabel = (role: string | null | undefined) => (role ? ROLES[role] ?? role : '');
