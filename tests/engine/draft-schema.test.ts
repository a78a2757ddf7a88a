// What a saved draft must satisfy: shapes, not completeness — labelled enums stay enums.
import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../engine/compile.js';

describe('schéma des brouillons', () => {
  it('garde les choix libellés oneOf [{const, title}] et relâche les autres const', () => {
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
        lien: { type: 'string', oneOf: [{ const: 'grandParent', title: 'Grand-parent' }, { const: 'autre', title: 'Autre' }] },
        accord: { type: 'boolean' },
      },
    });
  });
});
