// The list of children booked for an activity on a day (liste de présence), recording their
// presence or absence, and confirming bookings of activities validated by an agent.
// Health records stay sealed: the list only says whether the child has an allergy or a PAI
// ("voir la fiche"), and computing that flag is a read of the record, so it is audited.
import { parisDate, schoolYearOf } from '../../engine/index.js';
import { openingOn, readCalendar } from '../../engine/calendar/opening.js';
import type { AppDeps, SessionUser } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { auditLog, auditLogMany } from '../audit.js';
import { AppError, notFound } from '../http/errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { ATTENDANCE } from './schema.js';

export type Attendance = (typeof ATTENDANCE)[number];

export const STATUS_LABEL: Record<string, string> = {
  booked: 'Réservé', requested: 'Réservé à confirmer', waiting: "Liste d'attente", cancelled: 'Annulé', refused: 'Refusé',
};
export const ATTENDANCE_LABEL: Record<Attendance, string> = {
  present: 'Présent', absent_justified: 'Absent justifié', absent_unjustified: 'Absent non justifié',
};

export interface AttendanceRow {
  reservationId: string;
  childId: string;
  childName: string;
  className: string | null;
  schoolName: string | null;
  status: string;
  statusLabel: string;
  attendance: Attendance | null;
  waitingRank?: number;
  /** Present (true) only when the health record mentions an allergy or a PAI. */
  allergies?: true;
}

function hasAllergyOrPai(deps: AppDeps, sealed: string): boolean {
  try {
    const health = JSON.parse(deps.sealer.open(sealed)) as { pai?: unknown; allergies?: unknown };
    return health.pai === true || (Array.isArray(health.allergies) && health.allergies.length > 0);
  } catch (err) {
    deps.logger.error({ err }, 'health record unreadable');
    return false;
  }
}

/** The children booked (and waiting) for an activity on `date`, by name. */
export async function attendanceList(deps: AppDeps, user: SessionUser, activityId: string, date: string) {
  const activity = await deps.db('activities').where({ id: activityId }).first('id', 'code', 'name', 'kind', 'capacity', 'validation', 'calendar');
  if (!activity) throw notFound('Activité');
  const rows = await deps.db('reservations as r')
    .join('children as c', 'c.id', 'r.child_id')
    .leftJoin('schoolings as sc', function () {
      this.on('sc.child_id', 'r.child_id').andOn('sc.school_year', deps.db.raw('?', [schoolYearOf(date)]));
    })
    .leftJoin('schools as s', 's.id', 'sc.school_id')
    .leftJoin('classes as cl', 'cl.id', 'sc.class_id')
    .where({ 'r.activity_id': activityId, 'r.date': date })
    .whereIn('r.status', ['booked', 'requested', 'waiting'])
    .orderBy([{ column: 'c.last_name' }, { column: 'c.first_name' }, { column: 'r.id' }])
    .select('r.id', 'r.child_id', 'r.family_id', 'r.status', 'r.attendance', 'r.waiting_rank', 'c.first_name', 'c.last_name', 'c.health_encrypted',
      's.name as school_name', deps.db.raw('coalesce(cl.name, sc.class_name) as class_name'));
  const flagged = new Set<string>();
  const read = rows.filter((r) => r.health_encrypted);
  for (const r of read) if (hasAllergyOrPai(deps, r.health_encrypted)) flagged.add(r.id);
  await auditLogMany(deps.db, read.map((r) => ({
    actorId: user.id, actorRole: user.role, action: 'health.read', subjectType: 'child', subjectId: r.child_id, familyId: r.family_id, childId: r.child_id,
    data: { purpose: 'attendance', activityId, date, flagOnly: true },
  })));
  const toRow = (r: Record<string, any>): AttendanceRow => ({
    reservationId: r.id, childId: r.child_id,
    childName: [r.last_name, r.first_name].filter(Boolean).join(' '),
    className: r.class_name ?? null, schoolName: r.school_name ?? null,
    status: r.status, statusLabel: STATUS_LABEL[r.status] ?? r.status,
    attendance: r.attendance ?? null,
    ...(r.status === 'waiting' && r.waiting_rank !== null ? { waitingRank: Number(r.waiting_rank) } : {}),
    ...(flagged.has(r.id) ? { allergies: true as const } : {}),
  });
  const waiting = rows.filter((r) => r.status === 'waiting').map(toRow)
    .sort((a, b) => (a.waitingRank ?? Infinity) - (b.waitingRank ?? Infinity));
  return {
    activity: { id: activity.id, code: activity.code, name: activity.name, kind: activity.kind, validation: activity.validation },
    date,
    // Closed that day (public holiday, school holidays…): the list says why it is empty.
    opening: openingOn(readCalendar(typeof activity.calendar === 'string' ? JSON.parse(activity.calendar) : activity.calendar), date),
    capacity: activity.capacity ?? null,
    booked: rows.filter((r) => r.status !== 'waiting').map(toRow),
    waiting,
  };
}

async function reservationOr404(conn: Db | Trx, id: string) {
  const row = await conn('reservations').where({ id }).first('id', 'status', 'date', 'family_id', 'child_id', 'activity_id');
  if (!row) throw notFound('Réservation');
  return row;
}

const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Presence or absence of a booked child (null clears it). Presence is only known from the day itself. */
export async function recordAttendance(deps: AppDeps, user: SessionUser, id: string, attendance: Attendance | null): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const today = parisDate(deps.clock.now());
    // One conditional UPDATE: the reservation must still be booked (not cancelled meanwhile),
    // and a child can be marked present (or absent without reason) only from that day on.
    const updated = await trx('reservations')
      .where({ id, status: 'booked' })
      .modify((q) => (attendance === 'present' || attendance === 'absent_unjustified' ? q.where('date', '<=', today) : q))
      .update({ attendance, updated_at: trx.fn.now() })
      .returning(['id', 'family_id', 'child_id', 'activity_id', 'date']);
    if (!updated.length) {
      const row = await reservationOr404(trx, id);
      if (row.status !== 'booked') throw new AppError('CONFLICT', `Cette réservation est « ${STATUS_LABEL[row.status] ?? row.status} » : seuls les enfants dont la réservation est validée sont pointés.`);
      throw new AppError('CONFLICT', `La présence se relève le jour même ou après (réservation du ${dayOf(row.date).split('-').reverse().join('/')}) ; une absence justifiée peut être notée à l'avance.`);
    }
    const r = updated[0];
    await auditLog(trx, {
      actorId: user.id, actorRole: user.role, action: 'attendance.record', subjectType: 'reservation', subjectId: id,
      familyId: r.family_id, childId: r.child_id, data: { activityId: r.activity_id, date: dayOf(r.date), attendance },
    });
  });
}

const longDate = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Confirms a `requested` booking (activity validated by an agent); the family is told by mail. */
export async function confirmReservation(deps: AppDeps, user: SessionUser, id: string) {
  return deps.db.transaction(async (trx) => {
    const updated = await trx('reservations').where({ id, status: 'requested' })
      .update({ status: 'booked', updated_at: trx.fn.now() })
      .returning(['id', 'family_id', 'child_id', 'activity_id', 'date', 'status']);
    if (!updated.length) {
      const row = await reservationOr404(trx, id);
      throw new AppError('CONFLICT', `Cette réservation n'est pas à confirmer : elle est « ${STATUS_LABEL[row.status] ?? row.status} ».`);
    }
    const r = updated[0];
    const day = dayOf(r.date);
    await auditLog(trx, { actorId: user.id, actorRole: user.role, action: 'reservation.confirm', subjectType: 'reservation', subjectId: id, familyId: r.family_id, childId: r.child_id, data: { activityId: r.activity_id, date: day } });
    const family = await trx('families').where({ id: r.family_id }).first('email');
    const child = await trx('children').where({ id: r.child_id }).first('first_name');
    const activity = await trx('activities').where({ id: r.activity_id }).first('name');
    if (family?.email) {
      await enqueueMail(trx, {
        familyId: r.family_id, to: family.email, template: 'reservation.confirmed',
        subject: `Réservation confirmée : ${activity?.name ?? 'activité'}`,
        body: `Bonjour,\n\nLa réservation de ${child?.first_name ?? 'votre enfant'} pour « ${activity?.name ?? 'l’activité'} » le ${longDate(day)} est confirmée par le service Enfance.\n\nVous la retrouvez dans « Mes réservations ».\n\nLe service Enfance — Portail Famille`,
      });
    }
    return { id: r.id, status: 'booked', statusLabel: STATUS_LABEL.booked, date: day };
  });
}
