// Families, children, parents and an activity created in bulk for booking tests and the
// bench: every parent signs in with the demo password (its hash is copied).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db.js';
import { DEMO } from './app.js';

export interface CrowdFamily { familyId: string; email: string; childIds: string[] }

/** An activity with its own capacity, school-day calendar and a flat 1,00 € band. */
export async function createActivity(db: Db, code: string, capacity: number | null, extra: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  await db('activities').insert({
    id, code, name: `Activité ${code}`, kind: 'after_school', capacity,
    deadline_rules: JSON.stringify({ book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00' }),
    calendar: JSON.stringify({ zone: 'C', opens: ['schoolDays'], closedDays: [] }), tariff: JSON.stringify({ mode: 'bands' }),
    validation: 'automatic', ...extra,
  });
  await db('tariffs').insert({ activity_id: id, school_year: '2026-2027', qf_min: 0, qf_max: null, unit_price_cents: 100 });
  return id;
}

/** `families` households of `children` children each, enrolled in the activities for 2026-2027. */
export async function createCrowd(db: Db, prefix: string, families: number, children: number, activityIds: string[]): Promise<CrowdFamily[]> {
  const hash = (await db('users').where({ email: DEMO.parentA.email }).first('password_hash')).password_hash;
  const crowd: CrowdFamily[] = Array.from({ length: families }, (_, f) => ({
    familyId: randomUUID(), email: `${prefix}-${f}@example.fr`, childIds: Array.from({ length: children }, () => randomUUID()),
  }));
  await db.batchInsert('families', crowd.map((c, f) => ({ id: c.familyId, name: `FAMILLE ${prefix} ${f}`, email: c.email })), 500);
  await db.batchInsert('children', crowd.flatMap((c) => c.childIds.map((id, i) => ({ id, first_name: `Enfant ${i}`, last_name: 'TEST', birth_date: '2018-01-01' }))), 500);
  await db.batchInsert('family_children', crowd.flatMap((c) => c.childIds.map((child_id) => ({ family_id: c.familyId, child_id }))), 500);
  await db.batchInsert('enrolments', crowd.flatMap((c) => c.childIds.flatMap((child_id) => activityIds.map((activity_id) => ({
    family_id: c.familyId, child_id, activity_id, school_year: '2026-2027', status: 'active',
  })))), 500);
  await db.batchInsert('users', crowd.map((c) => ({ role: 'parent', family_id: c.familyId, email: c.email, display_name: c.email, password_hash: hash, password_changed_at: new Date() })), 500);
  return crowd;
}
