// Second factor for agents and administrators: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s)
// from an authenticator app, and ten one-time recovery codes. The secret is sealed with
// DATA_KEY; a code is accepted once (the last accepted time step is kept, and moved forward
// by one conditional UPDATE, so two concurrent requests cannot both use it); wrong codes
// count in the login throttle under their own key (a correct password does not reset it).
// Required in production (a session without it can only enrol); optional in the demo.
import { createHmac, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppDeps, Role, SessionUser } from '../deps.js';
import type { Db, Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import { sha256Hex } from '../crypto.js';
import { assertNotThrottled, recordFailure, recordSuccess } from './throttle.js';
import { normalizeEmail } from './users.js';
import { auditLog } from '../audit.js';

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Codes of the previous and next step are accepted too (clock drift of the phone). */
const DRIFT_STEPS = 1;
const RECOVERY_CODES = 10;
export const STAFF_ROLES: Role[] = ['agent', 'admin'];

// --- RFC 4648 base32 (authenticator apps read the secret in this form) ---
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`Caractère base32 invalide : ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// --- RFC 4226 / 6238 ---
export function hotp(key: Uint8Array, counter: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const timeStep = (at: Date): number => Math.floor(at.getTime() / 1000 / STEP_SECONDS);

export function totp(key: Uint8Array, at: Date, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return hotp(key, timeStep(at), digits, algorithm);
}

/** The time step whose code this is (within the drift), or null. */
export function matchingStep(key: Uint8Array, code: string, at: Date): number | null {
  const now = timeStep(at);
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
    if (hotp(key, step) === code) return step;
  }
  return null;
}

export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}

// --- recovery codes: 80 random bits each, shown once, stored as hashes ---
const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, '');

function newRecoveryCode(): string {
  return base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join('-');
}

// --- what the database says about a user's second factor ---
interface TotpRow {
  user_id: string;
  secret_sealed: string;
  confirmed_at: Date | null;
  last_step: string | number | null;
}

async function totpRow(db: Db | Trx, userId: string): Promise<TotpRow | undefined> {
  return db('user_totp').where({ user_id: userId }).first();
}

/** What a staff login must still do: 'totp' when enrolled, 'enrol' in production otherwise. */
export async function pendingFactorAtLogin(deps: AppDeps, userId: string, role: Role): Promise<'totp' | 'enrol' | undefined> {
  if (!STAFF_ROLES.includes(role)) return undefined;
  const row = await totpRow(deps.db, userId);
  if (row?.confirmed_at) return 'totp';
  return deps.config.production ? 'enrol' : undefined;
}

export async function secondFactorStatus(deps: AppDeps, user: SessionUser) {
  const row = await totpRow(deps.db, user.id);
  const left = await deps.db('totp_recovery_codes').where({ user_id: user.id }).whereNull('used_at').count({ n: '*' });
  return {
    enabled: Boolean(row?.confirmed_at),
    enabledAt: row?.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
    recoveryCodesLeft: row?.confirmed_at ? Number(left[0].n) : 0,
    required: deps.config.production,
  };
}

/** A new secret, not active until a code from it is given (confirmEnrolment). */
export async function startEnrolment(deps: AppDeps, user: SessionUser) {
  const row = await totpRow(deps.db, user.id);
  if (row?.confirmed_at) throw new AppError('CONFLICT', 'La double authentification est déjà activée sur ce compte.');
  const secret = base32Encode(randomBytes(20));
  const sealed = deps.sealer.seal(secret);
  await deps.db('user_totp').insert({ user_id: user.id, secret_sealed: sealed, created_at: deps.clock.now(), confirmed_at: null, last_step: null })
    .onConflict('user_id').merge(['secret_sealed', 'created_at', 'confirmed_at', 'last_step']);
  const issuer = `Portail Famille ${deps.config.municipality}`;
  const uri = otpauthUri(secret, user.email, issuer);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

const wrongCode = (field: string) => new AppError('INVALID_SECOND_FACTOR', 'Code incorrect ou déjà utilisé. Saisissez le code affiché maintenant par votre application.', [
  { instancePath: `/${field}`, keyword: 'secondFactor', message: 'Code incorrect ou déjà utilisé.', params: {} },
]);

const throttleKeys = (user: SessionUser, ip: string) => ({ account: `totp:${normalizeEmail(user.email)}`, ip });

/** Checks a code against the (possibly unconfirmed) secret and consumes its time step. */
async function consumeCode(deps: AppDeps, trx: Trx, row: TotpRow, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const step = matchingStep(base32Decode(deps.sealer.open(row.secret_sealed)), code, deps.clock.now());
  if (step === null) return false;
  const moved = await trx('user_totp').where({ user_id: row.user_id })
    .where((q) => q.whereNull('last_step').orWhere('last_step', '<', step))
    .update({ last_step: step });
  return Number(moved) === 1;
}

async function consumeRecoveryCode(trx: Trx, userId: string, code: string): Promise<boolean> {
  const hash = sha256Hex(normalizeRecovery(code));
  const used = await trx('totp_recovery_codes').where({ user_id: userId, code_hash: hash }).whereNull('used_at').update({ used_at: trx.fn.now() });
  return Number(used) === 1;
}

async function replaceRecoveryCodes(trx: Trx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await trx('totp_recovery_codes').where({ user_id: userId }).delete();
  await trx('totp_recovery_codes').insert(codes.map((c) => ({ user_id: userId, code_hash: sha256Hex(normalizeRecovery(c)) })));
  return codes;
}

/** First code from the new secret: the factor is active; returns the recovery codes (shown once). */
export async function confirmEnrolment(deps: AppDeps, user: SessionUser, code: string, ip: string): Promise<string[]> {
  const keys = throttleKeys(user, ip);
  await assertNotThrottled(deps.db, keys, deps.clock.now());
  const result = await deps.db.transaction(async (trx) => {
    const row = await trx('user_totp').where({ user_id: user.id }).forUpdate().first();
    if (!row) throw new AppError('CONFLICT', "Commencez par afficher le QR code (« Activer la double authentification »).");
    if (row.confirmed_at) throw new AppError('CONFLICT', 'La double authentification est déjà activée sur ce compte.');
    if (!(await consumeCode(deps, trx, row, code))) return null;
    await trx('user_totp').where({ user_id: user.id }).update({ confirmed_at: deps.clock.now() });
    return replaceRecoveryCodes(trx, user.id);
  });
  if (!result) {
    await recordFailure(deps.db, keys, deps.clock.now());
    throw wrongCode('code');
  }
  await recordSuccess(deps.db, keys.account);
  return result;
}

/** The code (or a recovery code) after the password at login. */
export async function verifySecondFactor(deps: AppDeps, user: SessionUser, input: { code?: string; recoveryCode?: string }, ip: string): Promise<{ recoveryCodesLeft?: number }> {
  const keys = throttleKeys(user, ip);
  await assertNotThrottled(deps.db, keys, deps.clock.now());
  const field = input.recoveryCode !== undefined ? 'recoveryCode' : 'code';
  const ok = await deps.db.transaction(async (trx) => {
    const row = await trx('user_totp').where({ user_id: user.id }).first();
    if (!row?.confirmed_at) return false;
    if (input.recoveryCode !== undefined) return consumeRecoveryCode(trx, user.id, input.recoveryCode);
    return consumeCode(deps, trx, row, input.code ?? '');
  });
  if (!ok) {
    await recordFailure(deps.db, keys, deps.clock.now());
    throw wrongCode(field);
  }
  await recordSuccess(deps.db, keys.account);
  if (field !== 'recoveryCode') return {};
  const left = await deps.db('totp_recovery_codes').where({ user_id: user.id }).whereNull('used_at').count({ n: '*' });
  return { recoveryCodesLeft: Number(left[0].n) };
}

/** New recovery codes (the old ones stop working), on a current code. */
export async function renewRecoveryCodes(deps: AppDeps, user: SessionUser, code: string, ip: string): Promise<string[]> {
  const keys = throttleKeys(user, ip);
  await assertNotThrottled(deps.db, keys, deps.clock.now());
  const codes = await deps.db.transaction(async (trx) => {
    const row = await trx('user_totp').where({ user_id: user.id }).forUpdate().first();
    if (!row?.confirmed_at) throw new AppError('CONFLICT', "La double authentification n'est pas activée sur ce compte.");
    if (!(await consumeCode(deps, trx, row, code))) return null;
    return replaceRecoveryCodes(trx, user.id);
  });
  if (!codes) {
    await recordFailure(deps.db, keys, deps.clock.now());
    throw wrongCode('code');
  }
  await recordSuccess(deps.db, keys.account);
  return codes;
}

/**
 * An administrator resets a staff member's second factor (lost phone and recovery codes):
 * secret and codes deleted, sessions ended, audited. Their next login enrols again
 * (required in production).
 */
export async function resetSecondFactor(deps: AppDeps, admin: SessionUser, userId: string): Promise<void> {
  if (userId === admin.id) throw new AppError('CONFLICT', 'Vous ne pouvez pas réinitialiser votre propre double authentification : demandez-le à un autre administrateur.');
  await deps.db.transaction(async (trx) => {
    const user = await trx('users').where({ id: userId }).whereIn('role', STAFF_ROLES).forUpdate().first('id');
    if (!user) throw new AppError('NOT_FOUND', 'Compte introuvable.');
    await trx('user_totp').where({ user_id: userId }).delete();
    await trx('totp_recovery_codes').where({ user_id: userId }).delete();
    await trx('sessions').where({ user_id: userId }).delete();
    await auditLog(trx, { actorId: admin.id, actorRole: admin.role, action: 'staff.second_factor_reset', subjectType: 'user', subjectId: userId });
  });
}
