// `npm run admin:create`: the first administrator of an installation without demo data. The
// command (a real process on this file's database) creates the account without a password;
// the running portal mails the first-connection link; the administrator sets a password and
// signs in to the back office. Wrong arguments and a taken address change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { DEMO, databaseDigest, outboxDrained, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  if (!t.dbUrl) throw new Error('Ce test lance la commande sur la base du serveur PostgreSQL des tests (initdb/pg_ctl introuvables).');
});
afterAll(() => t?.close());

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  // The command works on this file's database (the run's PostgreSQL server).
  const env = { ...process.env, DATABASE_URL: t.dbUrl, PUBLIC_URL: t.url };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/auth/admin-cli.ts', ...args], { env, timeout: 120_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }));
  });
}

describe('npm run admin:create', () => {
  it('creates an administrator who receives the first-connection link and signs in', async () => {
    const email = 'Direction.Enfance@Villebourg.fr';
    const run = await cli(['--email', email, '--nom', 'Camille Durand']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Compte administrateur créé pour Camille Durand <Direction.Enfance@Villebourg.fr>');

    const user = await t.db('users').where({ email: 'direction.enfance@villebourg.fr' }).first();
    expect(user).toMatchObject({ role: 'admin', family_id: null, display_name: 'Camille Durand', password_hash: null });
    expect(await t.db('audit_log').where({ action: 'staff.create', subject_id: user.id }).first('actor_role')).toEqual({ actor_role: 'commande' });

    const mail = await t.smtp.waitFor({ to: 'direction.enfance@villebourg.fr', subject: /premier accès/ });
    const link = t.smtp.linkIn(mail);
    expect(link.startsWith(`${t.url}/reinitialiser?token=`)).toBe(true);
    const password = 'Girafe-Carillon-Tilleul-58';
    const browser = t.client();
    const token = new URL(link).searchParams.get('token');
    expect((await browser.post('/api/auth/reset', { token, password, confirmation: password })).status).toBe(200);
    const login = await browser.post('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect((await browser.get('/api/admin/staff')).status).toBe(200);
  });

  it('refuses missing or malformed arguments and a taken address, and changes nothing', async () => {
    await outboxDrained(t.db); // the mails of the test above leave first: the digest sees only these commands
    const before = await databaseDigest(t.db);
    const usage = await cli([]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage : npm run admin:create -- --email adresse@commune.fr --nom "Prénom Nom"');
    const bad = await cli(['--email', 'pas-une-adresse', '--nom', 'X']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Adresse mail invalide');
    const taken = await cli(['--email', DEMO.agent.email.toUpperCase(), '--nom', 'Doublon']);
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('Un compte existe déjà avec cette adresse mail.');
    expect(await databaseDigest(t.db)).toBe(before);
  });
});
