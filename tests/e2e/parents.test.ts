// The parents' portal in real Chromium: the first connection exactly as the manual tells it
// (Générer un mot de passe → mail → new password → Se connecter) and the logout; then every
// page of every shipped démarche — legal notice, each step, summary — on a phone (360 px),
// with no serious or critical accessibility violation, no CSP refusal, no sideways scroll;
// and choices that depend on an earlier answer (the classes of the chosen school).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { signInParent, watchProblems, expectUsablePage } from '../helpers/e2e.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { mountFrontEnds } from '../../server/http/static.js';
import { id } from '../../server/demo/data.js';

// September: within the canteen flat rate's window (June–October), in the 2026-2027 school year.
const NOW = new Date('2026-09-15T08:00:00Z');
const LEA = id('e1');
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  browser = await launchBrowser({ width: 360, height: 800, now: NOW });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('première connexion et déconnexion', () => {
  it('Générer un mot de passe → lien reçu par mail → Modifier votre mot de passe → Se connecter → quitter', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await page.goto(`${t.url}/connexion`);
    await expectUsablePage(page, 'Se connecter');
    await page.getByRole('link', { name: 'Générer un mot de passe' }).click();
    // A mistyped address: the server's refusal, in French, takes the focus.
    await page.getByLabel(/adresse mail/i).fill('claire.martin@');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByRole('alert').textContent()).toBe('Certaines informations envoyées sont invalides.');
    // The field says what is wrong with it, and is marked invalid for a screen reader.
    const address = page.getByLabel(/adresse mail/i);
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await address.getAttribute('aria-describedby')}`).textContent()).toBe('Adresse mail invalide.');
    await page.getByLabel(/adresse mail/i).fill(DEMO.newParent.email);
    await expectUsablePage(page, 'Générer un mot de passe');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const mail = await t.smtp.waitFor({ to: DEMO.newParent.email });
    const link = t.smtp.linkIn(mail);
    expect(link.startsWith(t.url)).toBe(true);

    await page.goto(link);
    const chosen = 'Toboggan-Pirouette-Cartable-31';
    const fields = page.locator('input[type=password]');
    await fields.nth(0).fill('motdepasse12');
    await fields.nth(1).fill('motdepasse12');
    await page.getByRole('button', { name: 'Modifier votre mot de passe' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    await fields.nth(0).fill(chosen);
    await fields.nth(1).fill(chosen);
    await expectUsablePage(page, 'Choisir votre mot de passe');
    await page.getByRole('button', { name: 'Modifier votre mot de passe' }).click();
    await page.getByRole('status').filter({ hasText: 'Vous pouvez maintenant vous connecter' }).waitFor();

    await signInParent(page, t.url, DEMO.newParent.email, chosen);
    await expectUsablePage(page, 'Mon espace');
    await page.getByRole('button', { name: /^Se déconnecter/ }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.user).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('chaque page de chaque démarche livrée', () => {
  let api: TestClient;

  beforeAll(async () => {
    // Family MARTIN did 02, and 06 for Léa, this school year; Léa has a school (seed).
    for (const [code, child] of [['02', null], ['06', LEA]] as const) {
      const version = await t.db('procedure_versions').where({ code }).first('version_id');
      await t.db('dossiers').insert({
        family_id: DEMO.parentA.familyId, child_id: child, procedure_code: code, version_id: version.version_id, school_year: '2026-2027',
        status: 'accepted', answers: '{}', notice_confirmed: true, submitted_at: new Date('2026-09-02T08:00:00Z'), decided_at: new Date('2026-09-03T08:00:00Z'),
      });
    }
    api = await t.login(DEMO.parentA.email);
  });

  it('mentions légales, étapes et récapitulatif, sans violation grave, à 360 px', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);
    const procedures = (await api.get('/api/procedures')).body as { code: string; subject: string }[];
    expect(procedures.map((p) => p.code)).toEqual(['02', '03', '04', '05', '06', '07', '08', '09', '10', '11']);
    for (const procedure of procedures) {
      const created = await api.post('/api/dossiers', { code: procedure.code, ...(procedure.subject === 'child' && { childId: LEA }) });
      expect(created.status, `${procedure.code} : ${created.text}`).toBe(201);
      const dossier = created.body;
      await page.goto(`${t.url}/dossiers/${dossier.id}`);
      await page.getByRole('heading', { name: dossier.definition.legalNotice.title }).first().waitFor();
      await expectUsablePage(page, `${procedure.code} — mentions légales`);
      await api.post(`/api/dossiers/${dossier.id}/notice`);
      const labels = (dossier.definition.steps as { label: string }[]).map((s) => s.label);
      for (let step = 0; step <= labels.length; step++) {
        await api.put(`/api/dossiers/${dossier.id}/answers`, { answers: dossier.answers, step });
        await page.goto(`${t.url}/dossiers/${dossier.id}`);
        await page.getByRole('heading', { name: step < labels.length ? labels[step] : 'Récapitulatif' }).first().waitFor().catch(async (e) => {
          throw new Error(`${procedure.code}, étape ${step} : ${(await page.locator('main').innerText()).slice(0, 600)}`, { cause: e });
        });
        await expectUsablePage(page, `${procedure.code} — ${step < labels.length ? labels[step] : 'récapitulatif'}`);
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('les classes proposées sont celles de l’école choisie juste avant (08)', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInParent(page, t.url, DEMO.parentA.email);
    const created = await api.post('/api/dossiers', { code: '08', childId: LEA });
    const dossierId = created.status === 201 ? created.body.id : (await api.get('/api/dossiers')).body.inProgress.find((d: { code: string }) => d.code === '08').id;
    await api.post(`/api/dossiers/${dossierId}/notice`);
    await page.goto(`${t.url}/dossiers/${dossierId}`);
    const school = page.getByRole('combobox', { name: /Établissement scolaire/ });
    await school.click();
    await page.getByRole('option', { name: /Jules Ferry/ }).click();
    await page.getByText(/Enregistré à/).waitFor();
    await page.getByRole('combobox', { name: /^Classe/ }).click();
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['CE1', 'CE2', 'CM1', 'CM2', 'CP']);
    await page.close();
  });
});
