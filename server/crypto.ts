// Encryption at rest (AES-256-GCM) for health records and IBANs, random tokens and their
// hashes. Only hashes of tokens and session ids are stored.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Id of the key new ciphertexts are sealed with (key rotation: see reencryptAll). */
  readonly currentKeyId?: string;
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
