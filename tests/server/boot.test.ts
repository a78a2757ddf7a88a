// Start-up: migrations, démarche versions recorded, idempotent demo data, and a refusal to
// start (exit code 1, every issue listed) on a broken definition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../server/demo/seed.js';
import { DEFINITIONS_DIR } from '../../server/boot.js';
import { databaseDigest, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('start-up', () => {
  it('records every loaded démarche version with its content', async () => {
    const rows = await t.db('procedure_versions').select('version_id', 'code', 'content');
    const catalog = t.deps.catalog!;
    expect(rows.map((r) => r.version_id).sort()).toEqual(catalog.procedures.map((p) => p.versionId).sort());
    for (const r of rows) expect(Object.keys(r.content).sort()).toEqual(['procedure', 'schema', 'uischema', 'workflow']);
  });

  it('loads the demo data idempotently', async () => {
    const before = await databaseDigest(t.db);
    await seedDemo(t.db, t.deps.sealer);
    expect(await databaseDigest(t.db)).toBe(before);
    expect(Number((await t.db('schools').count({ n: '*' }))[0].n)).toBe(3);
    expect((await t.db('activities').pluck('kind')).sort()).toEqual(['after_school', 'before_school', 'canteen', 'holiday', 'wednesday']);
    expect(Number((await t.db('tariffs').count({ n: '*' }))[0].n)).toBeGreaterThan(10);
  });

  it('refuses to start on a broken definition, listing the issue, with exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-defs-'));
    try {
      cpSync(DEFINITIONS_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'procedures', '04-changement-adresse', 'schema.json'), '{ "type": "object", ');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, DEFINITIONS_DIR: dir, DATA_DIR: join(dir, 'data'), PORT: '0' }, encoding: 'utf8', timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/04-changement-adresse\/schema\.json/);
      expect(run.stderr).toMatch(/JSON invalide/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
