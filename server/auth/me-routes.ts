// "Mon profil": Mon compte (e-mail), Mon mot de passe, Mes données personnelles.
import type { RouteDef } from '../http/routes.js';
import { Reply } from '../http/routes.js';
import { object, str, email, password } from '../http/validate.js';
import { changePassword } from './service.js';
import { confirmEmailChange, requestEmailChange } from './email-change.js';
import { readFamily } from '../household/repository.js';

const SIGNED_IN = ['parent', 'agent', 'admin'] as const;

export const meRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/me', roles: [...SIGNED_IN],
    summary: 'Mon profil : adresse mail, rôle et famille',
    handler: async ({ deps, user }) => {
      const row = await deps.db('users').where({ id: user!.id }).first('email', 'role', 'display_name', 'family_id', 'guardian_id', 'password_changed_at');
      const family = row.family_id ? await readFamily(deps.db, row.family_id, { now: deps.clock.now() }) : null;
      const guardian = family?.guardians?.find((g) => g.id === row.guardian_id) ?? null;
      return {
        email: row.email, role: row.role, displayName: row.display_name,
        passwordChangedAt: row.password_changed_at,
        family: family ? { name: family.name, address: family.address, homePhone: family.homePhone, consents: family.consents } : null,
        // Mes données personnelles: the guardian record of the signed-in parent.
        personalData: guardian,
      };
    },
  },
  {
    method: 'POST', path: '/api/me/email', roles: [...SIGNED_IN],
    summary: "Changer d'adresse mail : un lien de confirmation part à la nouvelle adresse",
    body: object({ email: email() }),
    handler: async ({ deps, user, body }) => {
      await requestEmailChange(deps, user!, body.email);
      return new Reply(202, { message: 'Un mail de confirmation a été envoyé à la nouvelle adresse. Cliquez sur son lien pour terminer le changement.' });
    },
  },
  {
    method: 'POST', path: '/api/me/email/confirm', roles: [...SIGNED_IN],
    summary: 'Confirmer la nouvelle adresse mail avec le lien reçu',
    body: object({ token: str(200) }),
    handler: async ({ deps, user, body }) => {
      const email = await confirmEmailChange(deps, user!, body.token);
      return { message: `Votre adresse de connexion est désormais ${email}.`, email };
    },
  },
  {
    method: 'POST', path: '/api/me/password', roles: [...SIGNED_IN],
    summary: 'Changer de mot de passe (le mot de passe actuel est demandé ; les autres sessions sont terminées)',
    body: object({ currentPassword: password(), password: password(), confirmation: password() }),
    handler: async ({ req, deps, user, body, ip }) => {
      await changePassword(deps, user!, req.auth?.sessionHash ?? null, body, ip);
      return { message: 'Votre mot de passe a été modifié. Vos autres sessions ont été fermées.' };
    },
  },
];
