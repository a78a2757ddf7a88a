// The local PayFiP simulator: the provider's side of an online payment, served by our own
// server under /payfip-simulateur/ so the demo and the tests need no outside service. It
// keeps its operations in its own table, shows a plain French page (no script: our CSP
// holds), and on the parent's choice posts a signed notification to « urlnotif » before
// sending the browser back to « urlredirect », as PayFiP does.
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import { PAYMENT_VALIDITY_MS, euros, isExpired } from '../../engine/payments/rules.js';
import { paymentConfigOf } from './config.js';
import { signNotification, verifySignedNotification, SIGNATURE_HEADER, type PaymentProvider, type ProviderNotification } from './provider.js';

export const SIMULATOR_PATH = '/payfip-simulateur/paiement';

const providers = new WeakMap<AppDeps, PaymentProvider>();

/** The provider of a running portal: the simulator, or none (PAYMENT_PROVIDER=aucun). */
export function providerOf(deps: AppDeps): PaymentProvider {
  let provider = providers.get(deps);
  if (!provider) {
    provider = simulatorEnabled(deps) ? simulatedProvider(deps) : noProvider();
    providers.set(deps, provider);
  }
  return provider;
}

/** Lets a test (or another deployment) put its own provider behind the port. */
export function setProvider(deps: AppDeps, provider: PaymentProvider): void {
  providers.set(deps, provider);
}

function notificationOf(op: Record<string, any>): ProviderNotification & Record<string, unknown> {
  return { operationId: op.idop, reference: op.refdet, amountCents: op.montant, result: op.resultrans, authorisation: op.numauto, at: op.completed_at ? new Date(op.completed_at).toISOString() : null };
}

/** The JSON body the simulator posts, in PayFiP's field names. */
export function notificationBody(op: { idop: string; refdet: string; montant: number; resultrans: string; numauto?: string | null; dattrans?: string | null; numcli?: string }): string {
  return JSON.stringify({ idop: op.idop, numcli: op.numcli ?? '', refdet: op.refdet, montant: op.montant, resultrans: op.resultrans, numauto: op.numauto ?? null, dattrans: op.dattrans ?? null });
}

/** No online payment configured (production default): PAYER is refused, nothing is created. */
function noProvider(): PaymentProvider {
  return {
    name: 'aucun',
    async createOperation() {
      throw new Error('PAYMENT_PROVIDER=aucun');
    },
    // Its secret may be the development default: no notification is believed.
    verifyNotification: () => undefined,
    lookup: async () => undefined,
  };
}

/** Whether the simulator's page is served (never when PAYMENT_PROVIDER=aucun). */
export function simulatorEnabled(deps: AppDeps): boolean {
  return paymentConfigOf(deps).provider === 'simulateur';
}

export function simulatedProvider(deps: AppDeps): PaymentProvider {
  const config = paymentConfigOf(deps);
  return {
    name: 'payfip-simulateur',
    async createOperation(input) {
      const idop = randomBytes(18).toString('base64url');
      await deps.db('payfip_sim_operations').insert({
        idop, numcli: config.numcli, exer: input.year, refdet: input.reference, montant: input.amountCents, objet: input.label,
        mel: input.email ?? null, urlnotif: input.notifyUrl, urlredirect: input.returnUrl, created_at: deps.clock.now(),
      });
      return { operationId: idop, redirectUrl: `${deps.config.publicUrl}${SIMULATOR_PATH}?idop=${idop}` };
    },
    verifyNotification: (raw, signature) => verifySignedNotification(config.secret, raw, signature),
    async lookup(idop) {
      const op = await deps.db('payfip_sim_operations').where({ idop }).first();
      return op?.resultrans ? notificationOf(op) : undefined;
    },
  };
}

export type SimulatorChoice = 'payer' | 'refuser' | 'abandonner';
const RESULT: Record<SimulatorChoice, string> = { payer: 'P', refuser: 'R', abandonner: 'A' };

/** Records the parent's choice once, notifies the portal, and says where the browser goes. */
export async function completeOperation(deps: AppDeps, idop: string, choice: SimulatorChoice): Promise<{ redirect?: string; expired?: boolean; missing?: boolean }> {
  const op = await deps.db('payfip_sim_operations').where({ idop }).first();
  if (!op) return { missing: true };
  const now = deps.clock.now();
  if (!op.resultrans && isExpired(new Date(new Date(op.created_at).getTime() + PAYMENT_VALIDITY_MS), now)) return { expired: true, redirect: op.urlredirect };
  const numauto = choice === 'payer' ? String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000)) : null;
  const [done] = await deps.db('payfip_sim_operations').where({ idop }).whereNull('resultrans')
    .update({ resultrans: RESULT[choice], numauto, completed_at: now }).returning('*');
  if (done) await notify(deps, done);
  return { redirect: op.urlredirect };
}

async function notify(deps: AppDeps, op: Record<string, any>): Promise<void> {
  const body = notificationBody({ idop: op.idop, numcli: op.numcli, refdet: op.refdet, montant: op.montant, resultrans: op.resultrans, numauto: op.numauto, dattrans: new Date(op.completed_at).toISOString() });
  try {
    const res = await fetch(op.urlnotif, {
      method: 'POST', body, signal: AbortSignal.timeout(5000),
      headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signNotification(paymentConfigOf(deps).secret, body) },
    });
    if (!res.ok) deps.logger.warn({ status: res.status, idop: op.idop }, 'payfip simulator: notification refused');
  } catch (error) {
    // The portal asks again on the parent's return (lookup), as with PayFiP.
    deps.logger.warn({ err: error, idop: op.idop }, 'payfip simulator: notification failed');
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f8;color:#1b1b1b}
main{max-width:32rem;margin:0 auto;padding:1rem}
.card{background:#fff;border:1px solid #ccd;border-radius:8px;padding:1rem 1.25rem;margin-top:1rem}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.1rem}
label{display:block;font-weight:600;margin-top:.75rem}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #666;border-radius:4px}
.row{display:flex;gap:.75rem}.row>div{flex:1}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1.25rem}
button{font:inherit;font-weight:700;padding:.6rem 1rem;border-radius:4px;border:2px solid #000091;background:#fff;color:#000091;cursor:pointer}
button.primary{background:#000091;color:#fff}
button:focus-visible,input:focus-visible{outline:3px solid #ff9940;outline-offset:2px}
.note{font-size:.9rem;color:#444}`;

function page(title: string, content: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — PayFiP (simulateur)</title><style>${STYLE}</style></head><body><main>
<p class="note">Simulateur local de PayFiP — aucun paiement réel n'est effectué.</p>${content}</main></body></html>`;
}

/** The provider's page for an operation: amount, reference, a fake card form, three choices. */
export async function simulatorPage(deps: AppDeps, idop: string): Promise<{ status: number; html: string }> {
  const op = await deps.db('payfip_sim_operations').where({ idop }).first();
  if (!op) return { status: 404, html: page('Opération inconnue', '<h1>Opération inconnue</h1><p>Cette opération de paiement n\'existe pas.</p>') };
  if (op.resultrans) {
    return { status: 200, html: page('Opération terminée', `<h1>Opération terminée</h1><div class="card"><p>Cette opération est déjà terminée.</p><p><a href="${esc(op.urlredirect)}">Retourner sur le Portail Famille</a></p></div>`) };
  }
  if (isExpired(new Date(new Date(op.created_at).getTime() + PAYMENT_VALIDITY_MS), deps.clock.now())) {
    return { status: 200, html: page('Opération expirée', `<h1>Opération expirée</h1><div class="card"><p>Le délai de 15 minutes pour payer est dépassé. Aucun montant n'a été débité.</p><p><a href="${esc(op.urlredirect)}">Retourner sur le Portail Famille</a></p></div>`) };
  }
  const form = `<h1>Paiement de votre facture</h1>
<div class="card"><h2>Récapitulatif</h2>
<p>${esc(op.objet ?? 'Facture')}<br>Référence : <strong>${esc(op.refdet)}</strong><br>Montant : <strong>${esc(euros(op.montant))}</strong></p></div>
<form class="card" method="post" action="${SIMULATOR_PATH}">
<h2>Carte bancaire</h2>
<input type="hidden" name="idop" value="${esc(op.idop)}">
<label for="numero">Numéro de carte</label><input id="numero" name="numero" inputmode="numeric" autocomplete="off" required pattern="[0-9 ]{12,23}" value="4970 1000 0000 0000">
<div class="row"><div><label for="expiration">Date d'expiration (MM/AA)</label><input id="expiration" name="expiration" autocomplete="off" required pattern="[0-9]{2}/[0-9]{2}" value="12/30"></div>
<div><label for="cryptogramme">Cryptogramme</label><input id="cryptogramme" name="cryptogramme" inputmode="numeric" autocomplete="off" required pattern="[0-9]{3}" value="123"></div></div>
<p class="note">Carte fictive : rien de ce que vous saisissez n'est conservé.</p>
<div class="actions">
<button class="primary" type="submit" name="choix" value="payer">Payer ${esc(euros(op.montant))}</button>
<button type="submit" name="choix" value="refuser" formnovalidate>Refuser (simuler un refus de la banque)</button>
<button type="submit" name="choix" value="abandonner" formnovalidate>Abandonner</button>
</div></form>`;
  return { status: 200, html: page('Paiement', form) };
}
