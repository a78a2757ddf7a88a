// The one error model: every engine refusal code and every server code maps to a 4xx.
import { describe, expect, it } from 'vitest';
import type { RefusalCode } from '../../engine/index.js';
import { AppError, STATUS_BY_CODE, errorBody, fromRefusal } from '../../server/http/errors.js';

// `satisfies` makes the type checker fail when the engine adds a code this list lacks.
const REFUSALS = {
  PREREQUISITE_NOT_MET: true, NOT_AVAILABLE: true, INVALID_DATA: true, JUSTIFICATIF_MISSING: true,
  JUSTIFICATIF_INVALID: true, NOTICE_NOT_CONFIRMED: true, REASON_REQUIRED: true, CORRECTION_EMPTY: true,
  NOT_EDITABLE: true, EVENT_NOT_ALLOWED: true,
} satisfies Record<RefusalCode, true>;

describe('error model', () => {
  it('maps every engine refusal to a 4xx with the refusal message and details', () => {
    for (const code of Object.keys(REFUSALS) as RefusalCode[]) {
      const error = fromRefusal({ code, message: 'Message en français.', details: [{ instancePath: '/x' }] });
      expect(STATUS_BY_CODE[code], code).toBeDefined();
      expect(error.status, code).toBeGreaterThanOrEqual(400);
      expect(error.status, code).toBeLessThan(500);
      expect(errorBody(error)).toEqual({ error: { code, message: 'Message en français.', details: [{ instancePath: '/x' }] } });
    }
  });

  it('uses the statuses of the API contract', () => {
    const status = (code: string) => new AppError(code, '').status;
    expect([status('INVALID_INPUT'), status('INVALID_DATA'), status('UNAUTHENTICATED'), status('FORBIDDEN'), status('NOT_FOUND')]).toEqual([400, 422, 401, 403, 404]);
    expect([status('VERSION_CONFLICT'), status('ALREADY_DECIDED'), status('PAYLOAD_TOO_LARGE'), status('UNSUPPORTED_TYPE'), status('TOO_MANY_REQUESTS')]).toEqual([409, 409, 413, 415, 429]);
  });
});
