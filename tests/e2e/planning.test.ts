// The parents' reservation calendar in real Chromium (issue 8, manual « RESERVATIONS »): a
// parent whose children are enrolled in the canteen and after-school care applies a template
// week (« Semaine type ») to October, reads the report (booked, and not booked because of the
// Toussaint holidays), cancels one day from the calendar (« Enregistrer » → summary window),
// and finds the list of validated bookings with their prices. The keyboard marks and unmarks a
// request, announced in a live region. The page has no serious axe violation with each
// dialog open, and on a phone (360 px) opens on one day without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';
import { signInParent, watchProblems, expectUsablePage } from '../helpers/e2e.js';
import { launchBrowser, type Browser } from '../helpers/browser.js';
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { mountFrontEnds } from '../../server/http/static.js';
import { ACTIVITIES, CHILDREN } from '../../server/demo/data.js';

// Tuesday 15 September 2026, 10:00 in Paris: October is open for booking (J-2 ouvrés à 12:00),
// and the Toussaint holidays (zone C: from Saturday 17 October) close its last two weeks.
const NOW = new Date('2026-09-15T08:00:00Z');
const CANTINE = ACTIVITIES.find((a) => a.code === 'CANTINE')!;
const SOIR = ACTIVITIES.find((a) => a.code === 'PERI-SOIR')!;
const [LEA, TOM] = CHILDREN;
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  await ensureFrontEndsBuilt(['renderer']);
  t = await startTestApp({ mountStatic: (app) => mountFrontEnds(app), clock: { now: () => NOW } });
  // Both MARTIN children enrolled in CANTINE and PERI-SOIR this school year (démarche 09's
  // effect); kept if the demo data already has them.
  await t.db('enrolments')
    .insert([LEA, TOM].flatMap((c) => [CANTINE, SOIR].map((a) => ({ family_id: DEMO.parentA.familyId, child_id: c.id, activity_id: a.id, school_year: '2026-2027', status: 'active' }))))
    .onConflict(['child_id', 'activity_id', 'school_year']).ignore();
  browser = await launchBrowser({ width: 1280, height: 900, now: NOW });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const cell = (page: Page, child: string, activity: string, day: string) =>
  page.getByRole('button', { name: new RegExp(`^${child}, ${activity}, ${day} : `) });
const euros = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const text = async (l: Locator) => euros(await l.innerText());
/** A cell's text: its accessible name (the content names the button). */
const say = async (l: Locator) => euros((await l.textContent()) ?? '');

describe('calendrier de réservations', () => {
  it('semaine type sur octobre → compte rendu ; annulation d’un jour → récapitulatif ; liste des réservations et prix', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);
    await page.goto(`${t.url}/planning`);
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();

    // Opens on the school week of the server's today, every enrolled activity of both children.
    await page.getByText('Du lundi 14 septembre 2026 au vendredi 18 septembre 2026', { exact: true }).waitFor();
    const table = page.getByRole('table', { name: /Calendrier de réservation/ });
    // The week's title is drawn before the planning arrives: wait for the rows.
    await expect.poll(() => table.getByRole('rowheader').allInnerTexts()).toEqual([
      'Léa\nRestauration scolaire', 'Léa\nAccueil périscolaire du soir', 'Tom\nRestauration scolaire', 'Tom\nAccueil périscolaire du soir',
    ]);
    expect(await table.getByRole('columnheader').count()).toBe(6);
    // Today (Tuesday) and Monday are past the deadline; Wednesday the school is closed.
    await expect.poll(() => say(cell(page, 'Léa', 'Restauration scolaire', 'mardi 15 septembre 2026'))).toMatch(/Hors délai/);
    expect(await cell(page, 'Léa', 'Restauration scolaire', 'mardi 15 septembre 2026').getAttribute('aria-disabled')).toBe('true');
    await expectUsablePage(page, 'Planning');

    // Filters by child and activity; 7 days per view.
    const calendar = page.getByRole('region', { name: 'Le calendrier de réservations' });
    await calendar.getByLabel('Enfant').selectOption({ label: 'Tom' });
    await calendar.getByLabel('Activité').selectOption({ label: 'Restauration scolaire' });
    await expect.poll(() => table.getByRole('rowheader').allInnerTexts()).toEqual(['Tom\nRestauration scolaire']);
    await calendar.getByLabel('Enfant').selectOption({ label: 'Tous les enfants' });
    await calendar.getByLabel('Activité').selectOption({ label: 'Toutes les activités' });
    await page.getByRole('button', { name: '7 jours' }).click();
    await page.getByText('Du lundi 14 septembre 2026 au dimanche 20 septembre 2026', { exact: true }).waitFor();
    // The new days are drawn « Fermé » before the planning for them arrives with its reason.
    await expect.poll(() => say(cell(page, 'Léa', 'Restauration scolaire', 'samedi 19 septembre 2026'))).toMatch(/: Fermé, Week-end$/);
    await page.getByRole('button', { name: '5 jours' }).click();
    await page.getByText('Du lundi 14 septembre 2026 au vendredi 18 septembre 2026', { exact: true }).waitFor();

    // « Aide »: the colour legend, words with every colour.
    await page.getByRole('button', { name: 'Aide' }).click();
    const legend = page.getByRole('dialog', { name: 'Légende des couleurs' });
    for (const label of ['Réservé', 'Demande de réservation', 'Annulé', 'Réservé à confirmer', 'Liste d’attente', 'Hors délai']) {
      await legend.getByText(label, { exact: true }).waitFor();
    }
    await expectUsablePage(page, 'Aide');
    await legend.getByRole('button', { name: 'Fermer' }).click();
    await legend.waitFor({ state: 'hidden' });

    // « Semaine type »: Léa, canteen and evening care on Monday, Tuesday, Thursday, Friday, in October.
    await page.getByRole('button', { name: 'Semaine type' }).click();
    const template = page.getByRole('dialog', { name: 'Semaine type' });
    for (const activity of ['Restauration scolaire', 'Accueil périscolaire du soir']) {
      for (const day of ['lundi', 'mardi', 'jeudi', 'vendredi']) await template.getByRole('checkbox', { name: `${day}, ${activity}, Léa` }).check();
    }
    await template.getByRole('radio', { name: 'Sur une période donnée' }).check();
    await template.getByLabel(/^Du/).fill('2026-10-01');
    await template.getByLabel(/^Au/).fill('2026-10-31');
    await template.getByRole('radio', { name: 'Toutes les semaines' }).check();
    await expectUsablePage(page, 'Semaine type');
    await template.getByRole('button', { name: 'OK' }).click();

    // The report: 10 school days per activity booked, the holiday days not, and why.
    const report = page.getByRole('dialog', { name: 'Compte rendu de la semaine type' });
    await report.waitFor();
    const summary = await text(report.locator('#rapport-resume'));
    expect(summary).toContain('Réservé : 20');
    expect(summary).toContain('Refusé : 16');
    expect(summary).toContain('Montant total : 43,00 €');
    const refused = report.locator('tr[data-outcome="refused"]');
    expect(await refused.count()).toBe(2);
    expect(await text(refused.first())).toMatch(/Léa.*Refusé.*8 dates.*19\/10.*30\/10.*Vacances de la Toussaint/s);
    const booked = report.locator('tr[data-outcome="booked"]');
    expect(await booked.allInnerTexts().then((rows) => rows.map(euros))).toEqual([
      expect.stringMatching(/Léa\tRestauration scolaire\tRéservé\n10 dates\t01\/10, 02\/10, 05\/10.*16\/10\t—\t28,00 €/s),
      expect.stringMatching(/Léa\tAccueil périscolaire du soir\tRéservé\n10 dates\t.*\t15,00 €/s),
    ]);
    await expectUsablePage(page, 'Compte rendu de la semaine type');
    await report.getByRole('button', { name: 'Fermer' }).click();
    await report.waitFor({ state: 'hidden' });

    // Week of 5 October: booked days are green « Réservé » and cancellable.
    await page.getByLabel('Date', { exact: true }).fill('2026-10-05');
    await page.getByText('Du lundi 5 octobre 2026 au vendredi 9 octobre 2026', { exact: true }).waitFor();
    const monday = cell(page, 'Léa', 'Restauration scolaire', 'lundi 5 octobre 2026');
    await expect.poll(() => say(monday)).toMatch(/: Réservé, 2,80 €, annulable jusqu’au jeu\. 01\/10 à 12:00$/);
    expect(await say(cell(page, 'Tom', 'Restauration scolaire', 'lundi 5 octobre 2026'))).toMatch(/: Réservable, 2,80 €/);

    // Keyboard: arrows move the focus between cells; Enter marks a request, again unmarks it; announced.
    await monday.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' '));
    expect(await focused()).toMatch(/^Tom, Restauration scolaire, lundi 5 octobre 2026 : Réservable/);
    await page.keyboard.press('Enter');
    expect(await focused()).toMatch(/^Tom, Restauration scolaire, lundi 5 octobre 2026 : Demande de réservation/);
    expect(await page.getByTestId('annonce').innerText()).toBe('Tom, Restauration scolaire, lundi 5 octobre 2026 : Demande de réservation. 1 demande à enregistrer.');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('annonce').innerText()).toMatch(/: Réservable\. Aucune demande à enregistrer\.$/);

    // A click on Léa's booked Monday marks a cancellation (yellow); « Enregistrer » sends it.
    await monday.click();
    expect(await say(monday)).toMatch(/: Demande d’annulation/);
    expect(await monday.getAttribute('data-look')).toBe('pendingCancel');
    await page.getByText(/^1 demande à enregistrer :/).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const recap = page.getByRole('dialog', { name: 'Récapitulatif de vos réservations' });
    await recap.waitFor();
    expect(await text(recap.locator('#rapport-resume'))).toContain('Annulé : 1');
    expect(await text(recap.locator('tr[data-outcome="cancelled"]'))).toMatch(/Léa\tRestauration scolaire\tAnnulé\n1 date\t05\/10/);
    await expectUsablePage(page, 'Récapitulatif');
    await recap.getByRole('button', { name: 'Fermer' }).click();
    await recap.waitFor({ state: 'hidden' });
    // « Enregistrer » is disabled now: the focus goes back to the calendar cell.
    await expect.poll(focused).toMatch(/^Léa, Restauration scolaire, lundi 5 octobre 2026 : /);
    await expect.poll(() => monday.getAttribute('data-look')).toBe('cancelled');
    expect(await say(monday)).toMatch(/: Annulé, réservable à nouveau/);

    // The list of validated bookings: 19 booked for Léa, the cancelled Monday, the prices.
    const list = page.getByRole('table', { name: 'Réservations validées' });
    await page.getByRole('region', { name: 'Liste des réservations validées' }).getByLabel('Statut').selectOption('booked');
    await expect.poll(async () => euros(await page.getByText(/réservations? — montant/).innerText())).toBe('19 réservations — montant des réservations : 40,20 €');
    expect(await list.getByRole('row').count()).toBe(20);
    expect(await text(list.getByRole('row').nth(1))).toMatch(/\tLéa\t(Restauration scolaire\tRéservé\t16\/10\/2026\t2,80 €|Accueil périscolaire du soir\tRéservé\t16\/10\/2026\t1,50 €)$/);
    await page.getByRole('region', { name: 'Liste des réservations validées' }).getByLabel('Statut').selectOption('cancelled');
    await expect.poll(async () => (await list.getByRole('row').allInnerTexts()).slice(1).map(euros)).toEqual([expect.stringMatching(/\tLéa\tRestauration scolaire\tAnnulé\t05\/10\/2026\t2,80 €$/)]);
    await expectUsablePage(page, 'Liste des réservations');

    // The child's private iCalendar link, shown on demand.
    await page.getByRole('button', { name: 'Obtenir le lien du calendrier de Léa' }).click();
    const link = await page.getByLabel('Lien privé du calendrier de Léa').inputValue();
    expect(link).toMatch(/\/ical\/[0-9a-f]{64}\.ics$/);
    const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, t.url);
    const feed = await fetch(local(link));
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    // Regenerated after a confirmation: the new link works, the old one no longer does.
    await page.getByRole('button', { name: 'Régénérer le lien' }).click();
    await page.getByRole('button', { name: 'Confirmer : créer un nouveau lien' }).click();
    await expect.poll(() => page.getByLabel('Lien privé du calendrier de Léa').inputValue()).not.toBe(link);
    const renewed = await page.getByLabel('Lien privé du calendrier de Léa').inputValue();
    expect((await fetch(local(renewed))).status).toBe(200);
    expect((await fetch(local(link))).status).toBe(404);
    expect(problems).toEqual([]);
    await page.close();
  }, 360_000);

  it('sur un téléphone (360 px) : un jour par défaut, sans défilement horizontal, sans violation grave', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    page.setDefaultTimeout(20_000);
    const problems = watchProblems(page);
    await signInParent(page, t.url, DEMO.parentA.email);
    await page.goto(`${t.url}/planning?date=2026-10-06`);
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    await page.getByText('mardi 6 octobre 2026', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: '1 jour' }).getAttribute('aria-pressed')).toBe('true');
    await cell(page, 'Léa', 'Restauration scolaire', 'mardi 6 octobre 2026').waitFor();
    expect(await page.getByRole('table', { name: /Calendrier de réservation/ }).getByRole('columnheader').count()).toBe(2);
    await expectUsablePage(page, 'Planning à 360 px');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await cell(page, 'Léa', 'Restauration scolaire', 'mercredi 7 octobre 2026').waitFor();
    await page.getByRole('button', { name: 'Semaine type' }).click();
    await page.getByRole('dialog', { name: 'Semaine type' }).waitFor();
    await expectUsablePage(page, 'Semaine type à 360 px');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
