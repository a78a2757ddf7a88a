// The agent sees what accepting a dossier would change: old value → new value, per field,
// list items added, updated or removed, and the named effects.
import { describe, expect, it } from 'vitest';
import { diffEffects, previewAcceptance, start, loadDefinitions } from '../../engine/index.js';
import { validSet } from '../helpers/fixtures.js';

describe('aperçu des changements', () => {
  it('compare chaque champ et chaque élément de liste au dossier famille actuel', () => {
    const family = { address: { street: '1 rue Haute', city: 'Prades' }, contacts: [{ id: 'c1', firstName: 'Anne', mobilePhone: '0600000000' }, { id: 'c2', firstName: 'Marc' }] };
    const changes = diffEffects(
      [
        { kind: 'updateRecord', record: 'family.address', values: { street: '8 chemin des Vignes', city: 'Prades' } },
        { kind: 'syncCollection', record: 'family.contacts', delete: true, items: [{ id: 'c1', firstName: 'Anne', mobilePhone: '0611111111' }, { firstName: 'Zoé' }] },
        { kind: 'mail', template: 'accepted', to: 'family', subject: 's', body: 'b' },
        { kind: 'recordSchooling', childId: 'e1', schoolId: 's1' },
      ],
      { family },
    );
    expect(changes).toEqual([
      { record: 'family.address', kind: 'set', field: 'street', itemId: undefined, before: '1 rue Haute', after: '8 chemin des Vignes' },
      { record: 'family.contacts', kind: 'update', field: 'mobilePhone', itemId: 'c1', before: '0600000000', after: '0611111111' },
      { record: 'family.contacts', kind: 'add', after: { firstName: 'Zoé' } },
      { record: 'family.contacts', kind: 'remove', itemId: 'c2', before: { id: 'c2', firstName: 'Marc' } },
      { record: 'recordSchooling', kind: 'effect', after: { childId: 'e1', schoolId: 's1' } },
    ]);
  });

  it('fait un essai à blanc des effets de la démarche', () => {
    const procedure = loadDefinitions(validSet()).catalog!.byCode.get('90')!;
    const facts = { family: { id: 'f1', address: { city: 'Prades' } }, dossiers: {} };
    const now = new Date('2026-10-01T08:00:00Z');
    const started = start(procedure, facts, now);
    if (!started.ok) throw new Error('start');
    const state = { ...started.state, answers: { nom: 'Léa', adresse: { ville: 'Ria' } } };
    const preview = previewAcceptance(procedure, state, facts, now);
    expect(preview.changes).toEqual([{ record: 'family.address', kind: 'set', field: 'city', itemId: undefined, before: 'Prades', after: 'Ria' }]);
    expect(preview.effects).toEqual([{ kind: 'updateRecord', record: 'family.address', values: { city: 'Ria' } }]);
  });
});
