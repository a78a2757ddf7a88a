// Minimal types for the two untyped packages the server bench drives.
declare module 'autocannon' {
  const autocannon: (opts: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p90: number; p99: number; max: number }; non2xx: number; errors: number }>;
  export default autocannon;
}
declare module 'pg' {
  class Pool {
    constructor(opts: { connectionString: string; max?: number });
    query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
    end(): Promise<void>;
  }
  const pg: { Pool: typeof Pool };
  export default pg;
}
