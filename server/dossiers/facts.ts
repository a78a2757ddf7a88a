// The facts the engine reads (engine/meta/facts.schema.json): the household record, what the
// family's dossiers say per démarche (accepted this school year, in progress…), the child a
// child démarche is about, and the reference data its choices come from.
import { parisDate, schoolYearOf, withCalendar, targetSchoolYear, type Catalog, type CompiledProcedure, type DossierFacts, type Facts } from '../../engine/index.js';
import type { AppDeps } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { readChild, readFamily, type FamilyRecord } from '../household/repository.js';
import { loadLookups, sourcesOf } from './lookups.js';

type Conn = Db | Trx;

export interface DossierRow {
  procedure_code: string;
  school_year?: string | null;
  child_id: string | null;
  status: string;
  created_at: Date | string;
  submitted_at: Date | string | null;
  decided_at: Date | string | null;
}

/** What one family is, loaded once and shared by every facts computation of a request. */
export interface FamilySnapshot {
  family: FamilyRecord;
  dossiers: DossierRow[];
  today: string;
  schoolYear: string;
}

export async function familySnapshot(conn: Conn, familyId: string, now: Date): Promise<FamilySnapshot | undefined> {
  const family = await readFamily(conn, familyId, { now });
  if (!family) return undefined;
  const dossiers = await conn('dossiers').where({ family_id: familyId }).select('procedure_code', 'school_year', 'child_id', 'status', 'created_at', 'submitted_at', 'decided_at');
  const today = parisDate(now);
  return { family, dossiers, today, schoolYear: schoolYearOf(today) };
}

const yearOf = (at: Date | string | null) => (at ? schoolYearOf(parisDate(new Date(at))) : undefined);

/** The school year a fact compares with, per démarche (the next one for a démarche open in June for it). */
export type YearFor = (code: string) => string;

function summarize(rows: DossierRow[], catalog: Catalog | undefined, yearFor: YearFor): Record<string, DossierFacts> {
  const out: Record<string, DossierFacts> = {};
  for (const row of rows) {
    const facts = (out[row.procedure_code] ??= { accepted: false, acceptedThisSchoolYear: false, openThisSchoolYear: false, submittedThisSchoolYear: false });
    const procedure = catalog?.byCode.get(row.procedure_code);
    const year = yearFor(row.procedure_code);
    if (row.status === 'accepted') {
      facts.accepted = true;
      if ((row.school_year ?? yearOf(row.decided_at)) === year) facts.acceptedThisSchoolYear = true;
    }
    if (procedure && !procedure.isFinal(row.status) && (row.school_year ?? yearOf(row.created_at)) === year) facts.openThisSchoolYear = true;
    if (row.submitted_at && (row.school_year ?? yearOf(row.submitted_at)) === year) facts.submittedThisSchoolYear = true;
  }
  return out;
}

function ageOn(birthDate: unknown, today: string): number | undefined {
  if (typeof birthDate !== 'string' || birthDate.length < 10) return undefined;
  const [y, m, d] = birthDate.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

function levelOf(child: Record<string, unknown>, age: number | undefined): string | undefined {
  const schooling = child.schooling as { level?: string } | undefined;
  if (schooling?.level === 'maternelle' || schooling?.level === 'elementaire') return schooling.level;
  if (age === undefined) return undefined;
  if (age >= 3 && age <= 5) return 'maternelle';
  if (age >= 6 && age <= 10) return 'elementaire';
  return undefined;
}

/** A child of the snapshot with its derived facts (without the health record unless given). */
export function childFacts(snapshot: FamilySnapshot, catalog: Catalog | undefined, child: Record<string, unknown>, yearFor: YearFor = () => snapshot.schoolYear): Record<string, unknown> {
  const rows = snapshot.dossiers.filter((d) => d.child_id === child.id);
  const age = ageOn(child.birthDate, snapshot.today);
  const schooling = child.schooling as { schoolYear?: string } | undefined;
  const level = levelOf(child, age);
  return {
    ...child,
    dossiers: summarize(rows, catalog, yearFor),
    hasSchool: Boolean(schooling && (schooling.schoolYear ?? snapshot.schoolYear) === snapshot.schoolYear),
    ...(age !== undefined && { age }),
    ...(level && { level }),
  };
}

/** The facts for one démarche (and child), from a snapshot. */
export function factsFrom(snapshot: FamilySnapshot, catalog: Catalog | undefined, child?: Record<string, unknown>, yearFor: YearFor = () => snapshot.schoolYear): Facts {
  const dossiers = summarize(snapshot.dossiers, catalog, yearFor);
  const children = (snapshot.family.children as Record<string, unknown>[]) ?? [];
  for (const [code, facts] of Object.entries(dossiers)) {
    facts.allChildrenAcceptedThisSchoolYear =
      children.length > 0 &&
      children.every((c) => snapshot.dossiers.some((d) => d.procedure_code === code && d.child_id === c.id && d.status === 'accepted' && (d.school_year ?? yearOf(d.decided_at)) === yearFor(code)));
  }
  return { family: snapshot.family, dossiers, child: child ? childFacts(snapshot, catalog, child, yearFor) : null };
}

/** The procedure's own dossiers count in the school year it is for; the others in the current one. */
export function yearsFor(procedure: CompiledProcedure, snapshot: FamilySnapshot, now: Date): YearFor {
  const target = targetSchoolYear(procedure, withCalendar({ family: snapshot.family, dossiers: {} }, now)) ?? snapshot.schoolYear;
  return (code) => (code === procedure.code ? target : snapshot.schoolYear);
}

/** Everything the engine needs to act on a dossier of this family (and child). */
export async function gatherFacts(
  conn: Conn,
  deps: AppDeps,
  input: { familyId: string; childId?: string | null; procedure: CompiledProcedure; dossierNumber?: string; snapshot?: FamilySnapshot },
): Promise<Facts> {
  const now = deps.clock.now();
  const snapshot = input.snapshot ?? (await familySnapshot(conn, input.familyId, now));
  if (!snapshot) throw new Error(`famille ${input.familyId} introuvable`);
  const child = input.childId ? await readChild(conn, input.familyId, input.childId, { sealer: deps.sealer, now }) : undefined;
  // today and schoolYear too: lookup filters and conditions compare school years.
  const facts = withCalendar(factsFrom(snapshot, deps.catalog, child, yearsFor(input.procedure, snapshot, now)), now);
  const sources = sourcesOf(input.procedure);
  if (sources.length) facts.lookups = await loadLookups(conn, input.familyId, sources, snapshot.schoolYear);
  if (input.dossierNumber) facts.dossier = { number: input.dossierNumber };
  return facts;
}
