// What the json-logic of a definition reads, beyond the facts: the answers, the lookup items
// they chose (selections), which prefilled answers the parent changed (changed), and the
// school year a dossier started now is for (targetSchoolYear). Built in one place so that
// prerequisites, justificatif conditions, effects and mails see the same names.
import type { CompiledProcedure } from './compile.js';
import { selectionsOf } from './lookups.js';
import { getAt } from './pointer.js';
import { targetSchoolYearOn } from './target-year.js';
import type { Facts } from './types.js';

export interface RuleData extends Facts {
  answers: Record<string, unknown>;
  selections: Record<string, Record<string, unknown>[]>;
  changed: Record<string, boolean>;
  targetSchoolYear?: string;
}

/** Facts, answers and what the engine derives from them, for any rule of a démarche. */
// Within one transition several guards and actions ask for the same data: it is built once
// per (procedure, answers, facts) — objects the engine never mutates.
const memo = new WeakMap<object, WeakMap<object, WeakMap<object, RuleData>>>();

export function ruleData(procedure: CompiledProcedure, answers: Record<string, unknown>, facts: Facts): RuleData {
  let byAnswers = memo.get(procedure);
  if (!byAnswers) memo.set(procedure, (byAnswers = new WeakMap()));
  let byFacts = byAnswers.get(answers);
  if (!byFacts) byAnswers.set(answers, (byFacts = new WeakMap()));
  let data = byFacts.get(facts);
  if (!data) byFacts.set(facts, (data = buildRuleData(procedure, answers, facts)));
  return data;
}

function buildRuleData(procedure: CompiledProcedure, answers: Record<string, unknown>, facts: Facts): RuleData {
  return {
    ...facts,
    child: facts.child ?? null,
    answers,
    selections: selectionsOf(procedure, answers, facts),
    changed: changedAnswers(procedure, answers, facts),
    targetSchoolYear: targetSchoolYear(procedure, facts),
  };
}

/** The dotted name under which a prefilled answer appears in changed ("/medecin/nom" → "medecin.nom"). */
export function changedKey(answerPointer: string): string {
  return answerPointer.slice(1).split('/').join('.');
}

/**
 * For each prefilled answer, whether it now differs from what the household record gives
 * (a first declaration counts as a change). Keys are the prefill answer paths, dotted.
 */
export function changedAnswers(procedure: CompiledProcedure, answers: Record<string, unknown>, facts: Facts): Record<string, boolean> {
  const mappings = procedure.spec.prefill ?? [];
  if (mappings.length === 0) return {};
  const recorded = procedure.prefill({ family: facts.family, child: facts.child ?? undefined });
  const out: Record<string, boolean> = {};
  for (const m of mappings) {
    out[changedKey(m.answer)] = comparable(getAt(answers, m.answer)) !== comparable(getAt(recorded, m.answer));
  }
  return out;
}

/** Empty values (absent, null, "", [], {}) compare equal to each other. */
function comparable(value: unknown): string {
  const isEmpty =
    value === undefined || value === null || value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  return isEmpty ? '' : stableJson(value);
}

/** JSON with sorted keys (compile.ts has the same for version ids; not imported, to keep imports one-way). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The school year a dossier started now is for (engine/target-year.ts); undefined without today. */
export function targetSchoolYear(procedure: CompiledProcedure, facts: Facts): string | undefined {
  const today = typeof facts.today === 'string' ? facts.today : undefined;
  if (!today) return typeof facts.schoolYear === 'string' ? facts.schoolYear : undefined;
  return targetSchoolYearOn(procedure, today);
}
