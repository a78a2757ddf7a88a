// The baseline server in its own process: a bare Express app that INSERTs each request's
// JSON document as jsonb, on a pool of 10 like the portal's. Alone in its process, neither
// server shares the other's event loop or JIT (V8 optimises code for the objects it sees:
// one process serving both would slow whichever it saw less). argv[2]: the database URL.
// Prints its URL on the first line of stdout, then serves until killed.
import { createServer } from 'node:http';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_docs (id bigserial primary key, doc jsonb not null)');
const app = express();
app.use(express.json({ limit: '1mb' }));
app.put('/docs', async (req, res) => {
  await pool.query('INSERT INTO bench_docs (doc) VALUES ($1)', [req.body]);
  res.json({ ok: true });
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}`));
