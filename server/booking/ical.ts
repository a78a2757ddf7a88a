// Private iCalendar feed per child (RFC 5545), for the parents' phone calendars. The URL
// token is HMAC(server secret, random 128-bit salt): the database keeps the salt and a
// SHA-256 of the token, never the token; regenerating revokes the previous URL.
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { Db } from '../db.js';
import { hmacHex, sha256Hex } from '../crypto.js';
import { notFound } from '../http/errors.js';

const tokenOf = (deps: AppDeps, salt: string) => hmacHex(deps.config.sessionSecret, `ical:${salt}`);
const urlOf = (deps: AppDeps, token: string) => `${deps.config.publicUrl}/ical/${token}.ics`;

async function assertOwnChild(db: Db, familyId: string, childId: string): Promise<void> {
  if (!(await db('family_children').where({ family_id: familyId, child_id: childId }).first('child_id'))) throw notFound('Enfant');
}

/** The child's feed URL, created on first use. */
export async function feedUrl(deps: AppDeps, familyId: string, childId: string): Promise<{ url: string }> {
  await assertOwnChild(deps.db, familyId, childId);
  const current = await deps.db('calendar_feeds').where({ family_id: familyId, child_id: childId }).whereNull('revoked_at').orderBy('created_at', 'desc').first('salt');
  if (current) return { url: urlOf(deps, tokenOf(deps, current.salt)) };
  return regenerateFeed(deps, familyId, childId);
}

/** A new URL for the child's feed; the previous one stops working at once. */
export async function regenerateFeed(deps: AppDeps, familyId: string, childId: string): Promise<{ url: string }> {
  await assertOwnChild(deps.db, familyId, childId);
  const salt = randomBytes(16).toString('hex');
  const token = tokenOf(deps, salt);
  await deps.db.transaction(async (trx) => {
    await trx('calendar_feeds').where({ family_id: familyId, child_id: childId }).whereNull('revoked_at').update({ revoked_at: deps.clock.now() });
    await trx('calendar_feeds').insert({ family_id: familyId, child_id: childId, salt, token_hash: sha256Hex(token) });
  });
  return { url: urlOf(deps, token) };
}

/** RFC 5545 §3.3.11 TEXT escaping. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1 folding: lines of at most 75 octets, continued with CRLF + space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length ? 74 : 75; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (date: string) => date.replace(/-/g, '');
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The feed's text for a token, or null when the token is unknown or revoked. */
export async function feedText(deps: AppDeps, token: string): Promise<string | null> {
  const feed = await deps.db('calendar_feeds').where({ token_hash: sha256Hex(token) }).whereNull('revoked_at').first('family_id', 'child_id');
  if (!feed) return null;
  const child = await deps.db('children').where({ id: feed.child_id }).first('first_name');
  const rows = await deps.db('reservations as r').join('activities as a', 'a.id', 'r.activity_id')
    .where({ 'r.family_id': feed.family_id, 'r.child_id': feed.child_id }).whereIn('r.status', ['booked', 'requested'])
    .orderBy('r.date').limit(2000).select('r.id', deps.db.raw('r.date::text as date'), 'r.status', 'r.updated_at', 'a.name');
  const now = deps.clock.now();
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Portail Famille//Reservations//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Réservations de ${child?.first_name ?? 'l’enfant'}`)}`, 'X-WR-TIMEZONE:Europe/Paris',
  ];
  for (const r of rows) {
    const next = new Date(Date.UTC(Number(r.date.slice(0, 4)), Number(r.date.slice(5, 7)) - 1, Number(r.date.slice(8, 10)) + 1)).toISOString().slice(0, 10);
    const confirmed = r.status === 'booked';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.id}@portail-famille`,
      `DTSTAMP:${stamp(now)}`,
      `LAST-MODIFIED:${stamp(new Date(r.updated_at))}`,
      `DTSTART;VALUE=DATE:${compact(r.date)}`,
      `DTEND;VALUE=DATE:${compact(next)}`,
      `SUMMARY:${escapeText(`${r.name} — ${child?.first_name ?? ''}`)}`,
      `DESCRIPTION:${escapeText(confirmed ? 'Réservé' : 'Réservé à confirmer par le service')}`,
      `STATUS:${confirmed ? 'CONFIRMED' : 'TENTATIVE'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
