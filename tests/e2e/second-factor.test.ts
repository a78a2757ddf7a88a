// Second factor in the back office, in real Chromium, with the server in production mode:
// an agent without it is taken to « Double authentification » after the password, scans
// (here: reads) the key, confirms with a code, notes the recovery codes, reaches the queues;
// the next login asks for the code (a wrong one is refused with a message), then a
// recovery code works once. Pages checked with axe.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, type TestApp } from '../helpers/app.js';
import { watchProblems, screenshotsOnFailure } from '../helpers/e2e.js';
import { seriousViolations, type Browser } from '../helpers/browser.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { TEST_SECRETS } from '../helpers/server-process.js';
import { base32Decode, totp } from '../../server/auth/totp.js';

const clock = { at: new Date(Math.floor(Date.now() / 30_000) * 30_000 + 1000) };
let office: BackOffice | undefined;
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  office = await startBackOffice({ clock: { now: () => clock.at }, env: { NODE_ENV: 'production', ...TEST_SECRETS } });
  ({ t, browser } = office);
}, 300_000);
afterAll(() => office?.close());
afterEach((ctx) => screenshotsOnFailure(ctx, browser, 'second-factor'));

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectAccessible(page: Page, where: string) {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
}

async function passwordStep(page: Page) {
  await page.context().clearCookies();
  await page.goto(`${t.url}/admin/connexion`);
  await page.getByLabel(/adresse mail/i).fill(DEMO.agent.email);
  await page.getByLabel(/mot de passe/i).fill(DEMO.password);
  await page.getByRole('button', { name: /se connecter/i }).click();
}

describe('double authentification dans l’espace agents', () => {
  it('activation imposée, puis connexion avec le code, un code faux refusé, un code de secours', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);

    // Production: after the password, the enrolment page instead of the queues.
    await passwordStep(page);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Double authentification');
    await page.getByText(/obligatoire pour les agents et les administrateurs/).waitFor();
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    const qr = page.getByRole('img', { name: /QR code à scanner/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expectAccessible(page, 'activation');
    const secret = (await page.getByLabel('Clé secrète').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const codeAt = (at: Date) => totp(base32Decode(secret), at);

    await page.getByLabel(/Code à 6 chiffres/).fill(codeAt(clock.at));
    await page.getByRole('button', { name: 'Activer', exact: true }).click();
    const list = page.getByRole('list', { name: 'Codes de secours' });
    await list.waitFor();
    const recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('status').filter({ hasText: 'La double authentification est activée.' }).waitFor();
    await page.getByRole('button', { name: /J’ai noté mes codes : continuer/ }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');

    // Next login: the code step; a wrong code is refused in words, the right one opens the queues.
    clock.at = new Date(clock.at.getTime() + 30_000);
    await passwordStep(page);
    await page.getByRole('heading', { level: 2, name: 'Double authentification' }).waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'code');
    const right = codeAt(clock.at);
    await page.getByLabel(/Code à 6 chiffres/).fill(String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Code incorrect ou déjà utilisé/);
    await page.getByLabel(/Code à 6 chiffres/).fill(right);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');

    // Without the phone: a recovery code, once.
    await passwordStep(page);
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click({ timeout: 15_000 });
    await page.getByLabel(/Code de secours/).fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');
    await page.getByRole('link', { name: 'Double authentification' }).first().click();
    await expect.poll(() => page.getByText(/Codes de secours restants : 9/).count(), { timeout: 15_000 }).toBe(1);

    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
