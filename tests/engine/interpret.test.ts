// The interpreter on a small démarche: start (availability, prerequisites, prefill), edits,
// per-step validation, resumption, review decisions and the effects they produce.
import { describe, expect, it } from 'vitest';
import { loadDefinitions, start, transition, validateStep, resumeStep, type DossierState, type Facts } from '../../engine/index.js';
import { validSet } from '../helpers/fixtures.js';

type Any = Record<string, any>;
const NOW = new Date('2026-10-01T08:00:00Z');
const family = { id: 'f1', name: 'Martin', address: { city: 'Prades', street: '1 rue Haute' } };
const facts = (dossiers: Any = {}): Facts => ({ family, dossiers, dossier: { number: '2026-000042' } });

function catalogWith(change: (p90: Any, p91: Any) => void = () => undefined) {
  const set = validSet();
  change(set.procedures[0].procedure as Any, set.procedures[1].procedure as Any);
  const { catalog, issues } = loadDefinitions(set);
  if (!catalog) throw new Error(JSON.stringify(issues));
  return catalog;
}

function ready(state: DossierState, answers: Any = { nom: 'Léa', adresse: { ville: 'Ria' } }): DossierState {
  return { ...state, noticeConfirmed: true, answers, attachments: { piece: [{ id: 'a1', name: 'p.pdf', type: 'application/pdf', size: 10 }] } };
}

function mustStart(code: string, f = facts(), catalog = catalogWith()) {
  const result = start(catalog.byCode.get(code)!, f, NOW);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.state;
}

describe('démarrer une démarche', () => {
  it('pré-remplit les réponses depuis le dossier famille', () => {
    const state = mustStart('90');
    expect(state).toMatchObject({ status: 'draft', answers: { adresse: { ville: 'Prades' } }, noticeConfirmed: false, step: 0 });
  });

  it('refuse un prérequis non rempli en disant quoi faire d’abord', () => {
    const result = start(catalogWith().byCode.get('91')!, facts(), NOW);
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'PREREQUISITE_NOT_MET', message: 'Faites d’abord la démarche 90.', details: [{ id: 'exemple-fait', doFirst: '90' }] },
    });
    expect(start(catalogWith().byCode.get('91')!, facts({ '90': { acceptedThisSchoolYear: true } }), NOW).ok).toBe(true);
  });

  it('respecte la date d’ouverture annuelle (« à compter de juin »)', () => {
    const catalog = catalogWith((p) => (p.availability = { opensOn: '06-01', closesOn: '09-30' }));
    const may = start(catalog.byCode.get('90')!, facts(), new Date('2027-05-31T12:00:00Z'));
    expect(may).toMatchObject({ ok: false, refusal: { code: 'NOT_AVAILABLE', message: expect.stringContaining('01/06/2027') } });
    expect(start(catalog.byCode.get('90')!, facts(), new Date('2027-06-01T08:00:00Z')).ok).toBe(true);
    expect(start(catalog.byCode.get('90')!, facts(), new Date('2027-09-30T08:00:00Z')).ok).toBe(true);
    // 1 October 2026: the window of 2026 closed on 30 September, the next opens on 1 June 2027.
    expect(start(catalog.byCode.get('90')!, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'NOT_AVAILABLE', message: expect.stringContaining('01/06/2027') } });
    const spanning = catalogWith((p) => (p.availability = { opensOn: '06-01', closesOn: '01-31' })).byCode.get('90')!;
    expect(start(spanning, facts(), new Date('2027-01-15T08:00:00Z')).ok).toBe(true);
    expect(start(spanning, facts(), new Date('2027-02-15T08:00:00Z')).ok).toBe(false);
  });

  it('juge la journée à Paris, pas en UTC', () => {
    const catalog = catalogWith((p) => (p.availability = { opensOn: '2027-06-01' }));
    // 22:30 UTC on 31 May is already 1 June in Paris (UTC+2).
    expect(start(catalog.byCode.get('90')!, facts(), new Date('2027-05-31T22:30:00Z')).ok).toBe(true);
    expect(start(catalog.byCode.get('90')!, facts(), new Date('2027-05-31T21:30:00Z')).ok).toBe(false);
  });

  it('une fois par année scolaire : refuse une deuxième demande', () => {
    const catalog = catalogWith((p) => (p.availability = { frequency: 'oncePerSchoolYear' }));
    expect(start(catalog.byCode.get('90')!, facts({ '90': { acceptedThisSchoolYear: true } }), NOW)).toMatchObject({ ok: false, refusal: { code: 'NOT_AVAILABLE' } });
    expect(start(catalog.byCode.get('90')!, facts({ '90': { openThisSchoolYear: true } }), NOW)).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining('Mes démarches en cours') },
    });
    expect(start(catalog.byCode.get('90')!, facts({ '90': { accepted: true } }), NOW).ok).toBe(true);
  });
});

describe('remplir et envoyer', () => {
  const catalog = catalogWith();
  const p90 = catalog.byCode.get('90')!;

  it('liste les étapes de la Categorization et valide une étape seule', () => {
    expect(p90.steps.map((s) => s.label)).toEqual(['Identité', 'Adresse']);
    const state = { ...mustStart('90'), answers: { adresse: { ville: 'P' } } };
    const first = validateStep(p90, state, 0);
    expect(first.errors.map((e) => [e.instancePath, e.keyword, e.message])).toEqual([['', 'required', 'Ce champ est obligatoire.']]);
    expect(first.missingJustificatifs).toEqual([]);
    const second = validateStep(p90, state, 1);
    expect(second.errors.map((e) => e.instancePath)).toEqual(['/adresse/ville']);
    expect(second.errors[0].message).toMatch(/2 caractères/);
    expect(second.missingJustificatifs).toEqual([{ key: 'piece', label: 'Pièce justificative' }]);
  });

  it('une étape signale aussi un objet entier manquant dont elle affiche les champs', () => {
    const state = { ...mustStart('90'), answers: { nom: 'Léa' } };
    expect(validateStep(p90, state, 1).errors.map((e) => `${e.instancePath}:${String(e.params.missingProperty)}`)).toEqual([':adresse']);
    expect(validateStep(p90, state, 0).errors).toEqual([]);
  });

  it('enregistre un brouillon incomplet mais refuse une forme invalide ou un champ inconnu', () => {
    const draft = mustStart('90');
    const partial = transition(p90, draft, { type: 'SAVE', answers: { nom: 'L' }, step: 1 }, facts(), NOW);
    expect(partial).toMatchObject({ ok: true, state: { answers: { nom: 'L' }, step: 1 } });
    const wrong = transition(p90, draft, { type: 'SAVE', answers: { nom: 3, age: 4 } }, facts(), NOW);
    expect(wrong).toMatchObject({ ok: false, refusal: { code: 'INVALID_DATA' } });
    const paths = (wrong as Any).refusal.details.map((d: Any) => `${d.instancePath}:${d.keyword}`);
    expect(paths).toEqual(expect.arrayContaining(['/nom:type', ':additionalProperties']));
  });

  it('refuse l’envoi sans les mentions légales, puis sans justificatif', () => {
    const draft = { ...mustStart('90'), answers: { nom: 'Léa', adresse: { ville: 'Ria' } } };
    expect(transition(p90, draft, { type: 'SUBMIT' }, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'NOTICE_NOT_CONFIRMED' } });
    const confirmed = { ...draft, noticeConfirmed: true };
    expect(transition(p90, confirmed, { type: 'SUBMIT' }, facts(), NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'JUSTIFICATIF_MISSING', details: [{ key: 'piece' }] },
    });
  });

  it('vérifie à nouveau les prérequis à l’envoi', () => {
    const p91 = catalog.byCode.get('91')!;
    const state = ready(mustStart('91', facts({ '90': { acceptedThisSchoolYear: true } })));
    expect(transition(p91, state, { type: 'SUBMIT' }, facts({}), NOW)).toMatchObject({ ok: false, refusal: { code: 'PREREQUISITE_NOT_MET' } });
    expect(transition(p91, state, { type: 'SUBMIT' }, facts({ '90': { acceptedThisSchoolYear: true } }), NOW)).toMatchObject({ ok: true, state: { status: 'submitted' } });
  });

  it('l’envoi produit l’accusé de réception, l’acceptation les effets et la confirmation', () => {
    const sent = transition(p90, ready(mustStart('90')), { type: 'SUBMIT' }, facts(), NOW);
    expect(sent).toMatchObject({ ok: true, state: { status: 'submitted' }, effects: [{ kind: 'mail', template: 'submitted', subject: 'A/R de votre demande', body: 'Dossier 2026-000042 reçu.' }] });
    const accepted = transition(p90, (sent as Any).state, { type: 'ACCEPT' }, facts(), NOW);
    expect(accepted).toMatchObject({
      ok: true,
      state: { status: 'accepted' },
      effects: [
        { kind: 'updateRecord', record: 'family.address', values: { city: 'Ria' } },
        { kind: 'mail', template: 'accepted', body: 'Bonjour Martin, c’est accepté.' },
      ],
    });
  });

  it('un champ associé laissé vide efface la valeur du dossier famille', () => {
    const effect = p90.recordEffect({ kind: 'updateRecord', answer: '/adresse', record: 'family.address', fields: { ville: 'city' } }, { adresse: {} });
    expect(effect).toEqual({ kind: 'updateRecord', record: 'family.address', values: { city: null } });
  });

  it('en instruction automatique, un dossier complet est accepté dès l’envoi', () => {
    const auto = catalogWith((p) => (p.review = 'automatic')).byCode.get('90')!;
    const result = transition(auto, ready(mustStart('90')), { type: 'SUBMIT' }, facts(), NOW);
    expect(result).toMatchObject({ ok: true, state: { status: 'accepted' } });
    expect((result as Any).effects.map((e: Any) => e.template ?? e.kind)).toEqual(['submitted', 'updateRecord', 'accepted']);
  });

  it('un événement impossible dans l’état est refusé sans rien changer', () => {
    const draft = mustStart('90');
    expect(transition(p90, draft, { type: 'ACCEPT' }, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'EVENT_NOT_ALLOWED', message: expect.stringContaining('Brouillon') } });
    expect(transition(p90, draft, { type: 'FLY' }, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'EVENT_NOT_ALLOWED' } });
  });
});

describe('demande de correction', () => {
  const catalog = catalogWith();
  const p90 = catalog.byCode.get('90')!;
  const submitted = (transition(p90, ready(mustStart('90')), { type: 'SUBMIT' }, facts(), NOW) as Any).state as DossierState;

  it('exige au moins un élément connu et un message', () => {
    expect(transition(p90, submitted, { type: 'REQUEST_CORRECTION', fields: [], message: 'x' }, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'CORRECTION_EMPTY' } });
    expect(transition(p90, submitted, { type: 'REQUEST_CORRECTION', fields: ['/inconnu'], message: 'À revoir' }, facts(), NOW)).toMatchObject({ ok: false, refusal: { code: 'CORRECTION_EMPTY' } });
  });

  it('ne laisse modifier que les champs signalés et reprend à leur étape', () => {
    const result = transition(p90, submitted, { type: 'REQUEST_CORRECTION', fields: ['/adresse/ville'], message: 'La ville est mal orthographiée.' }, facts(), NOW);
    expect(result).toMatchObject({ ok: true, state: { status: 'correction_requested', reason: 'La ville est mal orthographiée.' }, effects: [{ kind: 'mail', template: 'correction' }] });
    const back = (result as Any).state as DossierState;
    expect(resumeStep(p90, back)).toBe(1);
    const other = transition(p90, back, { type: 'SAVE', answers: { ...back.answers, nom: 'Autre' } }, facts(), NOW);
    expect(other).toMatchObject({ ok: false, refusal: { code: 'NOT_EDITABLE', details: [{ instancePath: '/nom' }] } });
    const fixed = transition(p90, back, { type: 'SAVE', answers: { ...back.answers, adresse: { ville: 'Prades' } } }, facts(), NOW);
    expect(fixed.ok).toBe(true);
    const detach = transition(p90, back, { type: 'DETACH', key: 'piece', fileId: 'a1' }, facts(), NOW);
    expect(detach).toMatchObject({ ok: false, refusal: { code: 'NOT_EDITABLE' } });
    const resent = transition(p90, (fixed as Any).state, { type: 'SUBMIT' }, facts(), NOW);
    expect(resent).toMatchObject({ ok: true, state: { status: 'submitted', reason: null, correction: null } });
  });
});
