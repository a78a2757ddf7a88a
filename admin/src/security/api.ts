// Client of the second-factor routes (server/auth/totp-routes.ts).
import { request, type SessionUser } from '../api.js';

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}
export interface Enrolment {
  secret: string;
  uri: string;
  qrCode: string;
}

export const secondFactorApi = {
  status: () => request<SecondFactorStatus>('GET', '/api/me/second-factor'),
  setup: () => request<Enrolment>('POST', '/api/me/second-factor/setup'),
  confirm: (code: string) => request<{ recoveryCodes: string[]; user?: SessionUser }>('POST', '/api/me/second-factor/confirm', { code }),
  renew: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/api/me/second-factor/recovery-codes', { code }),
  verify: (input: { code: string } | { recoveryCode: string }) =>
    request<{ user: SessionUser; recoveryCodesLeft?: number }>('POST', '/api/auth/totp', input),
};
