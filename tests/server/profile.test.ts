// "Mon profil": Mon compte (e-mail confirmed by a link to the new address), Mon mot de
// passe, Mes données personnelles; and the family record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('Mon profil', () => {
  it('shows the account, the family and the personal data of the signed-in parent', async () => {
    const c = await t.login(DEMO.parentA.email);
    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: DEMO.parentA.email, role: 'parent', family: { name: 'MARTIN' }, personalData: { firstName: 'Claire', lastName: 'MARTIN' } });
    const session = await c.get('/api/session');
    expect(session.body.user).toMatchObject({ id: DEMO.parentA.userId, role: 'parent', familyId: DEMO.parentA.familyId, displayName: 'Claire MARTIN' });
    expect((await c.get('/api/family')).body.guardians).toHaveLength(2);
  });

  it('changes the e-mail only once the link sent to the new address is confirmed', async () => {
    const c = await t.login(DEMO.parentB.email);
    const res = await c.post('/api/me/email', { email: 'Paul.Nouveau@Example.fr' });
    expect(res.status).toBe(202);
    const mail = await t.smtp.waitFor({ to: 'paul.nouveau@example.fr', subject: /Confirmez/ });
    const link = t.smtp.linkIn(mail);
    expect(link.startsWith(`${t.url}/confirmer-courriel?token=`)).toBe(true);
    expect((await c.get('/api/me')).body.email).toBe(DEMO.parentB.email); // not yet

    const other = await t.login(DEMO.parentA.email);
    const token = new URL(link).searchParams.get('token');
    expect((await other.post('/api/me/email/confirm', { token })).body.error.code).toBe('INVALID_TOKEN'); // not theirs

    const ok = await c.post('/api/me/email/confirm', { token });
    expect(ok.status).toBe(200);
    expect((await c.get('/api/me')).body.email).toBe('paul.nouveau@example.fr');
    expect((await c.post('/api/me/email/confirm', { token })).body.error.code).toBe('INVALID_TOKEN'); // single use
    await t.smtp.waitFor({ to: DEMO.parentB.email, subject: /adresse de connexion a été modifiée/ });
    expect((await t.client().post('/api/auth/login', { email: 'paul.nouveau@example.fr', password: DEMO.password })).status).toBe(200);
  });

  it('says the same when the new address already belongs to someone, and changes nothing', async () => {
    const c = await t.login(DEMO.parentA.email);
    const res = await c.post('/api/me/email', { email: DEMO.agent.email });
    expect(res.status).toBe(202);
    expect(await t.db('email_change_tokens').where({ new_email: DEMO.agent.email }).first()).toBeUndefined();
  });

  it('changes the password with the current one, ends the other sessions and mails a notice', async () => {
    const c = await t.login(DEMO.agent.email);
    const other = await t.login(DEMO.agent.email);
    const fresh = 'Hibou-Lanterne-Prairie-31';
    const wrong = await c.post('/api/me/password', { currentPassword: 'pas-le-bon-mot-de-passe', password: fresh, confirmation: fresh });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].instancePath).toBe('/currentPassword');
    const weak = await c.post('/api/me/password', { currentPassword: DEMO.password, password: 'azertyuiop123', confirmation: 'azertyuiop123' });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const ok = await c.post('/api/me/password', { currentPassword: DEMO.password, password: fresh, confirmation: fresh });
    expect(ok.status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(200); // this session stays
    expect((await other.get('/api/me')).status).toBe(401); // the others end
    await t.smtp.waitFor({ to: DEMO.agent.email, subject: /a été modifié/ });
    expect((await t.client().post('/api/auth/login', { email: DEMO.agent.email, password: fresh })).status).toBe(200);
  });
});
