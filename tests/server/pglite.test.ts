// The embedded default (`npm start` with no DATABASE_URL) runs on PGlite, PostgreSQL 18 in
// WASM: the same migrations, demo data, household reads and outbox claim must work there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { migrate, openPglite, type Db } from '../../server/db.js';
import { createSealer } from '../../server/crypto.js';
import { seedDemo } from '../../server/demo/seed.js';
import { readChild, readFamily } from '../../server/household/repository.js';
import { enqueueMail } from '../../server/mail/outbox.js';
import { OutboxWorker } from '../../server/mail/worker.js';
import { CHILDREN, FAMILIES } from '../../server/demo/data.js';

let db: Db;
const sealer = createSealer('0'.repeat(64));
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemo(db, sealer);
}, 120_000);
afterAll(() => db?.destroy());

describe('PGlite', () => {
  it('runs the migrations, the demo data and the household reads', async () => {
    const family = await readFamily(db, FAMILIES[0].id);
    expect(family?.children.map((c) => c.firstName)).toEqual(['Léa', 'Tom']);
    expect(family?.guardians[0].birthDate).toBe('1985-04-12');
    expect((await readChild(db, FAMILIES[0].id, CHILDREN[0].id, { sealer }))?.health).toMatchObject({ pai: true });
    const [{ number }] = await db('dossiers').insert({
      family_id: FAMILIES[0].id, procedure_code: '04', status: 'draft',
      version_id: (await db('procedure_versions').insert({ version_id: 'v-test', code: '04', content: '{}' }).returning('version_id'))[0].version_id,
    }).returning('number');
    expect(number).toMatch(/^\d{4}-\d{6}$/);
  });

  it('claims and sends outbox rows', async () => {
    await db.transaction((trx) => enqueueMail(trx, { familyId: FAMILIES[0].id, to: 'a@example.fr', subject: 'S', body: 'B' }));
    const sent: string[] = [];
    const worker = new OutboxWorker(db, { send: async (m) => { sent.push(m.to); } }, pino({ level: 'silent' }));
    expect(await worker.drain()).toBe(1);
    expect(sent).toEqual(['a@example.fr']);
  });
});
