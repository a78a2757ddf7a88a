// End-to-end tests drive Debian's Chromium (never a downloaded browser) through
// playwright-core, headless with a fresh profile, and check pages with axe-core.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The real binary of Debian's chromium package (the /usr/bin wrapper only adds a warning). */
export function chromiumPath(): string {
  for (const path of ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  throw new Error('Chromium est introuvable : installez le paquet Debian « chromium » (apt-get install chromium ; .ci/run le fait).');
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `now`: the instant the pages start at, for a test whose server runs on a fixed clock; the
 * browser's clock then runs from it, so that both agree on the day (what is due, what is
 * past) whatever the real date of the run.
 */
export async function launchBrowser(options: { width?: number; height?: number; now?: Date } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  if (options.now) await context.clock.install({ time: options.now });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/**
 * Runs axe-core in the page once it is at rest; returns the serious and critical violations
 * (RGAA / WCAG 2.1 AA rules). A colour caught halfway through a transition (a button fading
 * in, just enabled) is not what the user reads, so finite animations end first.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => undefined))));
  const source = (require('axe-core') as { source: string }).source;
  // Evaluated through the DevTools protocol: the page's strict CSP stays in force for its own scripts.
  await page.evaluate(source);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  })) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
}
