// Encryption at rest with key rotation: health records, IBANs and sensitive answers are
// never stored in clear; a new DATA_KEY seals, older keys (DATA_KEY_PREVIOUS) still open;
// `npm run data:reencrypt` re-seals everything with the new key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createTestDatabase } from '../helpers/pg.js';
import { createSealer, keyIdOf, sealedKeyId } from '../../server/crypto.js';
import { sealedColumns } from '../../server/privacy/reencrypt.js';
import { seedDemo } from '../../server/demo/seed.js';
import { CHILDREN } from '../../server/demo/data.js';
import type { Db } from '../../server/db.js';

const OLD = '11'.repeat(32);
const NEW = Buffer.alloc(32, 7).toString('base64');
let db: Db;
let url: string | undefined;

beforeAll(async () => {
  const created = await createTestDatabase(inject('pg'));
  db = created.db;
  url = created.url;
  await seedDemo(db, createSealer(OLD));
}, 60_000);
afterAll(() => db?.destroy());

/** Every sealed value of the database, "table.column#id" → ciphertext. */
async function sealedValues(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { table, column, key } of await sealedColumns(db)) {
    for (const row of await db(table).whereNotNull(column).select([...key, column])) out.set(`${table}.${column}#${key.map((k) => row[k]).join('/')}`, row[column]);
  }
  return out;
}

describe('sealer', () => {
  it('seals with the newest key, opens with any configured key, refuses tampering and unknown keys', () => {
    const old = createSealer(OLD);
    const rotated = createSealer(NEW, OLD);
    const sealedOld = old.seal('FR7630006000011234567890189');
    expect(sealedOld).not.toContain('FR76');
    expect(sealedKeyId(sealedOld)).toBe(old.currentKeyId);
    expect(rotated.open(sealedOld)).toBe('FR7630006000011234567890189');
    const sealedNew = rotated.seal('{"allergies":"arachide"}');
    expect(sealedKeyId(sealedNew)).toBe(keyIdOf(Buffer.alloc(32, 7)));
    expect(() => old.open(sealedNew)).toThrow(/clé inconnue/);
    const parts = sealedNew.split('.');
    parts[4] = Buffer.from('{"allergies":"aucune"}').toString('base64url');
    expect(() => rotated.open(parts.join('.'))).toThrow();
    // Ciphertexts from before rotation (v1, no key id) still open.
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(OLD, 'hex'), iv);
    const data = Buffer.concat([c.update('ancien', 'utf8'), c.final()]);
    const v1 = ['v1', ...[iv, c.getAuthTag(), data].map((p) => p.toString('base64url'))].join('.');
    expect(rotated.open(v1)).toBe('ancien');
    expect(() => createSealer(NEW).open(v1)).toThrow(/DATA_KEY_PREVIOUS/);
  });
});

describe('npm run data:reencrypt', () => {
  it('re-seals every sealed column with the new key; the old key can then be dropped', async () => {
    if (!url) throw new Error('Ce test lance la commande contre PostgreSQL (DATABASE_URL) : paquet postgresql requis.');
    const old = createSealer(OLD);
    // A mandate (IBAN) and a sensitive dossier answer, besides the seeded health records.
    const family = (await db('families').first('id')).id;
    await db('mandates').insert({ family_id: family, rum: 'RUM-TEST-1', ics: 'FR00ZZZ000000', debtor_name: 'Claire MARTIN', iban_encrypted: old.seal('FR7630006000011234567890189'), iban_last4: '0189', signed_on: '2026-09-01' });
    // A second-factor secret (table keyed by user_id, column *_sealed) rotates too.
    const agent = (await db('users').where({ role: 'agent' }).first('id')).id;
    await db('user_totp').insert({ user_id: agent, secret_sealed: old.seal('JBSWY3DPEHPK3PXP'), created_at: new Date() });
    const before = await sealedValues();
    const columns = new Set([...before.keys()].map((k) => k.split('#')[0]));
    expect(columns).toContain('children.health_encrypted');
    expect(columns).toContain('mandates.iban_encrypted');
    expect(columns).toContain('user_totp.secret_sealed');
    for (const v of before.values()) expect(sealedKeyId(v)).toBe(old.currentKeyId);

    const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/privacy/reencrypt-cli.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: url, DATA_KEY: NEW, DATA_KEY_PREVIOUS: OLD },
    });
    const first = await run();
    expect(first.stdout).toMatch(new RegExp(`Total : ${before.size}\\.`));
    const after = await sealedValues();
    const rotated = createSealer(NEW);
    const newId = rotated.currentKeyId;
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of after) {
      expect(sealedKeyId(v), k).toBe(newId);
      expect(rotated.open(v)).toBe(old.open(before.get(k)!)); // without the old key
    }
    const lea = CHILDREN.find((c) => c.health)!;
    const row = await db('children').where({ id: lea.id }).first('health_encrypted');
    expect(JSON.parse(rotated.open(row.health_encrypted)).allergies[0].details).toBe('arachide');
    expect((await run()).stdout).toMatch(/Total : 0\./);
  }, 60_000);
});
