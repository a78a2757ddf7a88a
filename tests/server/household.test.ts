// The household repository against real Postgres: reads shaped like
// engine/meta/household.schema.json, engine effects applied on every writable path,
// other families' ids refused, health data encrypted at rest and its reads audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import householdSchema from '../../engine/meta/household.schema.json' with { type: 'json' };
import { applyRecordEffect, readChild, readFamily } from '../../server/household/repository.js';
import { auditLog } from '../../server/audit.js';
import { CHILDREN, FAMILIES, GUARDIANS } from '../../server/demo/data.js';
import { DEMO, databaseDigest, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const A = FAMILIES[0].id;
const B = FAMILIES[1].id;
const C = FAMILIES[2].id;
const lea = CHILDREN[0].id;
const lucas = CHILDREN[2].id; // in households B and C
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(householdSchema);
const validateFamily = ajv.getSchema(`${householdSchema.$id}#/properties/family`)!;
const validateChild = ajv.getSchema(`${householdSchema.$id}#/definitions/child`)!;

/** Keys the schema does not describe ("exactly like": no extra fields either). */
function extraKeys(value: unknown, node: any, path = ''): string[] {
  if (node?.$ref) node = node.$ref.split('/').slice(1).reduce((n: any, k: string) => n[k], householdSchema);
  if (Array.isArray(value)) return value.flatMap((v, i) => extraKeys(v, node.items, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (node.properties?.[k] ? extraKeys(v, node.properties[k], `${path}/${k}`) : [`${path}/${k}`]));
}

const apply = (target: { familyId: string; childId?: string }, effect: Record<string, unknown>) =>
  t.db.transaction((trx) => applyRecordEffect(trx, target, effect as never));

describe('reading the household record', () => {
  it('reads a family shaped exactly like household.schema.json#/properties/family', async () => {
    const family = (await readFamily(t.db, A))!;
    expect(validateFamily(family), JSON.stringify(validateFamily.errors)).toBe(true);
    expect(extraKeys(family, householdSchema.properties.family)).toEqual([]);
    expect(family).toMatchObject({ id: A, name: 'MARTIN', address: { street: '12 rue des Lilas', postalCode: '77100', city: 'Villebourg' }, consents: { email: true, sms: false }, quotient: { value: 650 } });
    expect(family.guardians.map((g) => g.firstName)).toEqual(['Claire', 'Julien']);
    expect(family.guardians[0].birthDate).toBe('1985-04-12');
    const child = family.children.find((c) => c.id === lea)!;
    expect(child).toMatchObject({ firstName: 'Léa', birthDate: '2018-03-14', schooling: { schoolName: 'École élémentaire Jules Ferry', className: 'CE1' } });
    expect(child).not.toHaveProperty('health');
    expect(await readFamily(t.db, '00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('reads one child with its decrypted health record; the table holds only ciphertext', async () => {
    const child = (await readChild(t.db, A, lea))!;
    expect(validateChild(child), JSON.stringify(validateChild.errors)).toBe(true);
    expect(extraKeys(child, householdSchema.definitions.child)).toEqual([]);
    expect(child.health).toMatchObject({ pai: true, allergies: [{ kind: 'alimentaire', details: 'arachide' }] });
    const raw = await t.db('children').where({ id: lea }).first();
    expect(raw.health_encrypted).toMatch(/^v2\./); // sealed with the current key's id
    expect(raw.health_encrypted).not.toContain('arachide');
    expect(await readChild(t.db, B, lea)).toBeUndefined(); // not family B's child
    expect(await readChild(t.db, C, lucas)).toMatchObject({ firstName: 'Lucas' }); // two households
  });

  it('audits an agent reading a health record, and the audit log cannot be rewritten', async () => {
    await readChild(t.db, A, lea, { actor: { id: DEMO.agent.userId, role: 'agent' } });
    const row = await t.db('audit_log').where({ action: 'health.read', child_id: lea }).orderBy('id', 'desc').first();
    expect(row).toMatchObject({ actor_id: DEMO.agent.userId, actor_role: 'agent', family_id: A });
    await expect(t.db('audit_log').where({ id: row.id }).update({ actor_id: null })).rejects.toThrow(/append-only/);
    await expect(t.db('audit_log').where({ id: row.id }).delete()).rejects.toThrow(/append-only/);
    await auditLog(t.db, { action: 'test.entry' });
  });
});

describe('applying engine effects', () => {
  it('updates the family, its address, billing address and consents', async () => {
    await apply({ familyId: A }, { kind: 'updateRecord', record: 'family', values: { homePhone: '01 99 99 99 99', cafNumber: '7654321' } });
    await apply({ familyId: A }, { kind: 'updateRecord', record: 'family.address', values: { street: '8 place de la Mairie', complement: '', postalCode: '77100', city: 'Villebourg' } });
    await apply({ familyId: A }, { kind: 'updateRecord', record: 'family.billingAddress', values: { street: '1 rue du Trésor', postalCode: '75001', city: 'Paris' } });
    await apply({ familyId: A }, { kind: 'updateRecord', record: 'family.consents', values: { sms: true } });
    const family = (await readFamily(t.db, A))!;
    expect(family).toMatchObject({ homePhone: '01 99 99 99 99', cafNumber: '7654321', address: { street: '8 place de la Mairie', city: 'Villebourg' }, billingAddress: { city: 'Paris' }, consents: { email: true, sms: true } });
    expect(family.address).not.toHaveProperty('complement');
  });

  it('refuses read-only or unknown fields (no mass assignment)', async () => {
    const before = await databaseDigest(t.db);
    for (const effect of [
      { kind: 'updateRecord', record: 'family', values: { id: B } },
      { kind: 'updateRecord', record: 'family', values: { directDebit: true } },
      { kind: 'updateRecord', record: 'family.quotient', values: { value: 1 } },
      { kind: 'updateRecord', record: 'family.address', values: { street: 'x', country: 'FR' } },
      { kind: 'updateRecord', record: 'family.guardians', values: { firstName: 'x' } },
      { kind: 'syncCollection', record: 'family.enrolments', items: [], delete: true },
    ]) {
      await expect(apply({ familyId: A }, effect), JSON.stringify(effect)).rejects.toMatchObject({ code: 'INVALID_DATA' });
    }
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('syncs guardians and contacts: updates own ids, creates new ones, deletes missing ones', async () => {
    const [claire, julien] = GUARDIANS;
    await apply({ familyId: A }, { kind: 'syncCollection', record: 'family.guardians', delete: true, items: [
      { id: claire.id, firstName: 'Claire', lastName: 'MARTIN-DUVAL', birthDate: '1985-04-12' },
      { firstName: 'Nadia', lastName: 'MARTIN', relation: 'tuteur', birthDate: '' },
    ] });
    const guardians = (await readFamily(t.db, A))!.guardians;
    expect(guardians.map((g) => g.lastName).sort()).toEqual(['MARTIN', 'MARTIN-DUVAL']);
    expect(guardians.find((g) => g.id === julien.id)).toBeUndefined();
    expect(guardians.find((g) => g.firstName === 'Nadia')).not.toHaveProperty('birthDate');

    await apply({ familyId: A }, { kind: 'syncCollection', record: 'family.contacts', delete: false, items: [{ firstName: 'Marc', lastName: 'ROUX', canPickUp: true, emergencyContact: false }] });
    const contacts = (await readFamily(t.db, A))!.contacts;
    expect(contacts).toHaveLength(2);
    expect(contacts.find((c) => c.firstName === 'Marc')).toMatchObject({ canPickUp: true, emergencyContact: false });
  });

  it('refuses an id of another family in a collection, and changes nothing', async () => {
    const before = await databaseDigest(t.db);
    const paul = GUARDIANS[2]; // family B
    await expect(apply({ familyId: A }, { kind: 'syncCollection', record: 'family.guardians', delete: true, items: [{ id: paul.id, firstName: 'Volé' }] }))
      .rejects.toMatchObject({ code: 'INVALID_DATA' });
    await expect(apply({ familyId: A }, { kind: 'syncCollection', record: 'family.children', delete: false, items: [{ id: lucas, firstName: 'Volé' }] }))
      .rejects.toMatchObject({ code: 'INVALID_DATA' });
    await expect(apply({ familyId: A, childId: lucas }, { kind: 'updateRecord', record: 'child.health', values: { diet: 'x' } }))
      .rejects.toMatchObject({ code: 'INVALID_DATA' });
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('creates a child linked to the family; removing a shared child keeps it in the other household', async () => {
    await apply({ familyId: B }, { kind: 'syncCollection', record: 'family.children', delete: true, items: [
      { firstName: 'Inès', lastName: 'BERNARD', birthDate: '2020-02-02', sex: 'F' },
    ] });
    const b = (await readFamily(t.db, B))!;
    expect(b.children.map((c) => c.firstName)).toEqual(['Inès']);
    expect((await readFamily(t.db, C))!.children.map((c) => c.firstName)).toEqual(['Lucas']);
  });

  it('writes a child, its schooling and its health record (encrypted, merged)', async () => {
    const school = await t.db('schools').where({ code: 'CURIE' }).first();
    await apply({ familyId: C, childId: lucas }, { kind: 'updateRecord', record: 'child', values: { firstName: 'Lucas', sex: 'M' } });
    await apply({ familyId: C, childId: lucas }, { kind: 'updateRecord', record: 'child.schooling', values: { schoolId: school.id, className: 'CM2', level: 'elementaire' } });
    await apply({ familyId: C, childId: lucas }, { kind: 'updateRecord', record: 'child.health', values: { doctorName: 'Dr Lenoir', allergies: [{ kind: 'médicament', details: 'pénicilline' }] } });
    await apply({ familyId: C, childId: lucas }, { kind: 'updateRecord', record: 'child.health', values: { pai: false } });
    const child = (await readChild(t.db, C, lucas))!;
    expect(child).toMatchObject({ schooling: { schoolId: school.id, schoolName: school.name, className: 'CM2' }, health: { doctorName: 'Dr Lenoir', pai: false } });
    expect((await t.db('children').where({ id: lucas }).first()).health_encrypted).not.toContain('pénicilline');
    await expect(apply({ familyId: C, childId: lucas }, { kind: 'updateRecord', record: 'child.schooling', values: { schoolId: 'nope' } }))
      .rejects.toMatchObject({ code: 'INVALID_DATA' });
  });
});
