// GDPR retention, run by the housekeeping job. Two duties:
//  1. A family is anonymised a configurable time (RETENTION_MONTHS, 36 by default) after its
//     last child has left. A child has left on `children.left_on` when an agent recorded it;
//     otherwise on the last day we know of them: the end (31 August) of the latest school
//     year with a schooling or an enrolment, an enrolment's end date, their latest reservation.
//     A child with none of these has not left. The family's own latest dossier activity must
//     be older than the delay too. Amounts (invoices, payments, quotients) stay for the
//     public accounts; everything that names or describes a person is erased.
//  2. Audit entries older than 12 months are deleted: the one path the append-only trigger
//     allows (migration 041).
// Several processes may run it at once: families are claimed FOR UPDATE SKIP LOCKED, the
// audit purge under a transaction-level advisory lock.
import type { AppDeps } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { auditLog } from '../audit.js';
import { CHILD_FIELDS, GUARDIAN_FIELDS } from '../household/fields.js';
import { runExclusive } from '../jobs.js';

export const DEFAULT_RETENTION_MONTHS = 36;
export const AUDIT_RETENTION_MONTHS = 12;

const schoolYearEnd = (col: string) => `CASE WHEN ${col} ~ '^[0-9]{4}-[0-9]{4}$' THEN make_date(split_part(${col}, '-', 2)::int, 8, 31) END`;

/** SQL for each child's leaving date (null: has not left). */
const CHILD_LEFT_SQL = `
  SELECT c.id, coalesce(c.left_on, (SELECT max(d) FROM (
      SELECT ${schoolYearEnd('s.school_year')} AS d FROM schoolings s WHERE s.child_id = c.id
      UNION ALL SELECT coalesce(e.ends_on, ${schoolYearEnd('e.school_year')}) FROM enrolments e WHERE e.child_id = c.id
      UNION ALL SELECT r.date FROM reservations r WHERE r.child_id = c.id) x)) AS left_on
  FROM children c`;

/** Families whose last child left more than `months` ago and that are not anonymised yet. */
export async function familiesDue(db: Db | Trx, now: Date, months = DEFAULT_RETENTION_MONTHS): Promise<string[]> {
  const { rows } = await db.raw(
    `WITH child_left AS (${CHILD_LEFT_SQL}),
          cutoff AS (SELECT (?::timestamptz - make_interval(months => ?))::date AS day)
     SELECT f.id FROM families f, cutoff
      WHERE f.anonymised_at IS NULL
        AND EXISTS (SELECT 1 FROM family_children fc WHERE fc.family_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM family_children fc JOIN child_left cl ON cl.id = fc.child_id
                         WHERE fc.family_id = f.id AND (cl.left_on IS NULL OR cl.left_on >= cutoff.day))
        AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.family_id = f.id AND d.updated_at >= cutoff.day)
      ORDER BY f.id`,
    [now.toISOString(), months],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

const nulls = (columns: string[]) => Object.fromEntries(columns.map((c) => [c, null]));

/** Erases what names or describes the family's members; returns the stored files to remove. Idempotent. */
export async function anonymiseFamily(trx: Trx, deps: AppDeps, familyId: string, now: Date): Promise<string[] | undefined> {
  const family = await trx('families').where({ id: familyId }).whereNull('anonymised_at').forUpdate().skipLocked().first('id');
  if (!family) return undefined; // done already, or another process is on it
  const users = (await trx('users').where({ family_id: familyId }).pluck('id')) as string[];
  const emails = (await trx('users').where({ family_id: familyId }).pluck('email')) as string[];
  const familyEmail = (await trx('families').where({ id: familyId }).first('email'))?.email as string | null;
  if (familyEmail) emails.push(familyEmail);
  emails.push(...((await trx('guardians').where({ family_id: familyId }).whereNotNull('email').pluck('email')) as string[]));

  await trx('families').where({ id: familyId }).update({
    name: 'Famille anonymisée', ...nulls(['email', 'home_phone', 'caf_number', 'address_street', 'address_complement', 'address_postal_code', 'address_city',
      'billing_street', 'billing_complement', 'billing_postal_code', 'billing_city']),
    consent_email: false, consent_sms: false, anonymised_at: now, updated_at: now,
  });
  await trx('guardians').where({ family_id: familyId }).update({ ...nulls(Object.values(GUARDIAN_FIELDS).map((f) => f.column)), updated_at: now });
  await trx('contacts').where({ family_id: familyId }).delete();
  // A child shared with another household is erased only once both households are.
  const children = (await trx('family_children').where({ family_id: familyId }).pluck('child_id')) as string[];
  const shared = new Set((await trx('family_children as fc').join('families as f', 'f.id', 'fc.family_id')
    .whereIn('fc.child_id', children).whereNot('fc.family_id', familyId).whereNull('f.anonymised_at').pluck('fc.child_id')) as string[]);
  const alone = children.filter((c) => !shared.has(c));
  await trx('children').whereIn('id', alone).update({ ...nulls(Object.values(CHILD_FIELDS).map((f) => f.column)), health_encrypted: null, updated_at: now });
  await trx('schoolings').whereIn('child_id', alone).update({ class_name: null });

  await trx('users').whereIn('id', users).update({
    email: trx.raw("'anonyme-' || id || '@invalid.invalid'"), display_name: 'Compte supprimé', password_hash: null, guardian_id: null, disabled_at: now, updated_at: now,
  });
  await deleteAccountSecrets(trx, users);

  const dossiers = trx('dossiers').where({ family_id: familyId }).select('id');
  await trx('dossiers').where({ family_id: familyId }).update({ answers: '{}', answers_encrypted: null, reason: null, correction: null, idempotency_key: null });
  await trx('dossier_events').whereIn('dossier_id', dossiers).update({ data: '{}' });
  const files = (await trx('attachments').whereIn('dossier_id', dossiers).pluck('storage_name')) as string[];
  await trx('attachments').whereIn('dossier_id', dossiers).update({ display_name: 'document supprimé', deleted_at: trx.raw('coalesce(deleted_at, ?)', [now]) });

  await trx('inbox').where({ family_id: familyId }).delete();
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  await trx('outbox').where((q) => {
    q.where({ family_id: familyId });
    if (lower.length) q.orWhereRaw(`lower(to_address) IN (${lower.map(() => '?').join(', ')})`, lower);
  }).update({
    to_address: 'anonyme@invalid.invalid', subject: '(anonymisé)', body: '', last_error: null,
    status: trx.raw("CASE WHEN status = 'pending' THEN 'failed' ELSE status END"),
  });
  await trx('mandates').where({ family_id: familyId }).update({ debtor_name: 'Anonyme', debtor_address: null, iban_encrypted: deps.sealer.seal(''), iban_last4: '', bic: null });
  await trx('enrolments').where({ family_id: familyId }).update({ authorizations: '{}' });
  await trx('payments').where({ family_id: familyId }).update({ provider_data: '{}' });
  // Tables of other modules, when present: calendar feeds (private URLs), notes on quotients,
  // the payment simulator's copy of the payer's e-mail.
  if (await trx.schema.hasTable('calendar_feeds')) await trx('calendar_feeds').where({ family_id: familyId }).delete();
  if (await trx.schema.hasColumn('family_quotients', 'note')) await trx('family_quotients').where({ family_id: familyId }).update({ note: null });
  if (lower.length && (await trx.schema.hasTable('payfip_sim_operations'))) {
    await trx('payfip_sim_operations').whereRaw(`lower(mel) IN (${lower.map(() => '?').join(', ')})`, lower).update({ mel: null });
  }
  await auditLog(trx, { actorRole: 'system', action: 'family.anonymise', subjectType: 'family', subjectId: familyId, familyId });
  return files;
}

/** Rows of account tables (second factor, tokens…) whose foreign key points at these users. */
async function deleteAccountSecrets(trx: Trx, users: string[]): Promise<void> {
  if (!users.length) return;
  const { rows } = await trx.raw(
    `SELECT tc.table_name AS t, kcu.column_name AS c FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND ccu.table_name = 'users' AND ccu.column_name = 'id'
        AND NOT EXISTS (SELECT 1 FROM information_schema.columns x WHERE x.table_schema = tc.table_schema AND x.table_name = tc.table_name AND x.column_name = 'family_id')`,
  );
  for (const { t, c } of rows as { t: string; c: string }[]) await trx(t).whereIn(c, users).delete();
}

/** Deletes audit entries older than 12 months, in the one way the trigger allows; one process at a time. */
export async function purgeAudit(db: Db): Promise<number | undefined> {
  const done = await runExclusive(db, 'audit-purge', async (trx) => {
    await trx.raw("SET LOCAL portail.audit_purge = 'on'");
    return Number(await trx('audit_log').where('at', '<', trx.raw(`now() - interval '${AUDIT_RETENTION_MONTHS} months'`)).delete());
  });
  return done.ran ? done.value : undefined;
}

export interface RetentionReport {
  anonymised: string[];
  auditPurged: number | undefined;
}

export async function runRetention(deps: AppDeps, now = deps.clock.now(), months = deps.config.retentionMonths): Promise<RetentionReport> {
  const anonymised: string[] = [];
  for (const familyId of await familiesDue(deps.db, now, months)) {
    const files = await deps.db.transaction((trx) => anonymiseFamily(trx, deps, familyId, now));
    if (!files) continue;
    anonymised.push(familyId);
    // After the commit: a file removed before a rollback would be a row pointing at nothing.
    for (const name of files) await deps.storage.remove(name).catch((err) => deps.logger.warn({ err }, 'retention: file not removed'));
  }
  return { anonymised, auditPurged: await purgeAudit(deps.db) };
}

export function retentionMonths(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS);
  if (!Number.isInteger(n) || n < 1) throw new Error('RETENTION_MONTHS doit être un nombre entier de mois (36 par défaut).');
  return n;
}

/** The retention job: once at start, then every `everyMs` (6 h); failures are logged, never fatal. */
export function startRetention(deps: AppDeps, everyMs = 6 * 3600_000): () => void {
  const run = () => runRetention(deps).then(
    (r) => r.anonymised.length || r.auditPurged ? deps.logger.info({ anonymised: r.anonymised.length, auditPurged: r.auditPurged }, 'retention') : undefined,
    (err) => deps.logger.warn({ err }, 'retention failed'),
  );
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
