// The one error model: domain codes → HTTP status in exactly one place; bodies are
// { error: { code, message (French), details } } and never carry a stack trace.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Refusal } from '../../engine/index.js';
import { isUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from './unavailable.js';

export const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  INVALID_DATA: 422,
  WEAK_PASSWORD: 422,
  INVALID_TOKEN: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_DECIDED: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  PREREQUISITE_NOT_MET: 409,
  NOT_AVAILABLE: 409,
  EVENT_NOT_ALLOWED: 409,
  NOT_EDITABLE: 409,
  NOTICE_NOT_CONFIRMED: 409,
  JUSTIFICATIF_MISSING: 422,
  JUSTIFICATIF_INVALID: 422,
  REASON_REQUIRED: 422,
  CORRECTION_EMPTY: 422,
  DEFINITION_INVALID: 422,
  SECOND_FACTOR_REQUIRED: 401,
  INVALID_SECOND_FACTOR: 400,
  SECOND_FACTOR_ENROLMENT_REQUIRED: 403,
  TOO_MANY_REQUESTS: 429,
  INVALID_SIGNATURE: 400,
  PROVIDER_UNAVAILABLE: 503,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  SCAN_PENDING: 423,
  FILE_QUARANTINED: 410,
};

export class AppError extends Error {
  constructor(
    public code: string,
    message: string,
    public details: unknown[] = [],
    public headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS_BY_CODE[this.code] ?? 400;
  }
}

export const notFound = (what = 'Élément') => new AppError('NOT_FOUND', `${what} introuvable.`);
export const invalidInput = (message: string, details: unknown[] = []) => new AppError('INVALID_INPUT', message, details);

/** An engine refusal (PREREQUISITE_NOT_MET, INVALID_DATA, …) as an HTTP error. */
export function fromRefusal(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.message, refusal.details ?? []);
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

/** body-parser failures carry a `type`; map them to our codes instead of a 500. */
function fromParserError(err: { type?: string; status?: number }): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_INPUT', "Le corps de la requête n'est pas un JSON valide.");
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse (1 Mo au plus).');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_TYPE', "L'encodage de la requête n'est pas pris en charge.");
    case 'request.aborted':
      return new AppError('INVALID_INPUT', 'La requête a été interrompue.');
  }
  // serve-static: a missing hashed asset (an old page asking for a replaced file).
  if (err.status === 404) return new AppError('NOT_FOUND', 'Fichier introuvable.');
  if (err.status && err.status >= 400 && err.status < 500) return new AppError('INVALID_INPUT', 'Requête invalide.');
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error = err instanceof AppError ? err : fromParserError(err ?? {});
    if (!error && isUnavailable(err)) {
      logger.warn({ err: { code: err.code, message: err.message }, reqId: req.id }, 'database unavailable');
      error = new AppError('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, [], { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
    if (!error) {
      logger.error({ err, reqId: req.id }, 'unexpected error');
      error = new AppError('INTERNAL', 'Une erreur inattendue est survenue. Réessayez dans quelques instants.');
    }
    if (res.headersSent) return res.end();
    res.status(error.status).set(error.headers).set('Cache-Control', 'no-store').json(errorBody(error));
  };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', "Cette adresse de l'API n'existe pas."));
