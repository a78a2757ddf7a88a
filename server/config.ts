// Configuration from the environment, read once at start-up. Dev defaults let
// `npm start` work with nothing set; production must set the secrets.
import { resolve } from 'node:path';
import { clamavFromEnv, type ClamavConfig } from './antivirus/clamd.js';
import { retentionMonths } from './privacy/retention.js';

export interface Config {
  port: number;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Origin the portal is reached at; links in mails are built from it, never from Host. */
  publicUrl: string;
  /** Extra origins accepted on state-changing requests (e.g. a Vite dev server). */
  allowedOrigins: string[];
  dataDir: string;
  sessionSecret: string;
  /** 32-byte key (hex or base64) for AES-256-GCM encryption of health data and IBANs. */
  dataKey: string;
  /** Older keys (comma-separated, DATA_KEY_PREVIOUS): they only decrypt, until `npm run data:reencrypt` has run. */
  dataKeyPrevious: string;
  /** ClamAV daemon (CLAMAV_SOCKET, or CLAMAV_HOST + CLAMAV_PORT): justificatifs are served only once scanned clean. */
  clamav?: ClamavConfig;
  /** GDPR: months after a family's last child left before it is anonymised (RETENTION_MONTHS, 36). */
  retentionMonths: number;
  /** Number of reverse proxies in front of the server whose X-Forwarded-For is trusted. */
  trustProxy: number;
  municipality: string;
  logLevel: string;
  /** SEPA creditor identifier (ICS) of the billing office, printed on mandates. */
  sepaCreditorId: string;
  /** Demo-only capture page for mails (never when SMTP is configured or in production). */
  demo: boolean;
  /** NODE_ENV=production: secrets checked at start, second factor required for agents and administrators. */
  production: boolean;
  /** Load the demo accounts and data at start (DEMO_DATA; default: outside production only). */
  demoData: boolean;
  /** Built front ends (DIST_DIR, default ./dist). */
  distDir: string;
  /** How long a graceful shutdown waits for requests in flight (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
}

/** Thrown when the environment is not fit to start (main.ts prints it and exits 1). */
export class ConfigError extends Error {}

const DEV_SECRET = 'dev-only-session-secret-change-me';
const DEV_DATA_KEY = '0000000000000000000000000000000000000000000000000000000000000000';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (production) assertProductionSecrets(env);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Portail Famille <ne-pas-repondre@portail-famille.local>',
    publicUrl,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    dataDir: resolve(env.DATA_DIR ?? './data'),
    sessionSecret: env.SESSION_SECRET ?? DEV_SECRET,
    dataKey: env.DATA_KEY ?? DEV_DATA_KEY,
    dataKeyPrevious: env.DATA_KEY_PREVIOUS ?? '',
    clamav: clamavFromEnv(env),
    retentionMonths: retentionMonths(env),
    trustProxy: Number(env.TRUST_PROXY ?? 0),
    municipality: env.MUNICIPALITY ?? 'Villebourg',
    logLevel: env.LOG_LEVEL ?? 'info',
    sepaCreditorId: env.SEPA_ICS ?? 'FR00ZZZ000000',
    demo: !production && !env.SMTP_URL,
    production,
    demoData: env.DEMO_DATA ? env.DEMO_DATA === 'true' || env.DEMO_DATA === '1' : !production,
    distDir: resolve(env.DIST_DIR ?? './dist'),
    shutdownTimeoutMs: Number(env.SHUTDOWN_TIMEOUT_MS ?? 25_000),
  };
}

// In production every secret must be set, and not to a development value: a portal
// started with the key printed in the README would encrypt health data for everyone.
function assertProductionSecrets(env: NodeJS.ProcessEnv): void {
  const problems: string[] = [];
  const secret = env.SESSION_SECRET ?? '';
  if (!secret) problems.push('SESSION_SECRET manquant / missing');
  else if (secret === DEV_SECRET || secret.length < 32 || new Set(secret).size < 8) {
    problems.push('SESSION_SECRET est la valeur de développement ou trop faible (32 caractères aléatoires au moins) / is the development default or too weak (at least 32 random characters)');
  }
  const key = env.DATA_KEY ?? '';
  let keyBytes: Buffer | undefined;
  if (/^[0-9a-f]{64}$/i.test(key)) keyBytes = Buffer.from(key, 'hex');
  else if (key && Buffer.from(key, 'base64').length === 32) keyBytes = Buffer.from(key, 'base64');
  if (!key) problems.push('DATA_KEY manquant / missing');
  else if (!keyBytes) problems.push('DATA_KEY doit faire 32 octets (64 caractères hexadécimaux ou base64) / must be 32 bytes (64 hex characters or base64)');
  else if (key === DEV_DATA_KEY || new Set(keyBytes).size < 8) problems.push('DATA_KEY est la clé de développement ou une clé triviale / is the development key or a trivial key');
  if (!env.PUBLIC_URL) problems.push("PUBLIC_URL manquant (adresse publique du portail, utilisée dans les liens des mails) / missing (the portal's public address, used in mail links)");
  if (problems.length) {
    throw new ConfigError(`Configuration de production refusée / production configuration refused:\n - ${problems.join('\n - ')}\n(openssl rand -hex 32 donne une clé / gives a key)`);
  }
}
