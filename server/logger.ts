// JSON logs (pino). Request logs carry an id and never headers or bodies; known secret
// fields are redacted wherever they appear.
import pino, { type Logger } from 'pino';

export const REDACT = [
  'password', 'currentPassword', 'confirmation', 'token', 'iban', 'health',
  '*.password', '*.currentPassword', '*.confirmation', '*.token', '*.iban', '*.health', '*.answers',
  'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[masqué]' }, base: { app: 'portail-famille' } }, destination);
}

/** A URL without its query values (reset tokens travel in query strings of page links). */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?${url.slice(q + 1).split('&').map((p) => p.split('=')[0] + '=…').join('&')}`;
}
