// The online payment provider port. The portal speaks to it in PayFiP's terms (DGFiP's
// public-sector service): create an operation (amount in cents, debt reference « refdet »,
// client number « numcli », notification and return URLs) → an operation id « idop » and
// the provider's page; later a server-to-server notification carries the result
// (« resultrans »: P payé, R refusé, A abandonné). The local simulator implements it.
import { hmacHex, safeEqual } from '../crypto.js';

export interface CreateOperation {
  /** Montant en centimes. */
  amountCents: number;
  /** « refdet »: the payment's own reference (unique, ≤ 30 characters). */
  reference: string;
  /** Year of the debt (« exer »). */
  year: string;
  /** What the family sees on the provider's page (« objet »). */
  label: string;
  email?: string | null;
  /** « urlnotif »: where the provider posts the result, server to server. */
  notifyUrl: string;
  /** « urlredirect »: where the provider sends the parent back. */
  returnUrl: string;
}

export interface Operation {
  operationId: string;
  redirectUrl: string;
}

/** A notification once its signature is checked; the fields are the provider's. */
export interface ProviderNotification {
  operationId: string;
  reference: string;
  amountCents: number;
  result: string;
  authorisation?: string | null;
  at?: string | null;
}

export interface PaymentProvider {
  name: string;
  createOperation(input: CreateOperation): Promise<Operation>;
  /**
   * Checks and decodes a notification body; undefined when the signature is missing or wrong
   * (the caller refuses it and changes nothing).
   */
  verifyNotification(rawBody: string, signature: string | undefined): ProviderNotification | undefined;
  /** « recupererDetailPaiementSecurise »: the provider's own answer, for a return without notification. */
  lookup(operationId: string): Promise<ProviderNotification | undefined>;
}

export const SIGNATURE_HEADER = 'x-payfip-signature';

/** Notification signature: hex HMAC-SHA256 of the raw body with the shared secret. */
export function signNotification(secret: string, rawBody: string): string {
  return `sha256=${hmacHex(secret, rawBody)}`;
}

/** Parses and checks a signed JSON notification; every field typed, nothing else trusted. */
export function verifySignedNotification(secret: string, rawBody: string, signature: string | undefined): ProviderNotification | undefined {
  if (!signature || !safeEqual(signature, signNotification(secret, rawBody))) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  const { idop, refdet, montant, resultrans, numauto, dattrans } = body ?? {};
  if (typeof idop !== 'string' || typeof refdet !== 'string' || !Number.isInteger(montant) || typeof resultrans !== 'string') return undefined;
  return {
    operationId: idop, reference: refdet, amountCents: montant as number, result: resultrans,
    authorisation: typeof numauto === 'string' ? numauto : null, at: typeof dattrans === 'string' ? dattrans : null,
  };
}
