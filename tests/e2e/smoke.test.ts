// The built portal in real Chromium: pages served under a strict CSP (no blocked script or
// style), a parent signs in and reaches Mon espace, at desktop and phone widths, with no
// serious or critical accessibility violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { signInParent, watchProblems } from '../helpers/e2e.js';
import { launchBrowser, seriousViolations, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { mountFrontEnds } from '../../server/http/static.js';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app) });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Collects what the browser refused or failed to load: CSP violations, page errors. */
describe('le portail dans Chromium', () => {
  it('la page de connexion est servie sous une CSP stricte et sans violation grave', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const res = await page.goto(`${t.url}/connexion`);
    expect(res?.status()).toBe(200);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    await expect.poll(() => page.getByRole('button', { name: /se connecter/i }).count()).toBeGreaterThan(0);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const [label, width] of [['ordinateur', 1280], ['téléphone (360 px)', 360]] as const) {
    it(`un parent se connecte et arrive sur Mon espace — ${label}`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 800 });
      const problems = watchProblems(page);
      await signInParent(page, t.url, DEMO.parentA.email);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), { timeout: 15_000 }).toMatch(/Accueil Portail famille|Mon espace/i);
      await expect.poll(() => page.getByText("Je déclare mon changement d'adresse").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
