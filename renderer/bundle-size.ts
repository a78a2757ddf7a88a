// Gzipped sizes of the built parents' app (dist/renderer): every chunk, the entry, and the
// first route — the entry with its static imports plus the page shown first (Mon espace when
// signed in, Se connecter otherwise). Budget: 400 KB of gzipped JavaScript for the first route.
// Used by `npm run bench` (tests/bench/run.ts) and runnable alone: `npx tsx renderer/bundle-size.ts`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const FIRST_ROUTE_BUDGET = 400 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface RouteSize {
  page: string;
  files: string[];
  gzip: number;
}

export interface BundleReport {
  dir: string;
  chunks: ChunkSize[];
  entry: ChunkSize;
  /** Entry + static imports + each first page's chunk and its static imports. */
  firstRoute: RouteSize[];
  /** The same for the heavy lazy routes (the dossier wizard), for information. */
  lazyRoutes: RouteSize[];
  /** The largest first route against the budget. */
  withinBudget: boolean;
  totalGzip: number;
}

const FIRST_PAGES = ['src/pages/Home.tsx', 'src/pages/Login.tsx'];
const LAZY_PAGES = ['src/pages/DossierPage.tsx', 'src/pages/ResetPassword.tsx'];

export function measureBundle(dir = fileURLToPath(new URL('../dist/renderer', import.meta.url))): BundleReport {
  const manifestPath = join(dir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} missing: run \`npm run build:renderer\` first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const sizes = new Map<string, ChunkSize>();
  const sizeOf = (file: string): ChunkSize => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(dir, file));
      size = { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
      sizes.set(file, size);
    }
    return size;
  };
  for (const name of readdirSync(join(dir, 'assets'))) if (name.endsWith('.js')) sizeOf(`assets/${name}`);

  const closure = (keys: string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(chunk.file)) return;
      seen.add(chunk.file);
      chunk.imports?.forEach(visit);
    };
    keys.forEach(visit);
    return seen;
  };

  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey) throw new Error('No entry chunk in the Vite manifest.');
  const entry = sizeOf(manifest[entryKey].file);
  const route = (page: string): RouteSize => {
    const files = [...closure([entryKey, page])];
    return { page, files, gzip: files.reduce((sum, f) => sum + sizeOf(f).gzip, 0) };
  };
  const firstRoute = FIRST_PAGES.filter((page) => manifest[page]).map(route);
  // The password meter's dictionaries load on first keystroke, after the page itself.
  const lazyRoutes = LAZY_PAGES.filter((page) => manifest[page]).map(route);
  const chunks = [...sizes.values()].sort((a, b) => b.gzip - a.gzip);
  return {
    dir,
    chunks,
    entry,
    firstRoute,
    lazyRoutes,
    withinBudget: firstRoute.every((r) => r.gzip <= FIRST_ROUTE_BUDGET),
    totalGzip: chunks.reduce((sum, c) => sum + c.gzip, 0),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** A short text table of the report. */
export function formatBundleReport(report: BundleReport): string {
  const lines = [
    `entry ${report.entry.file}: ${kb(report.entry.gzip)} gzip`,
    ...report.firstRoute.map((r) => `first route (${r.page}): ${kb(r.gzip)} gzip in ${r.files.length} files — budget ${kb(FIRST_ROUTE_BUDGET)} ${r.gzip <= FIRST_ROUTE_BUDGET ? 'OK' : 'EXCEEDED'}`),
    ...report.lazyRoutes.map((r) => `lazy route (${r.page}): ${kb(r.gzip)} gzip in ${r.files.length} files`),
    `all chunks: ${kb(report.totalGzip)} gzip`,
    ...report.chunks.slice(0, 12).map((c) => `  ${c.file.padEnd(48)} ${kb(c.bytes).padStart(10)} raw ${kb(c.gzip).padStart(10)} gzip`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = measureBundle();
  console.log(formatBundleReport(report));
  if (!report.withinBudget) process.exitCode = 1;
}
