// Encryption at rest (AES-256-GCM) for health records and IBANs, random tokens and their
// hashes. Only hashes of tokens and session ids are stored.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

function parseKey(key: string): Buffer {
  const buf = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (buf.length !== 32) throw new Error('DATA_KEY doit faire 32 octets (64 caractères hexadécimaux ou base64).');
  return buf;
}

/** Ciphertext format: v1.<iv>.<tag>.<data>, base64url parts; the version allows key rotation later. */
export function createSealer(key: string): Sealer {
  const k = parseKey(key);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Donnée chiffrée illisible.');
      const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

let fallbackSealer: Sealer | undefined;
/** The sealer repositories use when none is passed: the app's (set at start-up), else DATA_KEY or the dev key. */
export function defaultSealer(): Sealer {
  fallbackSealer ??= createSealer(process.env.DATA_KEY ?? '0'.repeat(64));
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
