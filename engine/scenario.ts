// The scenario runner: plays a démarche's scenarios/*.json (answers + events ⇒ expected
// states, refusals, effects, mails) against the engine and lists every mismatch.
import { start, transition, resumeStep } from './interpret.js';
import type { CompiledProcedure } from './compile.js';
import type { DossierState, Effect, EngineEvent, Facts, Refusal } from './types.js';

export interface ScenarioStep {
  start?: true;
  event?: EngineEvent;
  facts?: Facts;
  now?: string;
  expect?: {
    status?: string;
    refusal?: { code: string; messageContains?: string; paths?: string[]; doFirst?: string };
    answers?: Record<string, unknown>;
    effects?: Record<string, unknown>[];
    noEffects?: boolean;
    mails?: { template: string; subjectContains?: string; bodyContains?: string }[];
    step?: number;
  };
}

export interface Scenario {
  description: string;
  now?: string;
  facts: Facts;
  steps: ScenarioStep[];
}

export const DEFAULT_SCENARIO_NOW = '2026-10-01T08:00:00Z';

/** Runs one scenario; returns the list of failures (empty when it passes). */
export function runScenario(procedure: CompiledProcedure, scenario: Scenario): string[] {
  const failures: string[] = [];
  let facts = scenario.facts;
  let now = new Date(scenario.now ?? DEFAULT_SCENARIO_NOW);
  let state: DossierState | undefined;
  scenario.steps.forEach((step, index) => {
    const where = `étape ${index + 1}${step.event ? ` (${step.event.type})` : step.start ? ' (start)' : ''}`;
    if (step.facts) facts = step.facts;
    if (step.now) now = new Date(step.now);
    let result;
    if (step.start) result = start(procedure, facts, now);
    else if (step.event) {
      if (!state) {
        failures.push(`${where}: aucun dossier démarré avant cet événement`);
        return;
      }
      result = transition(procedure, state, step.event, facts, now);
    } else return;
    const expect = step.expect ?? {};
    if (result.ok) {
      state = result.state;
      if (expect.refusal) failures.push(`${where}: refus ${expect.refusal.code} attendu, accepté (statut ${state.status})`);
    } else {
      if (!expect.refusal) failures.push(`${where}: refusé de façon inattendue : ${result.refusal.code} — ${result.refusal.message}`);
      else failures.push(...refusalMismatch(where, result.refusal, expect.refusal));
    }
    if (expect.status && state?.status !== expect.status) {
      failures.push(`${where}: statut « ${expect.status} » attendu, obtenu « ${state?.status} »`);
    }
    if (expect.step !== undefined && state && resumeStep(procedure, state) !== expect.step) {
      failures.push(`${where}: reprise à l'étape ${expect.step} attendue, obtenu ${resumeStep(procedure, state)}`);
    }
    if (expect.answers && state && !contains(state.answers, expect.answers)) {
      failures.push(`${where}: réponses attendues ${JSON.stringify(expect.answers)}, obtenu ${JSON.stringify(state.answers)}`);
    }
    const effects: Effect[] = result.ok ? result.effects : [];
    if (expect.noEffects && effects.length > 0) failures.push(`${where}: aucun effet attendu, obtenu ${JSON.stringify(effects)}`);
    for (const wanted of expect.effects ?? []) {
      if (!effects.some((e) => contains(e, wanted))) {
        failures.push(`${where}: effet attendu ${JSON.stringify(wanted)} absent de ${JSON.stringify(effects)}`);
      }
    }
    if (expect.mails) {
      const mails = effects.filter((e) => e.kind === 'mail') as Extract<Effect, { kind: 'mail' }>[];
      if (mails.length !== expect.mails.length) {
        failures.push(`${where}: ${expect.mails.length} mail(s) attendu(s), ${mails.length} produit(s) (${mails.map((m) => m.template).join(', ')})`);
      }
      expect.mails.forEach((wanted, i) => {
        const mail = mails[i];
        if (!mail) return;
        if (mail.template !== wanted.template) failures.push(`${where}: mail ${i + 1} « ${wanted.template} » attendu, obtenu « ${mail.template} »`);
        if (wanted.subjectContains && !mail.subject.includes(wanted.subjectContains)) {
          failures.push(`${where}: l'objet « ${mail.subject} » ne contient pas « ${wanted.subjectContains} »`);
        }
        if (wanted.bodyContains && !mail.body.includes(wanted.bodyContains)) {
          failures.push(`${where}: le corps du mail ne contient pas « ${wanted.bodyContains} »`);
        }
      });
    }
  });
  return failures;
}

function refusalMismatch(
  where: string,
  got: Refusal,
  wanted: { code: string; messageContains?: string; paths?: string[]; doFirst?: string },
): string[] {
  const out: string[] = [];
  if (got.code !== wanted.code) out.push(`${where}: refus ${wanted.code} attendu, obtenu ${got.code} — ${got.message}`);
  if (wanted.messageContains && !got.message.includes(wanted.messageContains)) {
    out.push(`${where}: le message « ${got.message} » ne contient pas « ${wanted.messageContains} »`);
  }
  for (const path of wanted.paths ?? []) {
    const details = (got.details ?? []) as { instancePath?: string; params?: { missingProperty?: string } }[];
    const found = details.some((d) => {
      const p = d.params?.missingProperty !== undefined ? `${d.instancePath}/${d.params.missingProperty}` : d.instancePath;
      return p === path;
    });
    if (!found) out.push(`${where}: erreur attendue sur « ${path} », absente de ${JSON.stringify(details.map((d) => d.instancePath))}`);
  }
  if (wanted.doFirst !== undefined) {
    const offered = ((got.details ?? []) as { doFirst?: string }[]).map((d) => d.doFirst).filter(Boolean);
    if (!offered.includes(wanted.doFirst)) out.push(`${where}: démarche à faire d'abord « ${wanted.doFirst} » attendue, proposées : ${JSON.stringify(offered)}`);
  }
  return out;
}

/** Deep partial match: every key of `wanted` is in `actual` with a matching value. */
export function contains(actual: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== 'object') return actual === wanted;
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && wanted.length === actual.length && wanted.every((w, i) => contains(actual[i], w));
  }
  if (!actual || typeof actual !== 'object') return false;
  return Object.entries(wanted).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}
