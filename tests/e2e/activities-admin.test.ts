// Activities and attendance in the back office, in real Chromium (dist/admin at /admin/):
// an administrator changes an activity's capacity and booking deadline (the grammar is
// checked as they type); an agent opens the attendance list of a day, records a child
// present with the keyboard, confirms a booking awaiting validation; the pages have no
// serious accessibility violation, fit 360 px, and print without the navigation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parisDate } from '../../engine/index.js';
import { ACTIVITIES, CHILDREN, FAMILIES } from '../../server/demo/data.js';
import { startBackOffice, type BackOffice } from '../helpers/admin-build.js';
import { DEMO, type TestApp } from '../helpers/app.js';
import { seriousViolations, type Browser } from '../helpers/browser.js';
import { watchProblems, screenshotsOnFailure } from '../helpers/e2e.js';

let office: BackOffice | undefined;
let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  office = await startBackOffice();
  ({ t, browser } = office);
}, 300_000);
afterAll(() => office?.close());
afterEach((ctx) => screenshotsOnFailure(ctx, browser, 'activities'));

const mercredi = ACTIVITIES[3];
const heading1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectAccessible(page: Page, where: string) {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function signIn(page: Page, email: string) {
  await page.context().clearCookies();
  await page.goto(`${t.url}/admin/connexion`);
  await page.getByLabel(/adresse mail/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(DEMO.password);
  await page.getByRole('button', { name: /se connecter/i }).click();
  await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Files de traitement');
}

/** No sideways scrolling of the whole page (tables scroll inside their own region). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('activités et présences dans Chromium', () => {
  it('un administrateur change la capacité et le délai de réservation d’une activité', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, DEMO.admin.email);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Activités' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Activités');
    const table = page.getByRole('table', { name: 'Activités et leurs règles de réservation' });
    await expect.poll(() => table.textContent()).toContain(mercredi.name);
    await expectAccessible(page, 'liste des activités');

    await page.getByRole('link', { name: `Modifier l’activité ${mercredi.name}` }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Activité : ${mercredi.name}`);
    const capacity = page.getByLabel('Capacité (places par jour)');
    expect(await capacity.inputValue()).toBe('48');
    await capacity.fill('30');

    // The grammar is read back while typing: an error first, then the understood rule.
    const book = page.getByRole('textbox', { name: 'Délai de réservation' });
    await book.fill('trois jours avant');
    await expect.poll(() => page.locator('#deadline-book-helper-text').textContent(), { timeout: 10_000 }).toMatch(/non reconnu/);
    expect(await book.getAttribute('aria-invalid')).toBe('true');
    await book.fill('j-3 ouvres a 10h');
    await expect.poll(() => page.locator('#deadline-book-helper-text').textContent(), { timeout: 10_000 }).toMatch(/^Compris : « J-3 ouvrés à 10:00 »\. Pour le .+ : jusqu’au .+ à 10:00\.$/);
    await expectAccessible(page, 'formulaire d’activité');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining(`Activité « ${mercredi.name} » enregistrée.`));
    const row = await t.db('activities').where({ id: mercredi.id }).first();
    expect(row.capacity).toBe(30);
    expect(row.deadline_rules.book).toBe('J-3 ouvrés à 10:00');
    expect(await page.getByRole('textbox', { name: 'Délai de réservation' }).inputValue()).toBe('J-3 ouvrés à 10:00');

    // A refused change: the server's message is shown at the field and summarised.
    await capacity.fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('#activity-capacity-helper-text').textContent(), { timeout: 10_000 }).toMatch(/1/);
    expect(await page.getByText(/L’activité n’est pas enregistrée/).isVisible()).toBe(true);
    expect((await t.db('activities').where({ id: mercredi.id }).first()).capacity).toBe(30);

    // Usable on a phone: the form fits 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe(`Activité : ${mercredi.name}`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('un agent ouvre la liste de présence d’un jour, pointe un enfant au clavier, confirme une réservation, imprime', { timeout: 180_000 }, async () => {
    const today = parisDate(new Date());
    const [lea, tom, lucas] = CHILDREN.map((c) => c.id);
    const rows = [
      { family_id: FAMILIES[0].id, child_id: lea, status: 'booked' },
      { family_id: FAMILIES[0].id, child_id: tom, status: 'requested' },
      { family_id: FAMILIES[1].id, child_id: lucas, status: 'waiting', waiting_rank: 1 },
    ];
    const ids = (await t.db('reservations').insert(rows.map((r) => ({ ...r, activity_id: mercredi.id, date: today }))).returning('id')).map((r) => r.id);
    // Another day's booking must not appear.
    await t.db('reservations').insert({ family_id: FAMILIES[1].id, child_id: lucas, activity_id: mercredi.id, date: '2027-06-30', status: 'booked' });

    const page = await browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, DEMO.agent.email);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Présences' }).click();
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Présences');
    await page.getByLabel('Activité', { exact: true }).selectOption({ label: mercredi.name });
    await page.getByLabel('Date', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Afficher la liste' }).click();

    const table = page.getByRole('table', { name: /^Enfants réservés, Centre de loisirs du mercredi/ });
    await table.waitFor({ timeout: 15_000 });
    const heading = page.getByRole('heading', { level: 2, name: /^Liste de présence — Centre de loisirs du mercredi — / });
    expect(await heading.isVisible()).toBe(true);
    const leaRow = table.getByRole('row', { name: /MARTIN Léa/ });
    expect(await leaRow.textContent()).toMatch(/CE1.*École élémentaire Jules Ferry.*Réservé.*PAI \/ allergie : voir la fiche/);
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await table.textContent()).not.toContain('BERNARD');
    const waiting = page.getByRole('table', { name: 'Liste d’attente' });
    expect(await waiting.textContent()).toMatch(/1.*BERNARD Lucas/);
    await expectAccessible(page, 'liste de présence');

    // Keyboard: Tab to the radio group, Space records "Présent", arrows move and record.
    const group = page.getByRole('group', { name: 'Présence de MARTIN Léa' });
    await group.getByRole('radio', { name: 'Présent', exact: true }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('MARTIN Léa : présent.'));
    await expect.poll(async () => (await t.db('reservations').where({ id: ids[0] }).first()).attendance).toBe('present');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await t.db('reservations').where({ id: ids[0] }).first()).attendance).toBe('absent_justified');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await t.db('reservations').where({ id: ids[0] }).first()).attendance).toBe('present');
    expect(await group.getByRole('radio', { name: 'Présent', exact: true }).isChecked()).toBe(true);

    // Booking awaiting validation: confirmed once, the row becomes an ordinary booking.
    await page.getByRole('button', { name: 'Confirmer la réservation de MARTIN Tom' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Réservation de MARTIN Tom confirmée'));
    expect((await t.db('reservations').where({ id: ids[1] }).first()).status).toBe('booked');
    await page.getByRole('group', { name: 'Présence de MARTIN Tom' }).waitFor();
    await expectAccessible(page, 'liste de présence pointée');

    // On paper: the dated heading and the table, no navigation, no controls.
    await page.emulateMedia({ media: 'print' });
    expect(await heading.isVisible()).toBe(true);
    expect(await table.isVisible()).toBe(true);
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer la liste' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afficher la liste' }).isVisible()).toBe(false);
    expect(await leaRow.textContent()).toContain('Présent');
    expect(await leaRow.locator('.print-only').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // On a phone: the list scrolls inside its own region, the page does not.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('un agent voit les activités mais ne peut pas ouvrir leur modification', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.agent.email);
    await page.goto(`${t.url}/admin/activites`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).toBe('Activités');
    expect(await page.getByRole('link', { name: /^Modifier l’activité/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nouvelle activité' }).count()).toBe(0);
    await page.goto(`${t.url}/admin/activites/${mercredi.id}`);
    await expect.poll(() => heading1(page).textContent(), { timeout: 15_000 }).not.toMatch(/^Activité :/);
    await page.close();
  });
});
