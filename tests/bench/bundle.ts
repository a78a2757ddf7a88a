// Parents' app bundle: gzipped JavaScript of the first routes (target ≤ 400 KB) next to the
// bare entry chunk, from a fresh build of the renderer.
import { ensureFrontEndsBuilt } from '../helpers/frontends.js';
import { measureBundle, formatBundleReport, FIRST_ROUTE_BUDGET } from '../../renderer/bundle-size.js';
import type { BenchResult } from './types.js';

export async function run(): Promise<BenchResult[]> {
  await ensureFrontEndsBuilt(['renderer']);
  const report = measureBundle();
  console.log(formatBundleReport(report).split('\n').map((l) => `  ${l}`).join('\n'));
  return report.firstRoute.map((route) => ({
    name: `application des parents, première page « ${route.page} » (JS gzip)`,
    value: route.gzip / 1024,
    unit: 'Ko',
    baseline: { name: 'point d’entrée seul', value: report.entry.gzip / 1024 },
    target: `≤ ${FIRST_ROUTE_BUDGET / 1024} Ko`,
    met: route.gzip <= FIRST_ROUTE_BUDGET,
  }));
}
