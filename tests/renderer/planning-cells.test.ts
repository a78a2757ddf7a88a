// The reservation calendar's pure pieces: what each cell says and what a click does (from the
// server's cell and the parent's unsent request), the view's days, and the grouped report.
import { describe, expect, it } from 'vitest';

// Browser code, imported by a computed path (checked by renderer/tsconfig.json, not the Node project).
const dir = '../../renderer/src/planning/';
const { cellView } = await import(/* @vite-ignore */ `${dir}cellView.js`);
const { addDays, isoWeekday, viewStart, shiftView, schoolYearEnd, isDay, longDay } = await import(/* @vite-ignore */ `${dir}days.js`);
const { groupResults } = await import(/* @vite-ignore */ `${dir}report.js`);

const base = {
  childId: 'c1', activityId: 'a1', date: '2026-09-21', state: 'bookable', reason: null, priceCents: 280,
  bookUntil: '2026-09-17T10:00:00Z', cancelUntil: '2026-09-17T10:00:00Z', canBook: true, canCancel: true, reservation: null,
};
const booked = { ...base, canBook: false, reservation: { id: 'r1', status: 'booked', waitingRank: null, priceCents: 280 } };

describe('cellView', () => {
  it('a bookable day says so with its price and deadline; a click marks a booking request', () => {
    const v = cellView(base, undefined);
    expect(v.look).toBe('bookable');
    expect(v.label).toBe('Réservable');
    expect(v.detail).toContain('2,80');
    expect(v.detail).toMatch(/jusqu’au jeu\. 17\/09 à 12:00/);
    expect(v.next).toEqual({ kind: 'mark', action: 'book' });
  });
  it('a marked day is a yellow « Demande de réservation » that a second click withdraws', () => {
    expect(cellView(base, 'book')).toMatchObject({ look: 'pendingBook', label: 'Demande de réservation', next: { kind: 'unmark' } });
  });
  it('a booked day may be cancelled before the deadline, not after', () => {
    expect(cellView(booked, undefined)).toMatchObject({ look: 'booked', label: 'Réservé', next: { kind: 'mark', action: 'cancel' } });
    expect(cellView(booked, 'cancel')).toMatchObject({ look: 'pendingCancel', label: 'Demande d’annulation' });
    const late = cellView({ ...booked, state: 'past', canCancel: false }, undefined);
    expect(late).toMatchObject({ look: 'booked', next: null });
    expect(late.detail).toContain('hors délai');
  });
  it('past, closed and full days', () => {
    expect(cellView({ ...base, state: 'past', canBook: false, canCancel: false }, undefined)).toMatchObject({ look: 'past', label: 'Hors délai', next: null });
    expect(cellView({ ...base, state: 'closed', reason: 'Vacances scolaires', canBook: false }, undefined)).toMatchObject({ look: 'closed', label: 'Fermé', detail: 'Vacances scolaires', next: null });
    // Bookable state but no longer bookable (deadline just passed between two loads): Hors délai.
    expect(cellView({ ...base, canBook: false }, undefined)).toMatchObject({ look: 'past', next: null });
    expect(cellView({ ...base, state: 'full' }, undefined)).toMatchObject({ look: 'full', label: 'Complet : liste d’attente', next: { kind: 'mark', action: 'book' } });
  });
  it('waiting list shows the rank; a cancelled day stays red « Annulé » and can be booked again', () => {
    const waiting = { ...booked, reservation: { id: 'r', status: 'waiting', waitingRank: 3, priceCents: 280 } };
    expect(cellView(waiting, undefined).detail).toContain('rang 3');
    const cancelled = { ...base, reservation: { id: 'r', status: 'cancelled', waitingRank: null, priceCents: null } };
    expect(cellView(cancelled, undefined)).toMatchObject({ look: 'cancelled', label: 'Annulé', next: { kind: 'mark', action: 'book' } });
    expect(cellView({ ...cancelled, canBook: false, state: 'past' }, undefined)).toMatchObject({ look: 'cancelled', label: 'Annulé', next: null });
  });
});

describe('days', () => {
  it('weeks start on Monday; the 1-day view moves by one day, the others by a week', () => {
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(viewStart('2026-09-20', 5)).toBe('2026-09-14');
    expect(viewStart('2026-09-20', 1)).toBe('2026-09-20');
    expect(shiftView('2026-09-14', 5, 1)).toBe('2026-09-21');
    expect(shiftView('2026-09-14', 1, -1)).toBe('2026-09-13');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26'); // across the change to winter time
  });
  it('school year ends on 31 August; invalid days are refused; French labels', () => {
    expect(schoolYearEnd('2026-09-15')).toBe('2027-08-31');
    expect(schoolYearEnd('2027-03-01')).toBe('2027-08-31');
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
    expect(longDay('2026-09-14')).toBe('lundi 14 septembre 2026');
  });
});

describe('groupResults', () => {
  it('groups by child, activity, outcome and reason; sums what is newly charged', () => {
    const r = (date: string, outcome: string, reason: string | null = null, action = 'book') =>
      ({ childId: 'c1', activityId: 'a1', date, action, outcome, reason, priceCents: 280, waitingRank: outcome === 'waiting' ? 2 : null });
    const groups = groupResults([
      r('2026-09-22', 'booked'), r('2026-09-21', 'booked'), r('2026-10-20', 'refused', 'Fermé : vacances scolaires'),
      r('2026-09-23', 'waiting'), r('2026-09-24', 'refused', 'Hors délai', 'cancel'), r('2026-09-25', 'booked', 'Déjà demandé'),
    ]);
    expect(groups.map((g: { label: string; dates: string[]; amountCents: number }) => [g.label, g.dates, g.amountCents])).toEqual([
      ['Réservé', ['2026-09-21', '2026-09-22'], 560],
      ['Réservé', ['2026-09-25'], 0],
      ['Liste d’attente', ['2026-09-23'], 0],
      ['Refusé', ['2026-10-20'], 0],
      ['Annulation refusée', ['2026-09-24'], 0],
    ]);
  });
});
