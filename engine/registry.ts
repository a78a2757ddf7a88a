// The registry: every guard, action and named effect a definition may name.
// Workflows refer to these by name; the checker refuses any other name at load.
import { evaluate, isTruthy } from './logic.js';
import { toFieldErrors, errorPointer } from './ajv.js';
import { renderTemplate } from './template.js';
import { lookupErrors } from './lookups.js';
import { maskedAnswers } from './masking.js';
import { ruleData } from './rule-data.js';
import type { CompiledProcedure } from './compile.js';
import type { DossierState, Effect, EngineEvent, Facts, Refusal } from './types.js';

/** What a guard or an action sees: the compiled démarche, the dossier, the event, the facts. */
export interface EvalContext {
  procedure: CompiledProcedure;
  state: DossierState;
  event: EngineEvent;
  facts: Facts;
  now: Date;
}

/** A guard answers true, or false with the refusal that explains why (when the parent or agent can act on it). */
export type GuardResult = true | Refusal | false;

export interface GuardSpec {
  description: string;
  evaluate(ctx: EvalContext, params?: Record<string, unknown>): GuardResult;
}

export interface ActionSpec {
  description: string;
  /** Returns the dossier state after the action and the effects it produces. */
  run(ctx: EvalContext, params: Record<string, unknown> | undefined): { state: DossierState; effects: Effect[] };
}

export interface NamedEffectSpec {
  description: string;
  params: Record<string, { required: boolean; description: string }>;
}

const checkEligibility: GuardSpec['evaluate'] = (ctx) => {
  // At submission the rules also see the answers and their selections (e.g. a school activity chosen).
  const unmet = unmetPrerequisites(ctx.procedure, ruleData(ctx.procedure, ctx.state.answers, ctx.facts));
  if (unmet.length > 0) {
    return {
      code: 'PREREQUISITE_NOT_MET',
      message: unmet.map((p) => p.message).join(' '),
      details: unmet,
    };
  }
  return availabilityRefusal(ctx.procedure, ctx.facts, 'submit') ?? true;
};

const checkNotice: GuardSpec['evaluate'] = (ctx) =>
  ctx.state.noticeConfirmed
    ? true
    : {
        code: 'NOTICE_NOT_CONFIRMED',
        message: 'Vous devez confirmer avoir pris connaissance des informations légales pour poursuivre.',
      };

const checkAnswers: GuardSpec['evaluate'] = (ctx) => {
  const errors = validateAnswers(ctx.procedure, ctx.state.answers, ctx.facts);
  if (errors.length === 0) return true;
  return {
    code: 'INVALID_DATA',
    message: `Certaines réponses sont à compléter ou à corriger (${errors.length}).`,
    details: errors,
  };
};

const checkJustificatifs: GuardSpec['evaluate'] = (ctx) => {
  const missing = missingJustificatifs(ctx.procedure, ctx.state, ctx.facts);
  if (missing.length === 0) return true;
  return {
    code: 'JUSTIFICATIF_MISSING',
    message: `Pièce(s) justificative(s) obligatoire(s) manquante(s) : ${missing.map((j) => j.label).join(', ')}.`,
    details: missing.map((j) => ({ key: j.key, label: j.label })),
  };
};

export const guards: Record<string, GuardSpec> = {
  isEligible: {
    description: 'The prerequisites hold and the démarche is still open (checked again at submission).',
    evaluate: checkEligibility,
  },
  hasConfirmedNotice: { description: 'The parent confirmed the legal notice.', evaluate: checkNotice },
  hasValidAnswers: {
    description: 'The answers satisfy schema.json in full, and every x-lookup answer is among the options the facts allow.',
    evaluate: checkAnswers,
  },
  hasRequiredJustificatifs: {
    description:
      'Every required justificatif (or conditionally required one whose condition, over answers, selections, changed and the facts, holds) has a file.',
    evaluate: checkJustificatifs,
  },
  canSubmit: {
    description: 'isEligible, hasConfirmedNotice, hasValidAnswers and hasRequiredJustificatifs, in that order.',
    evaluate: (ctx) => {
      for (const check of [checkEligibility, checkNotice, checkAnswers, checkJustificatifs]) {
        const result = check(ctx);
        if (result !== true) return result;
      }
      return true;
    },
  },
  isAutomaticReview: {
    description: 'procedure.json says review: automatic.',
    evaluate: (ctx) => ctx.procedure.spec.review === 'automatic',
  },
  isAgentReview: {
    description: 'procedure.json says review: agent.',
    evaluate: (ctx) => ctx.procedure.spec.review === 'agent',
  },
  hasReason: {
    description: 'The event carries a non-empty reason (a rejection must say why).',
    evaluate: (ctx) =>
      typeof ctx.event.reason === 'string' && ctx.event.reason.trim().length >= 3
        ? true
        : { code: 'REASON_REQUIRED', message: 'Le motif est obligatoire.', details: [{ instancePath: '/reason' }] },
  },
  hasCorrectionItems: {
    description: 'A correction request names at least one field or justificatif, and a message.',
    evaluate: (ctx) => correctionRefusal(ctx) ?? true,
  },
};

function correctionRefusal(ctx: EvalContext): Refusal | undefined {
  const fields = Array.isArray(ctx.event.fields) ? (ctx.event.fields as unknown[]) : [];
  const keys = Array.isArray(ctx.event.justificatifs) ? (ctx.event.justificatifs as unknown[]) : [];
  const message = typeof ctx.event.message === 'string' ? ctx.event.message.trim() : '';
  if (fields.length + keys.length === 0 || message.length < 3) {
    return {
      code: 'CORRECTION_EMPTY',
      message: 'Indiquez au moins un champ ou une pièce à corriger, et un message pour la famille.',
    };
  }
  const known = new Set(ctx.procedure.fieldPointers);
  const unknownField = fields.find((f) => typeof f !== 'string' || !known.has(f));
  const unknownKey = keys.find((k) => typeof k !== 'string' || !ctx.procedure.justificatifByKey.has(k));
  if (unknownField !== undefined || unknownKey !== undefined) {
    return {
      code: 'CORRECTION_EMPTY',
      message: `Élément à corriger inconnu : ${String(unknownField ?? unknownKey)}.`,
    };
  }
  return undefined;
}

export const actions: Record<string, ActionSpec> = {
  notify: {
    description: 'Mails the family the template named by params.template (procedure.json notifications).',
    run: (ctx, params) => {
      const name = String(params?.template ?? '');
      const template = ctx.procedure.spec.notifications[name];
      const data = templateData(ctx);
      return {
        state: ctx.state,
        effects: [
          {
            kind: 'mail',
            template: name,
            to: 'family',
            subject: renderTemplate(template.subject, data),
            body: renderTemplate(template.body, data),
          },
        ],
      };
    },
  },
  applyEffects: {
    description: "Produces the démarche's effects (procedure.json effects) on the household record.",
    run: (ctx) => ({ state: ctx.state, effects: acceptanceEffects(ctx) }),
  },
  recordReason: {
    description: "Keeps the event's reason on the dossier (shown to the parent).",
    run: (ctx) => ({ state: { ...ctx.state, reason: String(ctx.event.reason ?? '').trim() }, effects: [] }),
  },
  recordCorrection: {
    description: 'Keeps the fields and justificatifs the agent asks to correct, and the message.',
    run: (ctx) => ({
      state: {
        ...ctx.state,
        reason: String(ctx.event.message ?? '').trim(),
        correction: {
          fields: (ctx.event.fields as string[] | undefined) ?? [],
          justificatifs: (ctx.event.justificatifs as string[] | undefined) ?? [],
          message: String(ctx.event.message ?? '').trim(),
        },
      },
      effects: [],
    }),
  },
  clearReview: {
    description: 'Forgets the reason and correction request of an earlier review (on resubmission).',
    run: (ctx) => ({ state: { ...ctx.state, reason: null, correction: null }, effects: [] }),
  },
};

export const namedEffects: Record<string, NamedEffectSpec> = {
  createEnrolments: {
    description: 'Enrols a child in activities for a school year (an enrolment, not a booking).',
    params: {
      childId: { required: true, description: 'The child.' },
      activityIds: { required: true, description: 'List of activity ids.' },
      schoolYear: { required: false, description: 'School year; default the current one.' },
      authorizations: { required: false, description: 'Parental authorisations given with the enrolment (object of booleans: outings, photos, going home alone…).' },
    },
  },
  createMandate: {
    description: 'Creates a SEPA direct-debit mandate (RUM assigned by the server) and its PDF.',
    params: {
      holder: { required: true, description: 'Account holder.' },
      iban: { required: true, description: 'IBAN (stored encrypted).' },
      bic: { required: false, description: 'BIC.' },
      activityIds: { required: false, description: 'Activities concerned; absent or empty: all.' },
      enrolmentIds: { required: false, description: 'Enrolments concerned (ids); absent or empty: every enrolment of the family, present and future.' },
      address: { required: false, description: "Debtor's postal address printed on the mandate: an object whose values, in order, are its parts (e.g. the answer {rue, complement, codePostal, commune})." },
      signatureDate: { required: false, description: 'Default: the day of acceptance.' },
    },
  },
  recordSchooling: {
    description: 'Attaches a child to a school and class for a school year.',
    params: {
      childId: { required: true, description: 'The child.' },
      schoolId: { required: true, description: 'School id.' },
      schoolName: { required: false, description: 'School name, kept on the record.' },
      classId: { required: false, description: 'Class id.' },
      className: { required: false, description: 'Class (CP, CE1…).' },
      level: { required: false, description: 'maternelle or elementaire.' },
      schoolYear: { required: false, description: 'Default: the current one.' },
    },
  },
  recordFlatRate: {
    description: "Records a child's canteen flat rate (forfait) for a school year, for billing.",
    params: {
      childId: { required: true, description: 'The child.' },
      activityId: { required: true, description: 'The canteen activity.' },
      weekdays: { required: true, description: 'Days of the week (1 = Monday … 5 = Friday).' },
      schoolYear: { required: false, description: 'Default: the current one.' },
    },
  },
  recordQuotient: {
    description: 'Records the family quotient with how it was obtained and its validity (family_quotients; the dossier and its justificatifs are kept as the proof; Mon Quotient shows it).',
    params: {
      value: { required: true, description: 'Quotient in euros (rounded to the cent).' },
      annualIncome: { required: false, description: 'Annual taxable income (revenu fiscal de référence), euros.' },
      monthlyBenefits: { required: false, description: 'Monthly family benefits, euros.' },
      parts: { required: false, description: 'Number of parts.' },
      children: { required: false, description: 'Number of children the parts were counted from.' },
      validFrom: { required: false, description: 'Default: the day of acceptance.' },
      validTo: { required: false, description: 'Default: end of the school year.' },
    },
  },
};

// ---- helpers shared with the interpreter -------------------------------------------------

/**
 * Field errors of complete answers: schema.json, then — when the facts are given — every
 * x-lookup answer not among the options the facts allow (engine/lookups.ts).
 */
export function validateAnswers(procedure: CompiledProcedure, answers: unknown, facts?: Facts) {
  const ok = procedure.validate(answers);
  const errors = ok ? [] : toFieldErrors(procedure.validate.errors);
  if (!facts) return errors;
  const taken = new Set(errors.map((e) => e.instancePath));
  return [...errors, ...lookupErrors(procedure, answers, facts).filter((e) => !taken.has(e.instancePath))];
}

/** The justificatifs required for these answers (and facts) that have no file yet. */
export function missingJustificatifs(procedure: CompiledProcedure, state: DossierState, facts?: Facts) {
  const data = ruleData(procedure, state.answers, facts ?? { family: {}, dossiers: {} });
  return procedure.justificatifs.filter(
    (j) => isJustificatifRequired(j.required, state.answers, data) && (state.attachments[j.key]?.length ?? 0) === 0,
  );
}

/**
 * Whether a justificatif is required: true, false, or its json-logic condition over `data`
 * (rule-data.ts: answers, selections, changed and the facts); without data, over the answers only.
 */
export function isJustificatifRequired(required: unknown, answers: unknown, data?: Record<string, unknown>): boolean {
  if (typeof required === 'boolean') return required;
  return isTruthy(evaluate(required, data ?? { answers }));
}

/** The prerequisites whose rule fails over `facts` (at submission: ruleData, with the answers). */
export function unmetPrerequisites(procedure: CompiledProcedure, facts: Facts) {
  return (procedure.spec.prerequisites ?? [])
    .filter((p) => !isTruthy(evaluate(p.rule, facts)))
    .map((p) => ({ id: p.id, message: p.message, doFirst: p.doFirst }));
}

/** Why the démarche can't be started (or submitted) now, or undefined. */
export function availabilityRefusal(
  procedure: CompiledProcedure,
  facts: Facts,
  moment: 'start' | 'submit',
): Refusal | undefined {
  const availability = procedure.spec.availability ?? {};
  const today = String(facts.today);
  const bounds = procedure.window(today);
  if (bounds.opens && today < bounds.opens) {
    return { code: 'NOT_AVAILABLE', message: `Cette démarche sera disponible à partir du ${frenchDay(bounds.opens)}.` };
  }
  if (bounds.closes && today > bounds.closes) {
    return { code: 'NOT_AVAILABLE', message: `Cette démarche n'est plus disponible depuis le ${frenchDay(bounds.closes)}.` };
  }
  if (moment === 'submit') return undefined;
  const subjectFacts =
    procedure.spec.subject === 'child'
      ? ((facts.child?.dossiers as Record<string, Record<string, unknown>> | undefined)?.[procedure.spec.code] ?? {})
      : (facts.dossiers[procedure.spec.code] ?? {});
  const frequency = availability.frequency ?? 'unlimited';
  if (frequency === 'oncePerSchoolYear' && subjectFacts.acceptedThisSchoolYear) {
    return { code: 'NOT_AVAILABLE', message: 'Cette démarche a déjà été acceptée pour cette année scolaire.' };
  }
  if (frequency === 'once' && subjectFacts.accepted) {
    return { code: 'NOT_AVAILABLE', message: 'Cette démarche a déjà été acceptée ; elle ne se fait qu’une fois.' };
  }
  if (frequency !== 'unlimited' && subjectFacts.openThisSchoolYear) {
    return {
      code: 'NOT_AVAILABLE',
      message: 'Une demande est déjà en cours pour cette démarche : reprenez-la depuis « Mes démarches en cours ».',
    };
  }
  return undefined;
}

function frenchDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** What a mail template reads; x-masked answers (IBAN…) are masked, never written in full. */
function templateData(ctx: EvalContext) {
  const data = ruleData(ctx.procedure, ctx.state.answers, ctx.facts);
  return {
    family: ctx.facts.family,
    child: ctx.facts.child ?? {},
    dossier: (ctx.facts.dossier as Record<string, unknown> | undefined) ?? {},
    procedure: { code: ctx.procedure.spec.code, title: ctx.procedure.spec.title },
    reason: ctx.state.reason ?? (typeof ctx.event.reason === 'string' ? ctx.event.reason : '') ?? '',
    answers: maskedAnswers(ctx.procedure, ctx.state.answers),
    selections: data.selections,
    schoolYear: ctx.facts.schoolYear,
    targetSchoolYear: data.targetSchoolYear,
  };
}

function effectData(ctx: EvalContext) {
  const data = ruleData(ctx.procedure, ctx.state.answers, ctx.facts);
  return {
    answers: ctx.state.answers,
    family: ctx.facts.family,
    child: ctx.facts.child ?? null,
    dossier: (ctx.facts.dossier as Record<string, unknown> | undefined) ?? {},
    schoolYear: ctx.facts.schoolYear,
    today: ctx.facts.today,
    selections: data.selections,
    changed: data.changed,
    targetSchoolYear: data.targetSchoolYear,
  };
}

function acceptanceEffects(ctx: EvalContext): Effect[] {
  const data = effectData(ctx);
  const out: Effect[] = [];
  for (const spec of ctx.procedure.spec.effects ?? []) {
    if (spec.when !== undefined && !isTruthy(evaluate(spec.when, data))) continue;
    if (spec.kind === 'updateRecord' || spec.kind === 'syncCollection') {
      out.push(ctx.procedure.recordEffect(spec as never, ctx.state.answers));
      continue;
    }
    const params = (spec as { params: Record<string, unknown> }).params;
    const values: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(params)) values[name] = evaluate(rule, data);
    out.push({ kind: spec.kind, ...values });
  }
  return out;
}

export { errorPointer };
