// Per-process guards against floods of costly public requests (the strength meter runs
// zxcvbn; link requests write mails). Approximate across instances on purpose: the
// security-relevant limits (login, links per account) live in Postgres.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from './errors.js';

export function clientLimit(points: number, durationSeconds: number): (ip: string) => Promise<void> {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return async (ip) => {
    try {
      await limiter.consume(ip || 'unknown');
    } catch (rejection) {
      const seconds = Math.max(1, Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000));
      throw new AppError('TOO_MANY_REQUESTS', `Trop de demandes. Réessayez dans ${seconds} secondes.`, [], { 'Retry-After': String(seconds) });
    }
  };
}
