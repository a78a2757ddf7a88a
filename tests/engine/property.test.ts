// Property: whatever events arrive in whatever order, on every shipped démarche, a dossier
// never reaches a status its workflow does not define, and is never accepted with answers
// that fail its schema or without its required justificatifs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { start, transition, missingJustificatifs, type DossierState, type EngineEvent, type Facts } from '../../engine/index.js';
import type { Scenario } from '../../engine/scenario.js';
import { shippedDefinitions } from '../helpers/definitions.js';

const { set, catalog } = await shippedDefinitions();
const NOW = new Date('2026-10-01T08:00:00Z');

/** Answers and facts that the démarche's own scenarios use: realistic seeds to mutate. */
function seedsOf(code: string) {
  const files = set.procedures.find((p) => (p.procedure as { code: string }).code === code)!;
  const scenarios = Object.values(files.scenarios ?? {}) as Scenario[];
  const answers = scenarios.flatMap((s) => s.steps.flatMap((st) => (st.event?.type === 'SAVE' ? [st.event.answers ?? {}] : [])));
  const facts = scenarios.flatMap((s) => [s.facts, ...s.steps.flatMap((st) => (st.facts ? [st.facts] : []))]);
  return { answers: answers.length ? answers : [{}], facts: facts.length ? facts : [{ family: {}, dossiers: {} } as Facts] };
}

function mutated(seed: Record<string, unknown>) {
  return fc.oneof(
    fc.constant(seed),
    fc.record({ drop: fc.constantFrom(...Object.keys(seed), 'none'), value: fc.jsonValue({ maxDepth: 2 }), key: fc.constantFrom(...Object.keys(seed), 'intrus') }).map(
      ({ drop, value, key }) => {
        const copy: Record<string, unknown> = structuredClone(seed);
        if (drop !== 'none') delete copy[drop];
        copy[key] = value;
        return copy;
      },
    ),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );
}

function eventArb(code: string, answers: Record<string, unknown>[]): fc.Arbitrary<EngineEvent> {
  const procedure = catalog.byCode.get(code)!;
  const keys = [...procedure.justificatifByKey.keys(), 'inconnue'];
  const fields = [...procedure.fieldPointers, '/inconnu'];
  return fc.oneof(
    fc.constant({ type: 'CONFIRM_NOTICE' }),
    fc.constantFrom(...answers).chain(mutated).map((a) => ({ type: 'SAVE', answers: a, step: 0 })),
    fc.record({
      key: fc.constantFrom(...keys),
      type: fc.constantFrom('application/pdf', 'image/jpeg', 'text/html'),
      size: fc.oneof(fc.integer({ min: 1, max: 3_145_728 }), fc.constant(0), fc.constant(3_145_729)),
      id: fc.constantFrom('f1', 'f2'),
    }).map(({ key, type, size, id }) => ({ type: 'ATTACH', key, file: { id, name: 'piece', type, size } })),
    fc.record({ key: fc.constantFrom(...keys), fileId: fc.constantFrom('f1', 'f2') }).map((e) => ({ type: 'DETACH', ...e })),
    fc.constant({ type: 'SUBMIT' }),
    fc.constant({ type: 'ACCEPT' }),
    fc.option(fc.string({ maxLength: 20 })).map((reason) => ({ type: 'REJECT', reason: reason ?? undefined })),
    fc.record({ fields: fc.subarray(fields), justificatifs: fc.subarray(keys), message: fc.constantFrom('', 'Merci de corriger.') }).map((e) => ({
      type: 'REQUEST_CORRECTION',
      ...e,
    })),
    fc.constantFrom({ type: 'ABANDON' }, { type: 'ENVOLER' }),
  );
}

describe('propriété des workflows livrés', () => {
  let acceptedRuns = 0;

  for (const procedure of catalog.procedures) {
    it(`${procedure.code} — aucun état indéfini, aucune acceptation d'un dossier invalide`, () => {
      const seeds = seedsOf(procedure.code);
      const states = new Set(Object.keys(procedure.workflow.states));
      fc.assert(
        fc.property(fc.constantFrom(...seeds.facts), fc.array(eventArb(procedure.code, seeds.answers), { maxLength: 25 }), (facts, events) => {
          const started = start(procedure, facts, NOW);
          if (!started.ok) return;
          let state: DossierState = started.state;
          for (const event of events) {
            const result = transition(procedure, state, event, facts, NOW);
            if (!result.ok) continue;
            state = result.state;
            expect(states.has(state.status)).toBe(true);
            if (state.status === 'accepted') {
              acceptedRuns++;
              expect(procedure.validate(state.answers)).toBe(true);
              expect(missingJustificatifs(procedure, state)).toEqual([]);
              expect(state.noticeConfirmed).toBe(true);
            }
          }
        }),
        { numRuns: 150, seed: 20261129 },
      );
    });
  }

  it('les séquences aléatoires atteignent bien des dossiers acceptés (la propriété n’est pas vide)', () => {
    expect(acceptedRuns).toBeGreaterThan(0);
  });
});
