// A private copy of dist/admin for one test file's server: other test files may rebuild the
// shared dist/ while it runs (new hashed chunk names), which would break lazy pages. Copied
// until the copy is whole (every file of the build manifest present). Shared by the back-office
// journeys, which start with startBackOffice.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, mountFrontEnds } from '../../server/http/static.js';
import { startTestApp, type TestApp, type TestAppOptions } from './app.js';
import { launchBrowser, type Browser } from './browser.js';
import { ensureFrontEndsBuilt } from './frontends.js';

export async function snapshotAdminBuild(): Promise<string> {
  const target = mkdtempSync(join(tmpdir(), 'pf-admin-dist-'));
  for (let attempt = 0; attempt < 60; attempt++) {
    rmSync(join(target, 'admin'), { recursive: true, force: true });
    try {
      cpSync(join(DIST_DIR, 'admin'), join(target, 'admin'), { recursive: true });
      const manifest = JSON.parse(readFileSync(join(target, 'admin', '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
      const html = readFileSync(join(target, 'admin', 'index.html'), 'utf8');
      if (Object.values(manifest).every((chunk) => existsSync(join(target, 'admin', chunk.file)) && (!chunk.file.startsWith('assets/index-') || html.includes(chunk.file)))) return target;
    } catch {
      /* a build is rewriting dist/admin: try again */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dist/admin reste incomplet : une construction ne se termine pas.');
}

export interface BackOffice {
  t: TestApp;
  browser: Browser;
  /** Closes the browser and the test app, and removes the snapshot. */
  close(): Promise<void>;
}

/** A test app serving a private snapshot of the back office's build, and a browser. */
export async function startBackOffice(options: TestAppOptions = {}, viewport: { width?: number; height?: number } = {}): Promise<BackOffice> {
  await ensureFrontEndsBuilt(['admin']);
  const dist = await snapshotAdminBuild();
  const removeSnapshot = () => rmSync(dist, { recursive: true, force: true });
  let t: TestApp | undefined;
  try {
    t = await startTestApp({ ...options, mountStatic: (app) => mountFrontEnds(app, dist) });
    // The browser's day is the server's (a test on a fixed clock).
    const browser = await launchBrowser({ ...viewport, now: options.clock?.now() });
    const app = t;
    return {
      t: app, browser,
      async close() {
        await browser.close();
        await app.close();
        removeSnapshot();
      },
    };
  } catch (error) {
    await t?.close();
    removeSnapshot();
    throw error;
  }
}
