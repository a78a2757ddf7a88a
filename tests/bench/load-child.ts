// Runs autocannon in its own process (so the load generator does not share the server's
// event loop). argv[2]: a JSON file { url, method, connections, duration, variants: [{ path, headers, body }] };
// each request takes the next variant in turn (e.g. one session and dossier per parent).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Variant {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { url: string; method: string; connections: number; duration: number; variants: Variant[] };
let next = 0;
const result = await autocannon({
  url: cfg.url,
  connections: cfg.connections,
  duration: cfg.duration,
  requests: [{
    method: cfg.method as 'POST',
    setupRequest: (req: Record<string, unknown>) => {
      const v = cfg.variants[next++ % cfg.variants.length];
      return { ...req, path: v.path, headers: v.headers, body: v.body };
    },
  }],
});
console.log(JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx, errors: result.errors, total: result.requests.total }));
