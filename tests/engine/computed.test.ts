// Computed answers (procedure.json "computed"): evaluated by the engine over answers and facts,
// at start, on SAVE and at submission — a value sent by the client is never kept — and checked
// by the definition checker (file + pointer for bad json-logic or unknown fields).
import { describe, expect, it } from 'vitest';
import {
  applyComputed, computedInputs, loadDefinitions, start, transition, withComputedReadOnly,
  type DefinitionIssue, type DefinitionSet, type DossierState, type Facts,
} from '../../engine/index.js';
import { validSet } from '../helpers/fixtures.js';

type Any = Record<string, any>;
const NOW = new Date('2026-10-01T08:00:00Z');
const children = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, firstName: `E${i}` }));
const facts = (n = 2): Facts => ({ family: { id: 'f1', name: 'Martin', address: { city: 'Prades' }, children: children(n) }, dossiers: {} });

const PARTS = {
  '+': [2,
    { if: [{ '>=': [{ var: 'answers.foyer.enfants' }, 1] }, 0.5, 0] },
    { if: [{ '>=': [{ var: 'answers.foyer.enfants' }, 2] }, 0.5, 0] },
    { if: [{ '>=': [{ var: 'answers.foyer.enfants' }, 3] }, 1, 0] },
    { '*': [0.5, { max: [0, { '-': [{ var: 'answers.foyer.enfants' }, 3] }] }] }],
};
const COMPUTED = [
  { answer: '/foyer/enfants', rule: { reduce: [{ var: 'family.children' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } },
  { answer: '/foyer/parts', rule: PARTS },
  {
    answer: '/quotient',
    rule: { if: [{ and: [{ '!=': [{ var: 'answers.revenus' }, null] }, { '>': [{ var: 'answers.foyer.parts' }, 0] }] }, { '/': [{ '+': [{ '/': [{ var: 'answers.revenus' }, 12] }, { var: 'answers.prestations' }] }, { var: 'answers.foyer.parts' }] }, null] },
    decimals: 2,
  },
];

function withComputed(set: DefinitionSet = validSet()): DefinitionSet {
  const p = set.procedures[0];
  const s = p.schema as Any;
  s.properties.revenus = { type: 'number', minimum: 0 };
  s.properties.prestations = { type: 'number', minimum: 0, default: 0 };
  s.properties.foyer = { type: 'object', properties: { enfants: { type: 'integer' }, parts: { type: 'number' } } };
  s.properties.quotient = { type: 'number' };
  s.required.push('quotient');
  (p.uischema as Any).elements[0].elements.push(
    { type: 'Control', scope: '#/properties/revenus' },
    { type: 'Control', scope: '#/properties/prestations' },
    { type: 'Control', scope: '#/properties/foyer/properties/parts' },
    { type: 'Control', scope: '#/properties/quotient' },
  );
  (p.procedure as Any).computed = structuredClone(COMPUTED);
  return set;
}

function catalog(set = withComputed()) {
  const { catalog, issues } = loadDefinitions(set);
  if (!catalog) throw new Error(JSON.stringify(issues, null, 1));
  return catalog;
}

function started(f = facts()): DossierState {
  const result = start(catalog().byCode.get('90')!, f, NOW);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.state;
}

describe('valeurs calculées', () => {
  it('sont calculées dès le démarrage, à partir des faits (nombre d’enfants, parts)', () => {
    const state = started(facts(3));
    expect(state.answers).toMatchObject({ foyer: { enfants: 3, parts: 4 }, prestations: 0 });
    expect(state.answers).not.toHaveProperty('quotient'); // no income yet: nothing computed
  });

  it('sont recalculées à l’enregistrement : une valeur falsifiée est remplacée', () => {
    const procedure = catalog().byCode.get('90')!;
    const state = { ...started(), noticeConfirmed: true };
    const forged = { nom: 'Léa', revenus: 36_000, prestations: 132.35, foyer: { enfants: 9, parts: 9 }, quotient: 1 };
    const result = transition(procedure, state, { type: 'SAVE', answers: forged }, facts(2), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 2 children → 3 parts; (3000 + 132.35) / 3 = 1044.1166… → 1044.12
    expect(result.state.answers).toMatchObject({ foyer: { enfants: 2, parts: 3 }, quotient: 1044.12 });
  });

  it('une réponse qui rend le calcul impossible retire la valeur (le schéma la réclame alors)', () => {
    const procedure = catalog().byCode.get('90')!;
    const state = { ...started(), noticeConfirmed: true };
    const result = transition(procedure, state, { type: 'SAVE', answers: { nom: 'Léa', quotient: 700 } }, facts(2), NOW);
    expect(result.ok && result.state.answers.quotient).toBe(undefined);
  });

  it('sont recalculées à la soumission avec les faits du moment', () => {
    const procedure = catalog().byCode.get('90')!;
    const state: DossierState = {
      ...started(facts(1)), noticeConfirmed: true,
      answers: { nom: 'Léa', adresse: { ville: 'Ria' }, revenus: 30_000, prestations: 0, foyer: { enfants: 1, parts: 2.5 }, quotient: 1000 },
      attachments: { piece: [{ id: 'a1', name: 'p.pdf', type: 'application/pdf', size: 10 }] },
    };
    // A third child declared meanwhile: 4 parts at submission.
    const result = transition(procedure, state, { type: 'SUBMIT' }, facts(3), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.status).not.toBe('draft');
    expect(result.state.answers).toMatchObject({ foyer: { enfants: 3, parts: 4 }, quotient: 625 });
    // Once submitted the values are those the agent reviews: an agent event does not recompute them.
    const accepted = transition(procedure, result.state, { type: 'ACCEPT', actor: { id: 'a', role: 'agent' } }, facts(5), NOW);
    expect(accepted.ok && accepted.state.answers.quotient).toBe(625);
  });

  it('ne bloquent pas une correction limitée aux champs signalés', () => {
    const procedure = catalog().byCode.get('90')!;
    const state: DossierState = {
      ...started(), noticeConfirmed: true,
      answers: { nom: 'Léa', revenus: 30_000, prestations: 0, foyer: { enfants: 2, parts: 3 }, quotient: 833.33 },
      correction: { fields: ['/revenus'], justificatifs: [], message: 'Revenus à corriger' },
    };
    const ok = transition(procedure, state, { type: 'SAVE', answers: { ...state.answers, revenus: 24_000 } }, facts(2), NOW);
    expect(ok.ok && ok.state.answers.quotient).toBe(666.67);
    const locked = transition(procedure, state, { type: 'SAVE', answers: { ...state.answers, nom: 'Zoé' } }, facts(2), NOW);
    expect(locked).toMatchObject({ ok: false, refusal: { code: 'NOT_EDITABLE' } });
  });

  it('le client reçoit de quoi recalculer en direct, et les champs en lecture seule', () => {
    const inputs = computedInputs(COMPUTED, { ...facts(2), answers: {} });
    expect(inputs).toEqual({ family: { children: children(2) } });
    expect(applyComputed(COMPUTED, { revenus: 24_000, prestations: 0 }, inputs)).toEqual({ revenus: 24_000, prestations: 0, foyer: { enfants: 2, parts: 3 }, quotient: 666.67 });
    const schema = withComputedReadOnly(withComputed().procedures[0].schema as Any, COMPUTED) as Any;
    expect(schema.properties.quotient.readOnly).toBe(true);
    expect(schema.properties.foyer.properties.parts.readOnly).toBe(true);
    expect(schema.properties.revenus.readOnly).toBeUndefined();
  });
});

function issuesOf(mutate: (p: Any, s: Any) => void): DefinitionIssue[] {
  const set = withComputed();
  mutate(set.procedures[0].procedure as Any, set.procedures[0].schema as Any);
  return loadDefinitions(set).issues;
}

describe('vérification des valeurs calculées', () => {
  const P = '90-exemple/procedure.json';
  it.each<[string, (p: Any, s: Any) => void, string, string]>([
    ['opérateur json-logic inconnu', (p) => (p.computed[2].rule = { round: [{ var: 'answers.revenus' }] }), '#/computed/2/rule', 'UNKNOWN_OPERATOR'],
    ['réponse lue absente du schéma', (p) => (p.computed[2].rule = { var: 'answers.salaire' }), '#/computed/2/rule/var', 'UNKNOWN_FIELD'],
    ['fait inconnu', (p) => (p.computed[0].rule = { var: 'family.enfantsACharge' }), '#/computed/0/rule/var', 'UNKNOWN_FIELD'],
    ['cible absente du schéma', (p) => (p.computed[1].answer = '/foyer/nbParts'), '#/computed/1/answer', 'UNKNOWN_FIELD'],
    ['cible de type objet', (p) => (p.computed[0].answer = '/foyer'), '#/computed/0/answer', 'UNKNOWN_FIELD'],
    ['valeur lue avant d’être calculée', (p) => p.computed.reverse(), '#/computed/0/rule/if/0/and/1/>/0/var', 'UNKNOWN_FIELD'],
    ['décimales hors bornes (méta-schéma)', (p) => (p.computed[2].decimals = 9), '#/computed/2/decimals', 'META_SCHEMA'],
  ])('%s', (_name, mutate, pointer, code) => {
    const issues = issuesOf(mutate);
    const match = issues.find((i) => i.file === P && i.pointer === pointer && i.code === code);
    expect(match, issues.map((i) => `${i.file}${i.pointer} [${i.code}] ${i.message}`).join('\n')).toBeTruthy();
  });

  it('le jeu avec valeurs calculées est sain', () => {
    expect(loadDefinitions(withComputed()).issues).toEqual([]);
  });
});
