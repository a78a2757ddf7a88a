// Schema defaults fill what the household record did not prefill, at the start of a dossier.
import { describe, expect, it } from 'vitest';
import { withSchemaDefaults } from '../../engine/defaults.js';

const schema = {
  type: 'object',
  properties: {
    consentements: {
      type: 'object',
      properties: { courriel: { type: 'boolean', default: true }, sms: { type: 'boolean', default: false } },
    },
    horsSecteur: { type: 'boolean', default: false },
    adresse: { type: 'object', properties: { rue: { type: 'string' } } },
    contacts: { type: 'array', items: { type: 'object', properties: { urgence: { type: 'boolean', default: false } } } },
  },
};

describe('valeurs par défaut au démarrage', () => {
  it('remplit les propriétés absentes, en créant les objets qui en contiennent', () => {
    expect(withSchemaDefaults(schema, {})).toEqual({ consentements: { courriel: true, sms: false }, horsSecteur: false });
  });

  it('ne remplace jamais une valeur pré-remplie, même fausse, et ne touche pas aux listes', () => {
    const answers = { consentements: { courriel: false }, contacts: [{}] };
    expect(withSchemaDefaults(schema, answers)).toEqual({ consentements: { courriel: false, sms: false }, horsSecteur: false, contacts: [{}] });
    expect(answers).toEqual({ consentements: { courriel: false }, contacts: [{}] });
  });
});
