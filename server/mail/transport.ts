// The mail port. SMTP through nodemailer when SMTP_URL is set; otherwise mails are
// captured as JSON files under DATA_DIR/mails (listed by the demo page GET /api/demo/mails).
import nodemailer from 'nodemailer';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  body: string;
}

export interface CapturedMail extends OutgoingMail {
  date: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  /** Captured mails, newest first (capture mode only). */
  list?(): Promise<CapturedMail[]>;
  close?(): void;
}

/** A temporary failure (SMTP down, 4xx): the outbox retries later. Anything else is permanent. */
export function isTemporary(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode < 500;
  return true; // connection refused, timeout, DNS…
}

export function smtpTransport(url: string, from: string): MailTransport {
  const u = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  const transporter = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
    secure: u.protocol === 'smtps:',
    // A local relay (or the test server) speaks plain SMTP; anything remote must use TLS.
    ignoreTLS: loopback,
    requireTLS: !loopback && u.protocol !== 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body, messageId: `<${mail.id}@portail-famille>` });
    },
    close: () => transporter.close(),
  };
}

export function captureTransport(dir: string): MailTransport {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const date = new Date().toISOString();
      const file = join(dir, `${date.replace(/[:.]/g, '-')}-${mail.id}.json`);
      await writeFile(file, JSON.stringify({ ...mail, date }, null, 2));
    },
    async list() {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort().reverse();
      return Promise.all(names.slice(0, 200).map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as CapturedMail));
    },
  };
}
