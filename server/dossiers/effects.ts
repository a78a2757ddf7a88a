// Carrying out the effects the engine returns, in the transaction that stores the dossier's
// new state: mails through the outbox, household changes, and the named effects.
import { schoolYearOf, type Effect } from '../../engine/index.js';
import type { AppDeps } from '../deps.js';
import type { Trx } from '../db.js';
import { AppError } from '../http/errors.js';
import { enqueueMail } from '../mail/outbox.js';
import { applyRecordEffect } from '../household/repository.js';
import { endOfSchoolYear, insertQuotient } from '../billing/quotients.js';

export interface EffectContext {
  familyId: string;
  childId: string | null;
  dossierId: string;
  dossierNumber: string;
  today: string;
}

type Params = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (message: string) => new AppError('INVALID_DATA', message);
/** The commune's SEPA creditor identifier (ICS); the billing issue makes it configurable. */
const CREDITOR_ID = 'FR12ZZZ123456';

async function childOfFamily(trx: Trx, ctx: EffectContext, childId: unknown): Promise<string> {
  const id = String(childId ?? ctx.childId ?? '');
  const link = UUID.test(id) && (await trx('family_children').where({ family_id: ctx.familyId, child_id: id }).first('child_id'));
  if (!link) throw invalid("L'enfant n'appartient pas à cette famille.");
  return id;
}

/** Where family mails go: the household's address, else its first parent account. */
async function familyAddress(trx: Trx, familyId: string): Promise<string | undefined> {
  const family = await trx('families').where({ id: familyId }).first('email');
  if (family?.email) return family.email;
  const user = await trx('users').where({ family_id: familyId }).whereNull('disabled_at').orderBy('created_at').first('email');
  return user?.email;
}

const named: Record<string, (trx: Trx, deps: AppDeps, ctx: EffectContext, p: Params) => Promise<void>> = {
  async createEnrolments(trx, _deps, ctx, p) {
    const childId = await childOfFamily(trx, ctx, p.childId);
    const ids = Array.isArray(p.activityIds) ? p.activityIds.map(String) : [];
    const year = typeof p.schoolYear === 'string' ? p.schoolYear : schoolYearOf(ctx.today);
    for (const activityId of ids) {
      if (!UUID.test(activityId) || !(await trx('activities').where({ id: activityId, active: true }).first('id'))) throw invalid('Activité inconnue.');
      await trx('enrolments')
        .insert({ family_id: ctx.familyId, child_id: childId, activity_id: activityId, school_year: year, dossier_id: ctx.dossierId, authorizations: JSON.stringify(p.authorizations ?? {}), status: 'active' })
        .onConflict(['child_id', 'activity_id', 'school_year'])
        .merge({ status: 'active', dossier_id: ctx.dossierId, authorizations: JSON.stringify(p.authorizations ?? {}), updated_at: trx.fn.now() });
    }
  },
  async recordSchooling(trx, deps, ctx, p) {
    const childId = await childOfFamily(trx, ctx, p.childId);
    const values: Params = { schoolId: p.schoolId };
    for (const key of ['className', 'level', 'schoolYear'] as const) if (p[key] !== undefined && p[key] !== null) values[key] = p[key];
    await applyRecordEffect(trx, { familyId: ctx.familyId, childId, sealer: deps.sealer }, { kind: 'updateRecord', record: 'child.schooling', values }, schoolYearOf(ctx.today));
  },
  async createMandate(trx, deps, ctx, p) {
    const iban = String(p.iban ?? '').replace(/\s+/g, '').toUpperCase();
    if (iban.length < 15) throw invalid('IBAN manquant.');
    const address = p.address && typeof p.address === 'object' ? Object.values(p.address as Params).filter(Boolean).join(', ') : null;
    await trx('mandates').insert({
      family_id: ctx.familyId,
      // Référence unique du mandat: stable, readable, derived from the N° de traitement.
      rum: `RUM-${ctx.dossierNumber}`,
      ics: CREDITOR_ID,
      debtor_name: String(p.holder ?? ''),
      debtor_address: address,
      iban_encrypted: deps.sealer.seal(iban),
      iban_last4: iban.slice(-4),
      bic: p.bic ? String(p.bic) : null,
      signed_on: typeof p.signatureDate === 'string' ? p.signatureDate : ctx.today,
      activity_ids: JSON.stringify(Array.isArray(p.enrolmentIds) && p.enrolmentIds.length ? p.enrolmentIds : Array.isArray(p.activityIds) ? p.activityIds : []),
    });
    await trx('families').where({ id: ctx.familyId }).update({ direct_debit: true, updated_at: trx.fn.now() });
  },
  async recordFlatRate(trx, _deps, ctx, p) {
    const childId = await childOfFamily(trx, ctx, p.childId);
    const year = typeof p.schoolYear === 'string' ? p.schoolYear : schoolYearOf(ctx.today);
    const row = { family_id: ctx.familyId, child_id: childId, activity_id: String(p.activityId), school_year: year, weekdays: JSON.stringify(p.weekdays ?? []), dossier_id: ctx.dossierId };
    if (!UUID.test(row.activity_id) || !(await trx('activities').where({ id: row.activity_id }).first('id'))) throw invalid('Activité inconnue.');
    await trx('flat_rates').insert(row).onConflict(['child_id', 'activity_id', 'school_year']).merge({ weekdays: row.weekdays, dossier_id: ctx.dossierId });
  },
  async recordQuotient(trx, _deps, ctx, p) {
    const value = Number(p.value);
    if (p.value === null || p.value === undefined || !Number.isFinite(value) || value < 0) throw invalid('Quotient familial invalide.');
    const figure = (v: unknown) => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
    const validFrom = typeof p.validFrom === 'string' ? p.validFrom : ctx.today;
    await insertQuotient(trx, {
      familyId: ctx.familyId,
      value,
      validFrom,
      validTo: typeof p.validTo === 'string' ? p.validTo : endOfSchoolYear(validFrom),
      annualIncome: figure(p.annualIncome),
      monthlyBenefits: figure(p.monthlyBenefits),
      parts: figure(p.parts),
      children: figure(p.children),
      source: 'declaration',
      dossierId: ctx.dossierId,
    });
  },
};

/** Applies every effect in order; any failure rolls the whole transaction back. */
export async function applyEffects(trx: Trx, deps: AppDeps, ctx: EffectContext, effects: Effect[]): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === 'mail') {
      const to = await familyAddress(trx, ctx.familyId);
      if (!to) continue; // no address on file: the inbox copy is all the family can get
      const mail = effect as Extract<Effect, { kind: 'mail' }>;
      await enqueueMail(trx, { familyId: ctx.familyId, to, subject: mail.subject, body: mail.body, template: mail.template });
    } else if (effect.kind === 'updateRecord' || effect.kind === 'syncCollection') {
      await applyRecordEffect(trx, { familyId: ctx.familyId, childId: ctx.childId, sealer: deps.sealer }, effect, schoolYearOf(ctx.today));
    } else {
      const run = named[effect.kind];
      if (!run) throw new Error(`effet inconnu : ${effect.kind}`);
      const { kind: _kind, ...params } = effect;
      await run(trx, deps, ctx, params);
    }
  }
}
