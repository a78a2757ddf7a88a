// The transactional outbox and the family inbox, against real Postgres and real SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { enqueueMail } from '../../server/mail/outbox.js';
import { OutboxWorker } from '../../server/mail/worker.js';
import type { MailTransport, OutgoingMail } from '../../server/mail/transport.js';
import { DEMO, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox', () => {
  it('sends a mail if and only if its change committed', async () => {
    await expect(t.db.transaction(async (trx) => {
      await enqueueMail(trx, { familyId: DEMO.parentA.familyId, to: 'rollback@example.fr', subject: 'Jamais envoyé', body: 'x' });
      throw new Error('la modification échoue');
    })).rejects.toThrow('la modification échoue');
    await t.db.transaction((trx) => enqueueMail(trx, { familyId: DEMO.parentA.familyId, to: 'commit@example.fr', subject: 'Envoyé', body: 'y' }));
    await t.smtp.waitFor({ to: 'commit@example.fr' });
    await sleep(300);
    expect(t.smtp.mails.some((m) => m.to.includes('rollback@example.fr'))).toBe(false);
    expect(await t.db('inbox').where({ subject: 'Jamais envoyé' }).first()).toBeUndefined();
  });

  it('keeps a mail while SMTP is down and delivers it exactly once when it comes back', async () => {
    await t.smtp.stop();
    const parent = await t.login(DEMO.parentA.email);
    const res = await parent.post('/api/me/email', { email: 'claire.nouvelle@example.fr' });
    expect(res.status).toBe(202);
    await sleep(700); // several attempts fail meanwhile
    const row = await t.db('outbox').where({ to_address: 'claire.nouvelle@example.fr' }).first();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toBeTruthy();
    await t.smtp.start();
    await t.smtp.waitFor({ to: 'claire.nouvelle@example.fr' });
    await sleep(800);
    expect(t.smtp.mails.filter((m) => m.to.includes('claire.nouvelle@example.fr'))).toHaveLength(1);
    expect((await t.db('outbox').where({ id: row.id }).first()).status).toBe('sent');
  });

  it('never sends one mail twice when several workers drain at once (SKIP LOCKED)', async () => {
    await t.portal.worker!.stop();
    try {
      for (let i = 0; i < 30; i++) await enqueueMail(t.db, { to: `lot${i}@example.fr`, subject: `Lot ${i}`, body: 'z' });
      const delivered: string[] = [];
      const slow: MailTransport = { send: async (m: OutgoingMail) => { await sleep(5); delivered.push(m.id); } };
      const workers = [0, 1, 2, 3].map(() => new OutboxWorker(t.db, slow, pino({ level: 'silent' }), { batch: 3 }));
      const counts = await Promise.all(workers.map((w) => w.drain()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
      expect(new Set(delivered).size).toBe(30);
      expect(delivered).toHaveLength(30);
    } finally {
      t.portal.worker!.start();
    }
  });

  it('backs off after a temporary failure and gives up on a permanent one', async () => {
    await t.portal.worker!.stop();
    try {
      const id = await enqueueMail(t.db, { to: 'rejet@example.fr', subject: 'Refusé', body: 'z' });
      const failing = (code: number): MailTransport => ({ send: async () => { throw Object.assign(new Error(`SMTP ${code}`), { responseCode: code }); } });
      const worker = new OutboxWorker(t.db, failing(451), pino({ level: 'silent' }), { backoffMs: 60_000 });
      await worker.drain();
      let row = await t.db('outbox').where({ id }).first();
      expect(row.status).toBe('pending');
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 50_000);
      await t.db('outbox').where({ id }).update({ next_attempt_at: new Date(Date.now() - 1000) });
      await new OutboxWorker(t.db, failing(550), pino({ level: 'silent' })).drain();
      row = await t.db('outbox').where({ id }).first();
      expect(row.status).toBe('failed');
      expect(row.attempts).toBe(2);
    } finally {
      t.portal.worker!.start();
    }
  });
});

describe('inbox (Ma boîte de réception famille)', () => {
  it('lists every mail sent to the family, NEW until opened', async () => {
    const parent = await t.login(DEMO.parentA.email);
    await t.db.transaction((trx) => enqueueMail(trx, { familyId: DEMO.parentA.familyId, to: DEMO.parentA.email, subject: 'Confirmation de votre changement d’adresse', body: 'Bonjour…' }));
    const inbox = await parent.get('/api/inbox?limit=2');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toHaveLength(2);
    expect(inbox.body.total).toBeGreaterThan(2);
    const [latest] = inbox.body.items;
    expect(latest).toMatchObject({ subject: 'Confirmation de votre changement d’adresse', readAt: null });
    expect(Number.isNaN(Date.parse(latest.sentAt))).toBe(false);
    const unread = inbox.body.unread;
    expect((await parent.post(`/api/inbox/${latest.id}/read`)).status).toBe(204);
    const after = await parent.get('/api/inbox');
    expect(after.body.unread).toBe(unread - 1);
    expect(after.body.items.find((i: any) => i.id === latest.id).readAt).not.toBeNull();
    expect((await parent.post('/api/inbox/999999999/read')).status).toBe(404);
  });
});
