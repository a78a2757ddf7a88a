// Small pieces every end-to-end test uses: what the browser refused, a page usable by all
// (accessibility and width), and signing a parent in.
import type { Page } from 'playwright-core';
import { expect, type TestContext } from 'vitest';
import { DEMO } from './app.js';
import { seriousViolations, type Browser } from './browser.js';
import { join } from 'node:path';

/** Collects CSP refusals and page errors; a test expects the list to stay empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** Signs a parent in through the « Se connecter » page and waits for Mon espace. */
export async function signInParent(page: Page, baseUrl: string, email: string, password = DEMO.password): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel(/adresse mail/i).fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
}

/**
 * The page has no serious or critical axe-core violation and does not scroll sideways (the
 * 360 px rule); on failure, the widest elements that stick out are named (the first to fix).
 */
export async function expectUsablePage(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where} : ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const wide = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(-5).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)) : [];
  expect(overflow, `${where} : défilement horizontal ${wide.join(' | ')}`).toBeLessThanOrEqual(0);
}

/** After a failed test, a full-page picture of every page still open (.tmp/e2e-<name>-<test>-<n>.png), to see what the user saw. */
export async function screenshotsOnFailure(ctx: TestContext, browser: Browser | undefined, name: string): Promise<void> {
  if (ctx.task.result?.state !== 'fail' || !browser) return;
  for (const [i, page] of browser.context.pages().entries()) {
    await page.screenshot({ path: join('.tmp', `e2e-${name}-${ctx.task.name.slice(0, 30).replace(/[^a-z0-9]+/gi, '-')}-${i}.png`), fullPage: true }).catch(() => undefined);
  }
}
