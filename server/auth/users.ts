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
