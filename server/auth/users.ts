// Users repository: parents (bound to a family), agents and administrators.
import type { Db, Trx } from '../db.js';

export interface UserRow {
  id: string;
  role: 'parent' | 'agent' | 'admin';
  family_id: string | null;
  guardian_id: string | null;
  email: string;
  display_name: string;
  password_hash: string | null;
  disabled_at: Date | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db | Trx, email: string): Promise<UserRow | undefined> {
  return db('users').whereRaw('lower(email) = ?', [normalizeEmail(email)]).first();
}

export async function findUser(db: Db | Trx, id: string): Promise<UserRow | undefined> {
  return db('users').where({ id }).first();
}

/** Words a password must not be built on: the municipality, the person, the family. */
export async function contextWords(db: Db | Trx, user: UserRow, municipality: string): Promise<string[]> {
  const family = user.family_id ? await db('families').where({ id: user.family_id }).first('name') : undefined;
  return [municipality, 'portail', 'famille', user.email, user.display_name, family?.name ?? ''].filter(Boolean);
}

/**
 * First connection of a guardian who has no login yet: an address known on exactly one
 * family account (a guardian's or the household's) becomes that family's parent login.
 */
export async function adoptKnownAddress(trx: Trx, email: string): Promise<UserRow | undefined> {
  const address = normalizeEmail(email);
  const guardians = await trx('guardians').whereRaw('lower(email) = ?', [address]).select('id', 'family_id', 'first_name', 'last_name');
  const families = await trx('families').whereRaw('lower(email) = ?', [address]).pluck('id');
  const familyIds = new Set([...guardians.map((g) => String(g.family_id)), ...families.map(String)]);
  if (familyIds.size !== 1) return undefined; // unknown, or ambiguous: no account is made
  const [familyId] = familyIds;
  const guardian = guardians[0];
  const family = await trx('families').where({ id: familyId }).first('name');
  const displayName = guardian ? `${guardian.first_name ?? ''} ${guardian.last_name ?? ''}`.trim() : `Famille ${family.name}`;
  const [row] = await trx('users')
    .insert({ role: 'parent', family_id: familyId, guardian_id: guardian?.id ?? null, email: address, display_name: displayName || address })
    .returning('*');
  return row;
}
