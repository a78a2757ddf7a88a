// Small pieces every end-to-end test uses: what the browser refused, and signing a parent in.
import type { Page } from 'playwright-core';
import { DEMO } from './app.js';

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
