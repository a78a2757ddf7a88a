// Configuration from the environment, read once at start-up. Dev defaults let
// `npm start` work with nothing set; production must set the secrets.
import { resolve } from 'node:path';

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
  /** Number of reverse proxies in front of the server whose X-Forwarded-For is trusted. */
  trustProxy: number;
  municipality: string;
  logLevel: string;
  /** SEPA creditor identifier (ICS) of the billing office, printed on mandates. */
  sepaCreditorId: string;
  /** Demo-only capture page for mails (never when SMTP is configured or in production). */
  demo: boolean;
}

const DEV_SECRET = 'dev-only-session-secret-change-me';
const DEV_DATA_KEY = '0000000000000000000000000000000000000000000000000000000000000000';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (production && (!env.SESSION_SECRET || !env.DATA_KEY)) {
    throw new Error('SESSION_SECRET et DATA_KEY sont obligatoires en production.');
  }
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
    trustProxy: Number(env.TRUST_PROXY ?? 0),
    municipality: env.MUNICIPALITY ?? 'Villebourg',
    logLevel: env.LOG_LEVEL ?? 'info',
    sepaCreditorId: env.SEPA_ICS ?? 'FR00ZZZ000000',
    demo: !production && !env.SMTP_URL,
  };
}
