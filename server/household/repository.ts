// The household record (dossier famille) as démarches see it: reads shaped exactly like
// engine/meta/household.schema.json, and (effects.ts) writes from engine effects.
import type { Db, Trx } from '../db.js';
import { defaultSealer, type Sealer } from '../crypto.js';
import { auditLog } from '../audit.js';
import { parisDate, schoolYearOf } from '../../engine/index.js';
import {
  CHILD_FIELDS, CONSENT_FIELDS, CONTACT_FIELDS, FAMILY_FIELDS, GUARDIAN_FIELDS, addressFields,
  jsonObjectSql, selectColumns, toRecord,
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

// One round trip: démarches read the family on every autosave (prefill, prerequisites).
const FAMILY_SQL = `
SELECT f.*,
  (SELECT coalesce(json_agg(json_strip_nulls(${jsonObjectSql(GUARDIAN_FIELDS, 'g')}) ORDER BY g.created_at, g.id), '[]')
     FROM guardians g WHERE g.family_id = f.id) AS guardians_json,
  (SELECT coalesce(json_agg(json_strip_nulls(${jsonObjectSql(CONTACT_FIELDS, 'k')}) ORDER BY k.created_at, k.id), '[]')
     FROM contacts k WHERE k.family_id = f.id) AS contacts_json,
  (SELECT coalesce(json_agg(json_strip_nulls(${jsonObjectSql(CHILD_FIELDS, 'c', {
    schooling: `(SELECT json_strip_nulls(json_build_object('schoolYear', sc.school_year, 'schoolId', sc.school_id, 'schoolName', s.name,
                   'level', sc.level, 'className', sc.class_name))
                   FROM schoolings sc LEFT JOIN schools s ON s.id = sc.school_id WHERE sc.child_id = c.id AND sc.school_year = :year)`,
  })}) ORDER BY c.birth_date, c.id), '[]')
     FROM children c JOIN family_children fc ON fc.child_id = c.id WHERE fc.family_id = f.id) AS children_json,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'childId', e.child_id, 'activityId', e.activity_id, 'activityName', a.name,
            'schoolYear', e.school_year) ORDER BY a.name, e.id), '[]')
     FROM enrolments e JOIN activities a ON a.id = e.activity_id
    WHERE e.family_id = f.id AND e.school_year = :year AND e.status = 'active') AS enrolments_json,
  (SELECT json_strip_nulls(json_build_object('value', q.value, 'validFrom', q.valid_from::text, 'validTo', q.valid_to::text))
     FROM family_quotients q
    WHERE q.family_id = f.id AND q.valid_from <= :today::date AND (q.valid_to IS NULL OR q.valid_to >= :today::date)
    ORDER BY q.valid_from DESC LIMIT 1) AS quotient_json
FROM families f WHERE f.id = :id`;

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** The family record, or undefined. Children come without their health record (see readChild). */
export async function readFamily(db: Conn, familyId: string, opts: { now?: Date } = {}): Promise<FamilyRecord | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(familyId)) return undefined;
  const today = parisDate(opts.now ?? new Date());
  const { rows } = await db.raw(FAMILY_SQL, { id: familyId, year: schoolYearOf(today), today });
  const row = rows[0];
  if (!row) return undefined;
  const enrolments = parsed<Rec[]>(row.enrolments_json);
  const quotient = parsed<Rec | null>(row.quotient_json);
  const record: FamilyRecord = {
    ...toRecord(row, FAMILY_FIELDS), id: row.id, name: row.name,
    consents: toRecord(row, CONSENT_FIELDS, false),
    directDebit: row.direct_debit,
    guardians: parsed<Rec[]>(row.guardians_json),
    children: parsed<Rec[]>(row.children_json).map((c) => ({ ...c, enrolments: enrolments.filter((e) => e.childId === c.id) })),
    contacts: parsed<Rec[]>(row.contacts_json),
    enrolments,
  };
  const address = nonEmpty(toRecord(row, addressFields('address'), false));
  const billing = nonEmpty(toRecord(row, addressFields('billing'), false));
  if (address) record.address = address;
  if (billing) record.billingAddress = billing;
  if (quotient) record.quotient = { ...quotient, value: Number(quotient.value) };
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
