// "Mon compte": changing the login e-mail, confirmed by a single-use link sent to the new
// address; the old address is told afterwards.
import type { AppDeps, SessionUser } from '../deps.js';
import { AppError } from '../http/errors.js';
import { randomToken, sha256Hex } from '../crypto.js';
import { enqueueMail } from '../mail/outbox.js';
import { emailChangedMail, emailChangeMail } from '../mail/templates.js';
import { findUserByEmail, normalizeEmail } from './users.js';

const LINK_HOURS = 24;

export async function requestEmailChange(deps: AppDeps, me: SessionUser, newEmail: string): Promise<void> {
  const email = normalizeEmail(newEmail);
  // Same answer when the address is taken: this is no way to test who has an account.
  if (await findUserByEmail(deps.db, email)) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (trx) => {
    await trx('email_change_tokens').where({ user_id: me.id }).whereNull('used_at').update({ used_at: now });
    const token = randomToken();
    await trx('email_change_tokens').insert({ user_id: me.id, token_hash: sha256Hex(token), new_email: email, created_at: now, expires_at: new Date(now.getTime() + LINK_HOURS * 3600_000) });
    const link = `${deps.config.publicUrl}/confirmer-courriel?token=${token}`;
    await enqueueMail(trx, { to: email, template: 'email-change', ...emailChangeMail(link) });
  });
}

export async function confirmEmailChange(deps: AppDeps, me: SessionUser, token: string): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction(async (trx) => {
    const row = await trx('email_change_tokens').where({ token_hash: sha256Hex(token), user_id: me.id }).forUpdate().first();
    if (!row || row.used_at || new Date(row.expires_at) <= now) {
      throw new AppError('INVALID_TOKEN', "Ce lien de confirmation n'est plus valable. Recommencez depuis « Mon compte ».");
    }
    const taken = await findUserByEmail(trx, row.new_email);
    if (taken) throw new AppError('CONFLICT', 'Cette adresse mail est déjà utilisée par un autre compte.');
    await trx('email_change_tokens').where({ id: row.id }).update({ used_at: now });
    await trx('users').where({ id: me.id }).update({ email: row.new_email, updated_at: now });
    await enqueueMail(trx, { familyId: me.familyId, to: me.email, template: 'email-changed', ...emailChangedMail(row.new_email) });
    return row.new_email as string;
  });
}
