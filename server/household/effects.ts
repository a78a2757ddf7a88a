// Carrying out the engine's record effects ({kind:'updateRecord'|'syncCollection'}) on the
// household tables, inside the caller's transaction. Only the writable paths of
// household.schema.json are accepted; ids of another family are refused, never updated.
import type { Trx } from '../db.js';
import { parisDate, schoolYearOf, type Effect } from '../../engine/index.js';
import { AppError } from '../http/errors.js';
import { defaultSealer, type Sealer } from '../crypto.js';
import {
  CHILD_FIELDS, CONSENT_FIELDS, CONTACT_FIELDS, FAMILY_FIELDS, GUARDIAN_FIELDS, SCHOOLING_FIELDS, addressFields,
  toColumns, RecordFieldError, type FieldMap,
} from './fields.js';

export interface EffectTarget {
  familyId: string;
  childId?: string | null;
  sealer?: Sealer;
}

type Rec = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refuse = (message: string) => new AppError('INVALID_DATA', message);

const FAMILY_PARTS: Record<string, { map: FieldMap }> = {
  'family.address': { map: addressFields('address') },
  'family.billingAddress': { map: addressFields('billing') },
  'family.consents': { map: CONSENT_FIELDS },
};

async function updateFamily(trx: Trx, familyId: string, record: string, values: Rec): Promise<void> {
  const nested = record === 'family' ? ['address', 'billingAddress', 'consents'] : [];
  const map = record === 'family' ? FAMILY_FIELDS : FAMILY_PARTS[record].map;
  const columns = toColumns(values, map, record, nested);
  for (const key of nested) {
    const part = values[key];
    if (part === undefined || part === null) continue;
    if (typeof part !== 'object' || Array.isArray(part)) throw refuse(`« family.${key} » doit être un objet.`);
    Object.assign(columns, toColumns(part as Rec, FAMILY_PARTS[`family.${key}`].map, `family.${key}`));
  }
  if (Object.keys(columns).length) await trx('families').where({ id: familyId }).update({ ...columns, updated_at: trx.fn.now() });
}

async function assertChildOf(trx: Trx, familyId: string, childId: string | null | undefined): Promise<string> {
  const ok = childId && UUID.test(childId) && (await trx('family_children').where({ family_id: familyId, child_id: childId }).first());
  if (!ok) throw refuse("L'enfant n'appartient pas à cette famille.");
  return childId!;
}

const HEALTH_LISTS = new Set(['child.health.vaccinations', 'child.health.allergies']);

async function readHealth(trx: Trx, childId: string, sealer: Sealer): Promise<Rec> {
  const row = await trx('children').where({ id: childId }).forUpdate().first('health_encrypted');
  return row?.health_encrypted ? JSON.parse(sealer.open(row.health_encrypted)) : {};
}

async function updateHealth(trx: Trx, childId: string, values: Rec, sealer: Sealer): Promise<void> {
  const current = await readHealth(trx, childId, sealer);
  const next = { ...current, ...values };
  for (const key of Object.keys(next)) if (next[key] === null || next[key] === undefined) delete next[key];
  await trx('children').where({ id: childId }).update({ health_encrypted: sealer.seal(JSON.stringify(next)), updated_at: trx.fn.now() });
}

async function updateSchooling(trx: Trx, childId: string, values: Rec, schoolYear: string): Promise<void> {
  const columns = toColumns(values, SCHOOLING_FIELDS, 'child.schooling', ['schoolName']);
  const year = (columns.school_year as string | undefined) ?? schoolYear;
  if (columns.school_id != null) {
    const exists = UUID.test(String(columns.school_id)) && (await trx('schools').where({ id: columns.school_id }).first('id'));
    if (!exists) throw refuse("L'école choisie n'existe pas.");
  }
  await trx('schoolings').insert({ child_id: childId, ...columns, school_year: year }).onConflict(['child_id', 'school_year']).merge();
}

async function updateChild(trx: Trx, childId: string, values: Rec, target: EffectTarget, schoolYear: string): Promise<void> {
  const columns = toColumns(values, CHILD_FIELDS, 'child', ['health', 'schooling', 'enrolments']);
  if (Object.keys(columns).length) await trx('children').where({ id: childId }).update({ ...columns, updated_at: trx.fn.now() });
  if (values.health && typeof values.health === 'object') await updateHealth(trx, childId, values.health as Rec, target.sealer ?? defaultSealer());
  if (values.schooling && typeof values.schooling === 'object') await updateSchooling(trx, childId, values.schooling as Rec, schoolYear);
}

interface Collection {
  table: 'guardians' | 'contacts' | 'children';
  map: FieldMap;
}
const COLLECTIONS: Record<string, Collection> = {
  'family.guardians': { table: 'guardians', map: GUARDIAN_FIELDS },
  'family.contacts': { table: 'contacts', map: CONTACT_FIELDS },
  'family.children': { table: 'children', map: CHILD_FIELDS },
};

async function ownedIds(trx: Trx, c: Collection, familyId: string): Promise<Set<string>> {
  const ids = c.table === 'children'
    ? await trx('family_children').where({ family_id: familyId }).pluck('child_id')
    : await trx(c.table).where({ family_id: familyId }).pluck('id');
  return new Set(ids.map(String));
}

async function syncCollection(trx: Trx, target: EffectTarget, record: string, items: Rec[], remove: boolean, schoolYear: string): Promise<void> {
  const c = COLLECTIONS[record];
  const owned = await ownedIds(trx, c, target.familyId);
  const kept = new Set<string>();
  for (const item of items) {
    const id = item.id == null || item.id === '' ? undefined : String(item.id);
    // Refuse before writing anything: an id of another family is never touched.
    if (id && !owned.has(id)) throw refuse(`L'élément ${id} de « ${record} » n'appartient pas à cette famille.`);
  }
  for (const item of items) {
    const id = item.id == null || item.id === '' ? undefined : String(item.id);
    if (c.table === 'children') {
      const childId = id ?? (await insertChild(trx, target.familyId));
      await updateChild(trx, childId, { ...item, id: undefined }, target, schoolYear);
      kept.add(childId);
      continue;
    }
    const columns = toColumns(item, c.map, record, ['id']);
    if (id) {
      await trx(c.table).where({ id, family_id: target.familyId }).update({ ...columns, updated_at: trx.fn.now() });
      kept.add(id);
    } else {
      const [row] = await trx(c.table).insert({ ...columns, family_id: target.familyId }).returning('id');
      kept.add(String(row.id));
    }
  }
  if (remove) await removeMissing(trx, c, target.familyId, [...owned].filter((id) => !kept.has(id)));
}

async function insertChild(trx: Trx, familyId: string): Promise<string> {
  const [row] = await trx('children').insert({}).returning('id');
  await trx('family_children').insert({ family_id: familyId, child_id: row.id });
  return String(row.id);
}

async function removeMissing(trx: Trx, c: Collection, familyId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  if (c.table !== 'children') {
    await trx(c.table).where({ family_id: familyId }).whereIn('id', ids).delete();
    return;
  }
  // A child leaves this household; it stays in the other one if it has two.
  await trx('family_children').where({ family_id: familyId }).whereIn('child_id', ids).delete();
}

/** Applies one record effect in the caller's transaction. Throws INVALID_DATA on a refused write. */
export async function applyRecordEffect(trx: Trx, target: EffectTarget, effect: Effect, schoolYear = currentSchoolYear()): Promise<void> {
  const e = effect as { kind: string; record: string; values?: Rec; items?: Rec[]; delete?: boolean };
  try {
    if (e.kind === 'syncCollection' && HEALTH_LISTS.has(e.record) && Array.isArray(e.items)) {
      // Lists inside the health record (vaccinations, allergies) live in its sealed document: replaced whole.
      const childId = await assertChildOf(trx, target.familyId, target.childId);
      const field = e.record.slice('child.health.'.length);
      const current = e.delete ? [] : ((await readHealth(trx, childId, target.sealer ?? defaultSealer()))[field] as Rec[] | undefined) ?? [];
      return await updateHealth(trx, childId, { [field]: [...current, ...e.items] }, target.sealer ?? defaultSealer());
    }
    if (e.kind === 'syncCollection') {
      if (!COLLECTIONS[e.record] || !Array.isArray(e.items)) throw refuse(`« ${e.record} » n'est pas une liste modifiable.`);
      return await syncCollection(trx, target, e.record, e.items, !!e.delete, schoolYear);
    }
    if (e.kind !== 'updateRecord' || !e.values || typeof e.values !== 'object') throw refuse(`Effet « ${e.kind} » non pris en charge.`);
    if (e.record === 'family' || FAMILY_PARTS[e.record]) return await updateFamily(trx, target.familyId, e.record, e.values);
    if (!['child', 'child.health', 'child.schooling'].includes(e.record)) throw refuse(`« ${e.record} » ne peut pas être modifié.`);
    const childId = await assertChildOf(trx, target.familyId, target.childId);
    if (e.record === 'child') return await updateChild(trx, childId, e.values, target, schoolYear);
    if (e.record === 'child.health') return await updateHealth(trx, childId, e.values, target.sealer ?? defaultSealer());
    return await updateSchooling(trx, childId, e.values, schoolYear);
  } catch (error) {
    if (error instanceof RecordFieldError) throw refuse(error.message);
    throw error;
  }
}

function currentSchoolYear(): string {
  return schoolYearOf(parisDate(new Date()));
}
