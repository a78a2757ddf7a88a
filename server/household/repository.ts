// The household record (dossier famille) as démarches see it: reads shaped exactly like
// engine/meta/household.schema.json, and (effects.ts) writes from engine effects.
import type { Db, Trx } from '../db.js';
import { defaultSealer, type Sealer } from '../crypto.js';
import { auditLog } from '../audit.js';
import { parisDate, schoolYearOf } from '../../engine/index.js';
import {
  CHILD_FIELDS, CONSENT_FIELDS, CONTACT_FIELDS, FAMILY_FIELDS, GUARDIAN_FIELDS, addressFields,
  selectColumns, toRecord,
} from './fields.js';

export { applyRecordEffect, type EffectTarget } from './effects.js';

type Conn = Db | Trx;
export type Rec = Record<string, unknown>;

export interface FamilyRecord extends Rec {
  id: string;
  name: string;
  guardians: Rec[];
  children: Rec[];
  contacts: Rec[];
  enrolments: Rec[];
}

const nonEmpty = (o: Rec) => (Object.keys(o).length ? o : undefined);

/** Ids of the children of a family (a child may be in two families). */
export async function childIdsOf(db: Conn, familyId: string): Promise<string[]> {
  return (await db('family_children').where({ family_id: familyId }).pluck('child_id')) as string[];
}

async function schoolingOf(db: Conn, childIds: string[], schoolYear: string): Promise<Map<string, Rec>> {
  const rows = await db('schoolings as sc').leftJoin('schools as s', 's.id', 'sc.school_id')
    .whereIn('sc.child_id', childIds).where('sc.school_year', schoolYear)
    .select('sc.child_id', 'sc.school_year', 'sc.school_id', 's.name as school_name', 'sc.level', 'sc.class_name');
  return new Map(rows.map((r) => [r.child_id as string, {
    schoolYear: r.school_year, ...(r.school_id && { schoolId: r.school_id, schoolName: r.school_name }),
    ...(r.level && { level: r.level }), ...(r.class_name && { className: r.class_name }),
  }]));
}

async function enrolmentsOf(db: Conn, familyId: string, schoolYear: string): Promise<Rec[]> {
  const rows = await db('enrolments as e').join('activities as a', 'a.id', 'e.activity_id')
    .where({ 'e.family_id': familyId, 'e.school_year': schoolYear, 'e.status': 'active' })
    .select('e.id', 'e.child_id', 'e.activity_id', 'a.name', 'e.school_year').orderBy('a.name');
  return rows.map((r) => ({ id: r.id, childId: r.child_id, activityId: r.activity_id, activityName: r.name, schoolYear: r.school_year }));
}

async function currentQuotient(db: Conn, familyId: string, today: string): Promise<Rec | undefined> {
  const row = await db('family_quotients').where({ family_id: familyId }).where('valid_from', '<=', today)
    .where((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', today))
    .orderBy('valid_from', 'desc').first('value', db.raw('valid_from::text as valid_from'), db.raw('valid_to::text as valid_to'));
  if (!row) return undefined;
  return { value: Number(row.value), validFrom: row.valid_from, ...(row.valid_to && { validTo: row.valid_to }) };
}

/** The family record, or undefined. Children come without their health record (see readChild). */
export async function readFamily(db: Conn, familyId: string, opts: { now?: Date } = {}): Promise<FamilyRecord | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(familyId)) return undefined;
  const now = opts.now ?? new Date();
  const row = await db('families').where({ id: familyId }).first();
  if (!row) return undefined;
  const today = parisDate(now);
  const schoolYear = schoolYearOf(today);
  const guardians = await db('guardians').where({ family_id: familyId }).orderBy('created_at').orderBy('id').select(selectColumns(db, GUARDIAN_FIELDS));
  const contacts = await db('contacts').where({ family_id: familyId }).orderBy('created_at').orderBy('id').select(selectColumns(db, CONTACT_FIELDS));
  const childRows = await db('children as c').join('family_children as fc', 'fc.child_id', 'c.id').where('fc.family_id', familyId)
    .orderBy('c.birth_date').orderBy('c.id').select(selectColumns(db, CHILD_FIELDS, 'c'));
  const schooling = await schoolingOf(db, childRows.map((c) => c.id), schoolYear);
  const enrolments = await enrolmentsOf(db, familyId, schoolYear);
  const quotient = await currentQuotient(db, familyId, today);
  const record: FamilyRecord = {
    ...toRecord(row, FAMILY_FIELDS), id: row.id, name: row.name,
    consents: toRecord(row, CONSENT_FIELDS, false),
    directDebit: row.direct_debit,
    guardians: guardians.map((g) => toRecord(g, GUARDIAN_FIELDS)),
    children: childRows.map((c) => ({
      ...toRecord(c, CHILD_FIELDS),
      ...(schooling.has(c.id) && { schooling: schooling.get(c.id) }),
      enrolments: enrolments.filter((e) => e.childId === c.id),
    })),
    contacts: contacts.map((c) => toRecord(c, CONTACT_FIELDS)),
    enrolments,
  };
  const address = nonEmpty(toRecord(row, addressFields('address'), false));
  const billing = nonEmpty(toRecord(row, addressFields('billing'), false));
  if (address) record.address = address;
  if (billing) record.billingAddress = billing;
  if (quotient) record.quotient = quotient;
  return record;
}

export interface ReadChildOptions {
  sealer?: Sealer;
  /** When an agent (or admin) reads, the read of the health record is audited. */
  actor?: { id: string; role: string };
  now?: Date;
}

/** One child of the family with its decrypted health record, or undefined if not this family's. */
export async function readChild(db: Conn, familyId: string, childId: string, opts: ReadChildOptions = {}): Promise<Rec | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(childId)) return undefined;
  const row = await db('children as c').join('family_children as fc', 'fc.child_id', 'c.id')
    .where({ 'fc.family_id': familyId, 'c.id': childId })
    .first([...selectColumns(db, CHILD_FIELDS, 'c'), 'c.health_encrypted']);
  if (!row) return undefined;
  const today = parisDate(opts.now ?? new Date());
  const schooling = (await schoolingOf(db, [childId], schoolYearOf(today))).get(childId);
  const enrolments = (await enrolmentsOf(db, familyId, schoolYearOf(today))).filter((e) => e.childId === childId);
  const child: Rec = { ...toRecord(row, CHILD_FIELDS), enrolments };
  if (schooling) child.schooling = schooling;
  if (row.health_encrypted) {
    child.health = JSON.parse((opts.sealer ?? defaultSealer()).open(row.health_encrypted));
    if (opts.actor && opts.actor.role !== 'parent') {
      await auditLog(db, { actorId: opts.actor.id, actorRole: opts.actor.role, action: 'health.read', subjectType: 'child', subjectId: childId, familyId, childId });
    }
  }
  return child;
}
