// Mon Quotient, Mes tarifs, and the agents' recording or correction of a family's quotient
// (server/API.md « Quotient et tarifs (issue 9) »).
import { parisDate, schoolYearOf } from '../../engine/index.js';
import { familyQuotient, householdParts } from '../../engine/billing/quotient.js';
import { unitPrice } from '../../engine/billing/tariff.js';
import type { AppDeps } from '../deps.js';
import type { RouteDef } from '../http/routes.js';
import { Reply } from '../http/routes.js';
import { AppError, notFound } from '../http/errors.js';
import { object, str, uuid } from '../http/validate.js';
import { auditLog } from '../audit.js';
import { insertQuotient, quotientSheet, endOfSchoolYear } from './quotients.js';
import { tariffsFor } from './tariffs.js';

const STAFF = ['agent', 'admin'] as const;
const todayOf = (deps: AppDeps) => parisDate(deps.clock.now());

/** The démarche through which a family declares its quotient: the one whose effects record it. */
function quotientDemarche(deps: AppDeps) {
  return deps.catalog?.procedures.find((proc) => (proc.spec.effects ?? []).some((e) => e.kind === 'recordQuotient'));
}

async function familyQuotientView(deps: AppDeps, familyId: string, options: { withRecorder?: boolean } = {}) {
  const today = todayOf(deps);
  const history = await quotientSheet(deps.db, familyId, today, options);
  const procedure = quotientDemarche(deps);
  // A declaration waiting for an agent (status tagged queue), to say so on the sheet.
  const rows = procedure ? await deps.db('dossiers').where({ family_id: familyId, procedure_code: procedure.code }).orderBy('created_at', 'desc').select('id', 'number', 'status') : [];
  const pending = procedure ? rows.find((r) => procedure.tagsOf(r.status).includes('queue')) : undefined;
  const demarche = procedure ? { code: procedure.code, title: procedure.spec.title } : null;
  return {
    today,
    current: history.find((q) => q.current) ?? null,
    history,
    demarche,
    pending: pending ? { id: String(pending.id), number: String(pending.number), status: String(pending.status) } : null,
  };
}

/** Mes tarifs: every active activity's tariff for the school year, with the family's price and band. */
async function familyTariffs(deps: AppDeps, familyId: string) {
  const today = todayOf(deps);
  const schoolYear = schoolYearOf(today);
  const sheet = await quotientSheet(deps.db, familyId, today);
  const current = sheet.find((q) => q.current) ?? null;
  const quotient = current ? current.value : null;
  const activities = await deps.db('activities').where({ active: true }).orderBy('name').select('id', 'code', 'name', 'kind');
  const enrolled = new Set((await deps.db('enrolments').where({ family_id: familyId, school_year: schoolYear }).whereNot({ status: 'cancelled' }).pluck('activity_id')).map(String));
  const tariffs = await tariffsFor(deps.db, activities.map((a) => a.id), schoolYear);
  const list = activities.flatMap((a) => {
    const tariff = tariffs.get(a.id);
    if (!tariff) return [];
    const price = unitPrice(tariff, quotient);
    return [{ id: String(a.id), code: a.code, name: a.name, kind: a.kind, enrolled: enrolled.has(String(a.id)), tariff, familyPrice: price }];
  });
  list.sort((x, y) => Number(y.enrolled) - Number(x.enrolled));
  return { schoolYear, quotient, quotientValidTo: current?.validTo ?? null, activities: list };
}

const day = { type: 'string', format: 'date' };
const euros = (max: number) => ({ type: 'number', minimum: 0, maximum: max });

const recordBody = object({
  value: euros(10_000_000),
  annualIncome: euros(100_000_000),
  monthlyBenefits: euros(1_000_000),
  children: { type: 'integer', minimum: 0, maximum: 30 },
  validFrom: day,
  validTo: { type: ['string', 'null'], format: 'date' },
  note: str(500, { minLength: 3 }),
}, ['validFrom', 'note']);

async function recordByAgent(deps: AppDeps, agent: { id: string; role: string }, familyId: string, body: Record<string, unknown>) {
  const income = body.annualIncome as number | undefined;
  const children = body.children as number | undefined;
  let value = body.value as number | undefined;
  let parts: number | null = null;
  if (income !== undefined) {
    // The figures are given: the quotient is the CAF formula's, never a typed value that would differ.
    if (children === undefined) throw new AppError('INVALID_INPUT', 'Indiquez le nombre d’enfants à charge pour calculer le nombre de parts.', [{ instancePath: '/children', keyword: 'required', message: 'Nombre d’enfants requis avec les revenus.', params: {} }]);
    parts = householdParts(children);
    const computed = familyQuotient({ annualIncome: income, monthlyBenefits: (body.monthlyBenefits as number | undefined) ?? 0, parts });
    if (value !== undefined && Math.abs(value - computed) > 0.005) {
      throw new AppError('INVALID_INPUT', `Le quotient saisi (${value}) ne correspond pas aux revenus déclarés : la formule donne ${computed}.`, [{ instancePath: '/value', keyword: 'const', message: `La formule donne ${computed}.`, params: {} }]);
    }
    value = computed;
  }
  if (value === undefined) {
    throw new AppError('INVALID_INPUT', 'Indiquez le quotient (attestation CAF) ou les revenus et le nombre d’enfants.', [{ instancePath: '/value', keyword: 'required', message: 'Quotient ou revenus requis.', params: {} }]);
  }
  return deps.db.transaction(async (trx) => {
    const family = await trx('families').where({ id: familyId }).forUpdate().first('id');
    if (!family) throw notFound('Famille');
    const validFrom = body.validFrom as string;
    const id = await insertQuotient(trx, {
      familyId, value: value!, validFrom,
      validTo: body.validTo === undefined ? endOfSchoolYear(validFrom) : (body.validTo as string | null),
      annualIncome: income ?? null, monthlyBenefits: income !== undefined ? ((body.monthlyBenefits as number | undefined) ?? 0) : null,
      parts, children: children ?? null, source: 'agent', recordedBy: agent.id, note: body.note as string,
    });
    await auditLog(trx, { actorId: agent.id, actorRole: agent.role, action: 'quotient.record', subjectType: 'family_quotient', subjectId: id, familyId, data: { value, validFrom, validTo: body.validTo ?? null, note: body.note } });
    return id;
  });
}

const familyParams = object({ id: uuid() });

export const quotientRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/quotient', roles: ['parent'],
    summary: 'Mon Quotient : le quotient familial en vigueur, comment il a été obtenu, sa validité, ses justificatifs et l’historique',
    handler: ({ deps, user }) => familyQuotientView(deps, user!.familyId!),
  },
  {
    method: 'GET', path: '/api/tariffs', roles: ['parent'],
    summary: 'Mes tarifs : la grille de chaque activité pour l’année scolaire, avec la tranche et le prix de la famille',
    handler: ({ deps, user }) => familyTariffs(deps, user!.familyId!),
  },
  {
    method: 'GET', path: '/api/agent/families/:id/quotient', roles: [...STAFF], params: familyParams,
    summary: 'Fiche quotient d’une famille (agents)',
    handler: async ({ deps, params }) => {
      if (!(await deps.db('families').where({ id: params.id }).first('id'))) throw notFound('Famille');
      return familyQuotientView(deps, params.id, { withRecorder: true });
    },
  },
  {
    method: 'POST', path: '/api/agent/families/:id/quotient', roles: [...STAFF], params: familyParams, body: recordBody,
    sampleBody: { value: 500, validFrom: '2026-09-01', note: 'Attestation CAF' },
    summary: 'Enregistrer ou corriger le quotient d’une famille (agents ; audité)',
    handler: async ({ deps, user, params, body }) => {
      await recordByAgent(deps, user!, params.id, body);
      return new Reply(201, await familyQuotientView(deps, params.id, { withRecorder: true }));
    },
  },
];
