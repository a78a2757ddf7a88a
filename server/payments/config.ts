// Payment settings from the environment (README « Paiements »). Dev defaults let the demo
// run; production must set the provider secret and the billing office's bank details.
export interface PaymentConfig {
  /**
   * « simulateur »: the local PayFiP simulator (default outside production). « aucun »: no
   * online payment (default in production, where a simulator would let anyone mark an
   * invoice paid): PAYER answers 503 and the simulator's page does not exist.
   */
  provider: 'simulateur' | 'aucun';
  /** Shared secret of the provider's notification signatures (HMAC-SHA256). */
  secret: string;
  /** PayFiP client number of the billing office (« numcli », 6 digits). */
  numcli: string;
  /** Creditor of SEPA debits: the billing office (régie). */
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
}

export function readPaymentConfig(env: NodeJS.ProcessEnv, municipality: string): PaymentConfig {
  const production = env.NODE_ENV === 'production';
  const provider = env.PAYMENT_PROVIDER ?? (production ? 'aucun' : 'simulateur');
  if (provider !== 'simulateur' && provider !== 'aucun') throw new Error(`PAYMENT_PROVIDER inconnu : ${provider} (« simulateur » ou « aucun »).`);
  if (production && provider !== 'aucun' && !env.PAYFIP_SECRET) throw new Error('PAYFIP_SECRET est obligatoire en production.');
  return {
    provider,
    secret: env.PAYFIP_SECRET ?? 'dev-only-payfip-secret-change-me',
    numcli: env.PAYFIP_NUMCLI ?? '000000',
    creditorName: env.SEPA_CREDITOR_NAME ?? `Régie Enfance de ${municipality}`,
    // A Banque de France account, as a municipal régie has (example IBAN, valid checksum).
    creditorIban: env.SEPA_CREDITOR_IBAN ?? 'FR7630006000011234567890189',
    creditorBic: env.SEPA_CREDITOR_BIC ?? 'BDFEFRPPCCT',
  };
}

const cache = new WeakMap<object, PaymentConfig>();
/**
 * The payment settings of a running portal, read once from the environment (kept apart
 * from server/config.ts so the payment module owns its variables).
 */
export function paymentConfigOf(deps: { config: { municipality: string } }): PaymentConfig {
  let config = cache.get(deps);
  if (!config) {
    config = readPaymentConfig(process.env, deps.config.municipality);
    cache.set(deps, config);
  }
  return config;
}
