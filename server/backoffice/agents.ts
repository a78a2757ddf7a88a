// Administrators manage the municipality's staff accounts. A new agent receives the
// first-connection link; a disabled one loses every session at once.
import type { AppDeps, SessionUser } from '../deps.js';
import { AppError, notFound } from '../http/errors.js';
import { normalizeEmail, findUserByEmail } from '../auth/users.js';
import { requestPasswordLink } from '../auth/service.js';
import { auditLog } from '../audit.js';

export async function listStaff(deps: AppDeps) {
  const rows = await deps.db('users as u').leftJoin('user_totp as t', 't.user_id', 'u.id').whereIn('u.role', ['agent', 'admin']).orderBy('u.display_name')
    .select('u.id', 'u.email', 'u.display_name', 'u.role', 'u.disabled_at', 'u.created_at', 't.confirmed_at as second_factor_at');
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role, disabled: Boolean(r.disabled_at), createdAt: r.created_at, secondFactor: Boolean(r.second_factor_at) }));
}

/**
 * A staff account without a password; its first-connection link (24 h) leaves through the
 * outbox. `by` is the administrator, or null for the command that creates the first one.
 */
export async function createStaff(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, by: SessionUser | null, input: { email: string; displayName: string; role: 'agent' | 'admin' }) {
  const email = normalizeEmail(input.email);
  const id = await deps.db.transaction(async (trx) => {
    if (await findUserByEmail(trx, email)) {
      throw new AppError('CONFLICT', 'Un compte existe déjà avec cette adresse mail.', [{ instancePath: '/email', keyword: 'unique', message: 'Adresse déjà utilisée.', params: {} }]);
    }
    const [row] = await trx('users').insert({ email, display_name: input.displayName.trim(), role: input.role }).returning('id');
    await auditLog(trx, { actorId: by?.id ?? null, actorRole: by?.role ?? 'commande', action: 'staff.create', subjectType: 'user', subjectId: row.id, data: { role: input.role } });
    return String(row.id);
  });
  await requestPasswordLink(deps, email);
  return { id };
}

export async function setStaffDisabled(deps: AppDeps, admin: SessionUser, id: string, disabled: boolean) {
  if (id === admin.id && disabled) throw new AppError('CONFLICT', 'Vous ne pouvez pas désactiver votre propre compte.');
  await deps.db.transaction(async (trx) => {
    const user = await trx('users').where({ id }).whereIn('role', ['agent', 'admin']).forUpdate().first('id');
    if (!user) throw notFound('Compte');
    await trx('users').where({ id }).update({ disabled_at: disabled ? deps.clock.now() : null, updated_at: deps.clock.now() });
    if (disabled) await trx('sessions').where({ user_id: id }).delete();
    await auditLog(trx, { actorId: admin.id, actorRole: admin.role, action: disabled ? 'staff.disable' : 'staff.enable', subjectType: 'user', subjectId: id });
  });
}
