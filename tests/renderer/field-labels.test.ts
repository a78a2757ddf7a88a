// Fields named the way the parent saw them: the wizard's error and correction lists (labelAt) and
// the agent's correction dialog (fieldChoices) share one reading of answer pointers. An item of
// a list reads "n° 2", and "*" — every item, as an agent's correction names it — "(chaque
// élément)", never a bare "*".
import { describe, expect, it } from 'vitest';
import { labelAt } from '../../renderer/src/forms/pointers.js';
import { fieldChoices } from '../../admin/src/dossier/fieldChoices.js';
import { shippedDefinitions } from '../helpers/definitions.js';

const schema = {
  type: 'object',
  definitions: { personne: { type: 'object', properties: { nom: { type: 'string', title: 'Nom' } } } },
  properties: {
    contacts: { type: 'array', title: 'Personnes à contacter', items: { $ref: '#/definitions/personne' } },
    'a/b': { type: 'string', title: 'Barre' },
    sansTitre: { type: 'string' },
  },
};

describe('labelAt', () => {
  it('names list items by their number, and every item as « chaque élément »', () => {
    expect(labelAt(schema, '/contacts/1/nom')).toBe('Personnes à contacter n° 2 › Nom');
    expect(labelAt(schema, '/contacts/*/nom')).toBe('Personnes à contacter (chaque élément) › Nom');
  });
  it('reads escaped tokens, falls back on the property name, and names the whole form', () => {
    expect(labelAt(schema, '/a~1b')).toBe('Barre');
    expect(labelAt(schema, '/sansTitre')).toBe('sansTitre');
    expect(labelAt(schema, '')).toBe('Formulaire');
  });
});

describe('fieldChoices of the shipped démarches', () => {
  it('give every correctable field a label and a step, with no bare pointer token', async () => {
    const { catalog } = await shippedDefinitions();
    let starred = 0;
    for (const procedure of catalog.byCode.values()) {
      const choices = fieldChoices(procedure.schema, procedure.uischema, procedure.fieldPointers);
      expect(choices.map((c) => c.pointer)).toEqual(procedure.fieldPointers);
      for (const choice of choices) {
        const where = `${procedure.code} ${choice.pointer}`;
        expect(choice.label, where).not.toMatch(/(^|›\s*)\*|\/|^\s*$/);
        expect(choice.step, where).not.toBe('');
        if (choice.pointer.includes('/*/')) starred++;
      }
    }
    // Some démarches have lists (contacts, children…): the "*" case is really exercised.
    expect(starred).toBeGreaterThan(0);
  });
});
