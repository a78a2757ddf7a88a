// Justificatifs are encrypted at rest (they may be health data): the file on disk holds none
// of the uploaded bytes, the family downloads exactly what it sent, a file stored in clear
// before encryption is still served, and key rotation re-seals files so the old key can go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, startTestApp, type TestApp, type TestClient } from '../helpers/app.js';
import { PDF, upload } from '../helpers/dossiers.js';
import { createSealer, FILE_MAGIC, sealedBytesKeyId } from '../../server/crypto.js';
import { localStorage, sealedStorage } from '../../server/storage.js';
import { resealFiles } from '../../server/privacy/reencrypt.js';

const NEW_KEY = '42'.repeat(32);
let t: TestApp;
let parent: TestClient;
let fileId: string;
let storageName: string;
const onDisk = () => join(t.deps.config.dataDir, 'files', storageName);
const sent = Buffer.concat([PDF, Buffer.from('Avis d’imposition 2026 — revenu fiscal de référence 31 250 €\n')]);

beforeAll(async () => {
  t = await startTestApp();
  parent = await t.login(DEMO.parentA.email);
  const created = await parent.post('/api/dossiers', { code: '04' });
  expect(created.status).toBe(201);
  const res = await upload(parent, `/api/dossiers/${created.body.id}/attachments/justificatifDomicile`, [{ name: 'avis.pdf', data: sent }]);
  expect(res.status).toBe(200);
  fileId = res.body.attachments.justificatifDomicile[0].id;
  storageName = (await t.db('attachments').where({ id: fileId }).first('storage_name')).storage_name;
});
afterAll(() => t?.close());

async function download(): Promise<Buffer> {
  const res = await fetch(`${t.url}/api/files/${fileId}`, { headers: { cookie: [...parent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('justificatifs at rest', () => {
  it('stores the file sealed and serves the bytes that were sent', async () => {
    const stored = readFileSync(onDisk());
    expect(stored.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)).toBe(true);
    expect(sealedBytesKeyId(stored)).toBe(t.deps.sealer.currentKeyId);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('revenu fiscal'))).toBe(false);
    expect((await download()).equals(sent)).toBe(true);
  });

  it('refuses a sealed file that was tampered with', async () => {
    const stored = readFileSync(onDisk());
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] ^= 1;
    expect(() => t.deps.sealer.openBytes(tampered)).toThrow();
  });

  it('still serves a file stored in clear before encryption, and rotation seals it, then moves it to a new key', async () => {
    writeFileSync(onDisk(), sent); // as an older version of the portal stored it
    expect((await download()).equals(sent)).toBe(true);

    const files = localStorage(join(t.deps.config.dataDir, 'files'));
    expect(await resealFiles(t.db, sealedStorage(files, t.deps.sealer))).toBeGreaterThanOrEqual(1);
    expect(sealedBytesKeyId(readFileSync(onDisk()))).toBe(t.deps.sealer.currentKeyId);
    expect((await download()).equals(sent)).toBe(true);

    // DATA_KEY replaced, the old one in DATA_KEY_PREVIOUS: the file is re-sealed with the new key…
    const oldKey = t.deps.config.dataKey;
    const rotated = createSealer(NEW_KEY, oldKey);
    expect(await resealFiles(t.db, sealedStorage(files, rotated))).toBeGreaterThanOrEqual(1);
    const resealed = readFileSync(onDisk());
    expect(sealedBytesKeyId(resealed)).toBe(rotated.currentKeyId);
    // …and opens without the old key; a second run has nothing left to do for it.
    expect(createSealer(NEW_KEY).openBytes(resealed).equals(sent)).toBe(true);
    expect(() => createSealer(oldKey).openBytes(resealed)).toThrow(/clé inconnue/);
    await resealFiles(t.db, sealedStorage(files, rotated));
    expect(readFileSync(onDisk()).equals(resealed)).toBe(true);
  });
});
