// Encryption at rest (AES-256-GCM) for health records, IBANs and uploaded files, random
// tokens and their hashes. Only hashes of tokens and session ids are stored.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Bytes (an uploaded file): FILE_MAGIC, key id, iv, tag, then the ciphertext. */
  sealBytes(plain: Buffer): Buffer;
  /** The plain bytes of sealBytes' output; bytes without FILE_MAGIC (stored before files were sealed) come back as they are. */
  openBytes(stored: Buffer): Buffer;
  /** Id of the key new ciphertexts are sealed with (key rotation: see reencryptAll). */
  readonly currentKeyId?: string;
}

/** The first bytes of a sealed file (no PDF or JPEG starts so: they begin with %PDF or FF D8). */
export const FILE_MAGIC = Buffer.from('PFSEAL2\n', 'latin1');
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key id a sealed file was sealed with; null for bytes stored in clear. */
export function sealedBytesKeyId(stored: Buffer): string | null {
  if (stored.length < FILE_MAGIC.length + KEY_ID_BYTES || !stored.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return null;
  return stored.subarray(FILE_MAGIC.length, FILE_MAGIC.length + KEY_ID_BYTES).toString('latin1');
}

function parseKey(key: string): Buffer {
  const buf = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (buf.length !== 32) throw new Error('DATA_KEY doit faire 32 octets (64 caractères hexadécimaux ou base64).');
  return buf;
}

/** A key's id: derived from the key itself (8 hex characters), so nothing else needs configuring. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('portail-famille/data-key-id/').update(key).digest('hex').slice(0, 8);
}

/** The key id a ciphertext was sealed with ("v1" ciphertexts, from before rotation, carry none). */
export function sealedKeyId(sealed: string): string | null {
  const m = /^v2\.([0-9a-f]{8})\./.exec(sealed);
  return m ? m[1] : null;
}

function decryptWith(k: Buffer, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * AES-256-GCM with key rotation. `key` seals (the newest); `previous` keys (comma-separated,
 * DATA_KEY_PREVIOUS) only open. Ciphertext: v2.<key id>.<iv>.<tag>.<data> (base64url parts);
 * v1.<iv>.<tag>.<data> from before rotation opens with whichever key authenticates it.
 */
export function createSealer(key: string, previous: string | string[] = []): Sealer {
  const current = parseKey(key);
  const currentKeyId = keyIdOf(current);
  const olds = (Array.isArray(previous) ? previous : previous.split(',')).map((s) => s.trim()).filter(Boolean).map(parseKey);
  const keys = new Map<string, Buffer>([[currentKeyId, current], ...olds.map((k) => [keyIdOf(k), k] as [string, Buffer])]);
  return {
    currentKeyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v2', currentKeyId, ...[iv, cipher.getAuthTag(), data].map((p) => p.toString('base64url'))].join('.');
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts[0] === 'v2' && parts.length === 5) {
        const k = keys.get(parts[1]);
        if (!k) throw new Error(`Donnée chiffrée avec une clé inconnue (${parts[1]}) : ajoutez-la à DATA_KEY_PREVIOUS.`);
        return decryptWith(k, parts[2], parts[3], parts[4]);
      }
      if (parts[0] === 'v1' && parts.length === 4) {
        for (const k of keys.values()) {
          try {
            return decryptWith(k, parts[1], parts[2], parts[3]);
          } catch {
            /* not this key: GCM's tag refuses it */
          }
        }
        throw new Error('Donnée chiffrée illisible avec les clés configurées (DATA_KEY, DATA_KEY_PREVIOUS).');
      }
      throw new Error('Donnée chiffrée illisible.');
    },
    sealBytes(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([FILE_MAGIC, Buffer.from(currentKeyId, 'latin1'), iv, cipher.getAuthTag(), data]);
    },
    openBytes(stored) {
      const keyId = sealedBytesKeyId(stored);
      if (keyId === null) return stored;
      const k = keys.get(keyId);
      if (!k) throw new Error(`Fichier chiffré avec une clé inconnue (${keyId}) : ajoutez-la à DATA_KEY_PREVIOUS.`);
      let at = FILE_MAGIC.length + KEY_ID_BYTES;
      const iv = stored.subarray(at, (at += IV_BYTES));
      const tag = stored.subarray(at, (at += TAG_BYTES));
      const decipher = createDecipheriv('aes-256-gcm', k, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(stored.subarray(at)), decipher.final()]);
    },
  };
}

let fallbackSealer: Sealer | undefined;
/** The sealer repositories use when none is passed: the app's (set at start-up), else DATA_KEY or the dev key. */
export function defaultSealer(): Sealer {
  fallbackSealer ??= createSealer(process.env.DATA_KEY ?? '0'.repeat(64), process.env.DATA_KEY_PREVIOUS ?? '');
  return fallbackSealer;
}
export function setDefaultSealer(sealer: Sealer): void {
  fallbackSealer = sealer;
}

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacHex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
