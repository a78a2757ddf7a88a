// Accounts: login, first connection / forgotten password links, reset, password change.
import type { AppDeps, SessionUser } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import { randomToken, sha256Hex } from '../crypto.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordChangedMail, passwordLinkMail } from '../mail/templates.js';
import { dummyHash, hashPassword, passwordStrength, verifyPassword } from './passwords.js';
import { assertNotThrottled, clearAccount, recordFailure, recordSuccess } from './throttle.js';
import { createSession, endOtherSessions } from './sessions.js';
import { pendingFactorAtLogin } from './totp.js';
import { adoptKnownAddress, contextWords, findUser, findUserByEmail, normalizeEmail, type UserRow } from './users.js';

const FIRST_LINK_HOURS = 24;
const RESET_LINK_HOURS = 1;
const LINKS_PER_HOUR = 5;

export const toSessionUser = (u: UserRow): SessionUser => ({ id: u.id, email: u.email, role: u.role, familyId: u.family_id, displayName: u.display_name });

const badCredentials = () => new AppError('INVALID_CREDENTIALS', 'Adresse mail ou mot de passe incorrect.');

export async function login(deps: AppDeps, email: string, password: string, ip: string) {
  const now = deps.clock.now();
  const keys = { account: normalizeEmail(email), ip };
  await assertNotThrottled(deps.db, keys, now);
  const user = await findUserByEmail(deps.db, email);
  const usable = user && user.password_hash && !user.disabled_at;
  // Unknown address: verify a dummy hash so both answers take about as long.
  const ok = usable ? await verifyPassword(user.password_hash!, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!ok || !user) {
    await recordFailure(deps.db, keys, now);
    throw badCredentials();
  }
  await recordSuccess(deps.db, keys.account);
  // Agents and administrators: the code from their app next (or, in production, an enrolment).
  const pending = await pendingFactorAtLogin(deps, user.id, user.role);
  const session = await createSession(deps.db, user.id, ip, now, pending);
  return { user: pending ? { ...toSessionUser(user), pending } : toSessionUser(user), session };
}

/** "Générer un mot de passe" and "mot de passe oublié": the same silent answer either way. */
export async function requestPasswordLink(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, email: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (trx) => {
    const user = (await findUserByEmail(trx, email)) ?? (await adoptKnownAddress(trx, email));
    if (!user || user.disabled_at) return;
    await trx('users').where({ id: user.id }).forUpdate().first('id'); // serialise concurrent requests
    const recent = await trx('password_tokens').where({ user_id: user.id }).where('created_at', '>', new Date(now.getTime() - 3600_000)).count({ n: '*' });
    if (Number(recent[0].n) >= LINKS_PER_HOUR) return; // no mail bombing; the answer stays the same
    const first = !user.password_hash;
    const hours = first ? FIRST_LINK_HOURS : RESET_LINK_HOURS;
    // Only the newest link is valid.
    await trx('password_tokens').where({ user_id: user.id }).whereNull('used_at').update({ used_at: now });
    const token = randomToken();
    await trx('password_tokens').insert({ user_id: user.id, token_hash: sha256Hex(token), purpose: first ? 'first' : 'reset', created_at: now, expires_at: new Date(now.getTime() + hours * 3600_000) });
    const link = `${deps.config.publicUrl}/reinitialiser?token=${token}`;
    // Addressed to the person, not copied to the family inbox: another guardian must not see the link.
    await enqueueMail(trx, { to: user.email, template: first ? 'first-connection' : 'password-reset', ...passwordLinkMail(link, first, hours) });
  });
}

function assertConfirmed(password: string, confirmation: string): void {
  if (password !== confirmation) {
    throw new AppError('INVALID_INPUT', 'Les deux mots de passe ne sont pas identiques.', [
      { instancePath: '/confirmation', keyword: 'const', message: 'Les deux mots de passe ne sont pas identiques.', params: {} },
    ]);
  }
}

// `conn` is the caller's transaction when there is one: on PGlite (one connection) a query
// on deps.db inside a transaction would wait forever.
async function assertStrong(deps: AppDeps, conn: Db | Trx, user: UserRow, password: string): Promise<void> {
  const strength = passwordStrength(password, await contextWords(conn, user, deps.config.municipality));
  if (strength.acceptable) return;
  throw new AppError('WEAK_PASSWORD', `Mot de passe refusé : ${strength.warning}`, [
    { instancePath: '/password', keyword: 'strength', message: strength.warning, params: { score: strength.score, suggestions: strength.suggestions } },
  ]);
}

async function setPassword(deps: AppDeps, user: UserRow, password: string, keepSession: string | null, trx: Trx) {
  const passwordHash = await hashPassword(password);
  await trx('users').where({ id: user.id }).update({ password_hash: passwordHash, password_changed_at: deps.clock.now(), updated_at: deps.clock.now() });
  await trx('password_tokens').where({ user_id: user.id }).whereNull('used_at').update({ used_at: deps.clock.now() });
  await endOtherSessions(trx, user.id, keepSession);
  await enqueueMail(trx, { familyId: user.family_id, to: user.email, template: 'password-changed', ...passwordChangedMail() });
}

export async function resetPassword(deps: AppDeps, token: string, password: string, confirmation: string): Promise<void> {
  assertConfirmed(password, confirmation);
  const now = deps.clock.now();
  const user = await deps.db.transaction(async (trx) => {
    const row = await trx('password_tokens').where({ token_hash: sha256Hex(token) }).forUpdate().first();
    if (!row || row.used_at || new Date(row.expires_at) <= now) {
      throw new AppError('INVALID_TOKEN', "Ce lien n'est plus valable. Demandez un nouveau lien avec « Générer un mot de passe ».");
    }
    const owner = await findUser(trx, row.user_id);
    if (!owner || owner.disabled_at) throw new AppError('INVALID_TOKEN', "Ce lien n'est plus valable.");
    await assertStrong(deps, trx, owner, password);
    await setPassword(deps, owner, password, null, trx);
    return owner;
  });
  await clearAccount(deps.db, normalizeEmail(user.email));
}

export async function changePassword(deps: AppDeps, me: SessionUser, sessionHash: string | null, input: { currentPassword: string; password: string; confirmation: string }, ip: string) {
  assertConfirmed(input.password, input.confirmation);
  const now = deps.clock.now();
  const keys = { account: normalizeEmail(me.email), ip };
  await assertNotThrottled(deps.db, keys, now);
  const user = await findUser(deps.db, me.id);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordFailure(deps.db, keys, now);
    // 400, not 401: the session is fine, only a field is wrong.
    throw new AppError('INVALID_INPUT', 'Le mot de passe actuel est incorrect.', [
      { instancePath: '/currentPassword', keyword: 'password', message: 'Le mot de passe actuel est incorrect.', params: {} },
    ]);
  }
  await assertStrong(deps, deps.db, user, input.password);
  await deps.db.transaction((trx) => setPassword(deps, user, input.password, sessionHash, trx));
}
