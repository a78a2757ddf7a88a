// Idempotent demo data: a municipality with 3 schools, its activities with capacities and
// tariffs by family-quotient band, a few families, one agent and one administrator.
// Fixed ids and ON CONFLICT DO NOTHING: running it again changes nothing, and never
// overwrites what the demo users changed.
import type { Db } from '../db.js';
import type { Sealer } from '../crypto.js';
import { hashPassword } from '../auth/passwords.js';
import { seedDemoInvoices } from '../billing/invoicing-demo.js';
import { parisDate, schoolYearOf } from '../../engine/index.js';
import { householdParts } from '../../engine/billing/quotient.js';
import { ACTIVITIES, CHILDREN, ENROLMENTS, FAMILIES, GUARDIANS, SCHOOLS, USERS, DEMO_PASSWORD, id } from './data.js';

/** How a demo quotient was obtained (Mon Quotient shows the formula): the income that gives it with the family's parts. */
function quotientFigures(familyId: string, value: number) {
  const children = CHILDREN.filter((c) => c.families.includes(familyId)).length;
  const parts = householdParts(children);
  return { annual_income: value * parts * 12, monthly_benefits: 0, parts, children };
}

async function put(db: Db, table: string, rows: Record<string, unknown>[], key: string[] = ['id']): Promise<void> {
  if (rows.length) await db(table).insert(rows).onConflict(key).ignore();
}

export async function seedDemo(db: Db, sealer: Sealer, now = new Date()): Promise<void> {
  const year = schoolYearOf(parisDate(now));
  const [start] = year.split('-').map(Number);
  await put(db, 'schools', SCHOOLS.map(({ id: sid, code, name, level }) => ({ id: sid, code, name, level, holiday_zone: 'C' })));
  await put(db, 'classes', SCHOOLS.flatMap((s) => s.classes.map((name, i) => ({ id: id(`c${s.code}${i}`), school_id: s.id, school_year: year, name, level: s.level === 'maternelle' ? 'maternelle' : 'elementaire' }))));
  await put(db, 'activities', ACTIVITIES.map(({ schools: _s, bands: _b, ...a }) => ({ ...a, deadline_rules: JSON.stringify(a.deadline_rules), calendar: JSON.stringify(a.calendar), tariff: JSON.stringify({ mode: 'bands' }) })));
  await put(db, 'activity_schools', ACTIVITIES.flatMap((a) => a.schools.map((s) => ({ activity_id: a.id, school_id: s }))), ['activity_id', 'school_id']);
  await put(db, 'tariffs', ACTIVITIES.flatMap((a) => a.bands.map(([min, max, cents], i) => ({ id: id(`t${a.code}${i}`), activity_id: a.id, school_year: year, qf_min: min, qf_max: max, unit_price_cents: cents }))));
  await put(db, 'families', FAMILIES.map(({ quotient: _q, ...f }) => f));
  await put(db, 'family_quotients', FAMILIES.filter((f) => f.quotient).map((f) => ({ id: id(`q${f.name}`), family_id: f.id, value: f.quotient, valid_from: `${start}-01-01`, valid_to: `${start}-12-31`, ...quotientFigures(f.id, f.quotient!) })));
  await put(db, 'guardians', GUARDIANS);
  await put(db, 'children', CHILDREN.map(({ families: _f, school: _s, className: _c, health, ...c }) => ({ ...c, health_encrypted: health ? sealer.seal(JSON.stringify(health)) : null })));
  await put(db, 'family_children', CHILDREN.flatMap((c) => c.families.map((f) => ({ family_id: f, child_id: c.id }))), ['family_id', 'child_id']);
  await put(db, 'schoolings', CHILDREN.filter((c) => c.school).map((c) => ({ child_id: c.id, school_year: year, school_id: c.school, class_name: c.className, level: SCHOOLS.find((s) => s.id === c.school)!.level === 'maternelle' ? 'maternelle' : 'elementaire' })), ['child_id', 'school_year']);
  await put(db, 'enrolments', ENROLMENTS.map((e) => ({ ...e, school_year: year, starts_on: `${start}-09-01`, ends_on: `${start + 1}-07-31` })), ['child_id', 'activity_id', 'school_year']);
  // Her quotient for the rest of the school year (prices of the planning).
  await put(db, 'family_quotients', [{ id: id('qMARTIN2'), family_id: FAMILIES[0].id, value: 650, valid_from: `${start + 1}-01-01`, valid_to: null, ...quotientFigures(FAMILIES[0].id, 650) }]);
  await put(db, 'contacts', [{ id: id('k1'), family_id: FAMILIES[0].id, last_name: 'Martin', first_name: 'Josette', relation: 'grandParent', mobile_phone: '06 11 22 33 44', can_pick_up: true, emergency_contact: true }]);
  await welcomeMessages(db);
  await seedDemoInvoices(db, now);
  const existing = new Set((await db('users').whereIn('id', USERS.map((u) => u.id)).pluck('id')).map(String));
  const missing = USERS.filter((u) => !existing.has(u.id));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await put(db, 'users', missing.map(({ withPassword, ...u }) => ({ ...u, password_hash: withPassword ? passwordHash : null, password_changed_at: withPassword ? now : null })));
  }
}

// One message already in each demo family's inbox (marked sent: nothing goes out again).
async function welcomeMessages(db: Db): Promise<void> {
  for (const f of FAMILIES) {
    if (await db('outbox').where({ family_id: f.id, template: 'welcome' }).first('id')) continue;
    const subject = 'Bienvenue sur le Portail Famille';
    const body = `Bonjour,\n\nVotre espace famille est ouvert. Vous y retrouverez vos démarches, vos réservations et vos factures.\n\nLe service Enfance`;
    const [row] = await db('outbox').insert({ family_id: f.id, to_address: f.email, subject, body, template: 'welcome', status: 'sent', sent_at: db.fn.now() }).returning('id');
    await db('inbox').insert({ family_id: f.id, outbox_id: row.id, subject, body });
  }
}
