// Reference data for the engine's x-lookup fields (facts.lookups): the commune's schools and
// classes, the activities, and the family's enrolments, shaped as engine/meta/facts.schema.json says.
import type { CompiledProcedure } from '../../engine/index.js';
import { lookupFields } from '../../engine/lookups.js';
import type { Db, Trx } from '../db.js';

type Conn = Db | Trx;
type Item = Record<string, unknown>;

/** Activity kinds of the database → the lookup's kinds. */
const KIND: Record<string, string> = {
  canteen: 'restauration', before_school: 'periscolaire', after_school: 'periscolaire', wednesday: 'mercredi', holiday: 'vacances',
};
const GRADES = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
const levelOfGrade = (grade: string) => (['PS', 'MS', 'GS'].includes(grade) ? 'maternelle' : 'elementaire');

/** The lookup sources a démarche's schema reads. */
export function sourcesOf(procedure: CompiledProcedure): string[] {
  return [...new Set(lookupFields(procedure.schema).map((f) => f.spec.source))];
}

async function schools(conn: Conn): Promise<Item[]> {
  const rows = await conn('schools').orderBy('name').select('id', 'name', 'level', 'address');
  return rows.map((r) => ({
    id: r.id, name: r.name, levels: r.level === 'primaire' ? ['maternelle', 'elementaire'] : [r.level], ...(r.address && { city: r.address }),
  }));
}

async function classes(conn: Conn, schoolYears: string[]): Promise<Item[]> {
  const rows = await conn('classes').whereIn('school_year', schoolYears).orderBy('name').select('id', 'school_id', 'name', 'level', 'school_year');
  return rows.map((r) => {
    const grade = GRADES.find((g) => String(r.name).toUpperCase().startsWith(g)) ?? (r.level === 'maternelle' ? 'PS' : 'CP');
    return { id: r.id, schoolId: r.school_id, name: r.name, grade, level: r.level === 'maternelle' || r.level === 'elementaire' ? r.level : levelOfGrade(grade), schoolYear: r.school_year };
  });
}

async function activities(conn: Conn, schoolYear: string): Promise<Item[]> {
  const rows = await conn('activities').where({ active: true }).orderBy('name').select('id', 'name', 'kind', 'min_age_months', 'max_age_months', 'required_justificatifs');
  const links = await conn('activity_schools').select('activity_id', 'school_id');
  const start = Number(schoolYear.slice(0, 4));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: KIND[r.kind] ?? 'autre',
    schoolYear,
    schoolIds: links.filter((l) => l.activity_id === r.id).map((l) => l.school_id),
    minAge: r.min_age_months == null ? null : Math.floor(r.min_age_months / 12),
    maxAge: r.max_age_months == null ? null : Math.floor(r.max_age_months / 12),
    // Enrolments for a school year are taken from the June before it to the June it ends.
    enrolmentOpensOn: `${start}-06-01`,
    enrolmentClosesOn: `${start + 1}-06-30`,
    requiredProofs: Array.isArray(r.required_justificatifs) ? r.required_justificatifs : [],
  }));
}

async function enrolments(conn: Conn, familyId: string, schoolYears: string[]): Promise<Item[]> {
  const rows = await conn('enrolments as e').join('children as c', 'c.id', 'e.child_id').join('activities as a', 'a.id', 'e.activity_id')
    .where({ 'e.family_id': familyId, 'e.status': 'active' }).whereIn('e.school_year', schoolYears)
    .orderBy('c.first_name').orderBy('a.name')
    .select('e.id', 'e.child_id', 'c.first_name', 'e.activity_id', 'a.name', 'a.kind', 'e.school_year');
  const mandates = await conn('mandates').where({ family_id: familyId, status: 'active' }).select('activity_ids');
  const debited = new Set(mandates.flatMap((m) => (Array.isArray(m.activity_ids) ? m.activity_ids : [])));
  return rows.map((r) => ({
    id: r.id, childId: r.child_id, childFirstName: r.first_name, activityId: r.activity_id, activityName: r.name,
    activityKind: KIND[r.kind] ?? 'autre', schoolYear: r.school_year, directDebit: debited.has(r.id),
  }));
}

/** The items of each source the démarche reads, for this family and school year. */
export async function loadLookups(conn: Conn, familyId: string, sources: string[], schoolYear: string): Promise<Record<string, Item[]>> {
  const start = Number(schoolYear.slice(0, 4));
  const years = [schoolYear, `${start + 1}-${start + 2}`];
  const out: Record<string, Item[]> = {};
  for (const source of sources) {
    if (source === 'schools') out.schools = await schools(conn);
    else if (source === 'classes') out.classes = await classes(conn, years);
    // This school year's and the next: a démarche open in June serves the next one.
    else if (source === 'activities') out.activities = [...(await activities(conn, years[0])), ...(await activities(conn, years[1]))];
    else if (source === 'enrolments') out.enrolments = await enrolments(conn, familyId, years);
  }
  return out;
}
