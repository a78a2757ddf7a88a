// What a saved draft must satisfy: types and shapes, not completeness nor choices (checked at submission).
import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../engine/compile.js';

describe('schéma des brouillons', () => {
  it('relâche les choix (oneOf [{const, title}], enum) et les const : une valeur héritée ne bloque pas l’enregistrement', () => {
    const schema = {
      type: 'object',
      required: ['lien'],
      properties: {
        lien: { type: 'string', oneOf: [{ const: 'grandParent', title: 'Grand-parent' }, { const: 'autre', title: 'Autre' }] },
        accord: { type: 'boolean', const: true },
      },
    };
    expect(draftSchema(schema)).toEqual({
      type: 'object',
      properties: {
        lien: { type: 'string' },
        accord: { type: 'boolean' },
      },
    });
  });
});
