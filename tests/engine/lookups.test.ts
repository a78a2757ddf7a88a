// Choices from reference data (x-lookup): options for the renderer, refusal of any other value
// at submission, selections for rules, checks of the definition, and masked answers in mails.
import { describe, expect, it } from 'vitest';
import {
  loadDefinitions,
  start,
  transition,
  validateStep,
  schemaForFacts,
  lookupErrors,
  selectionsOf,
  maskValue,
  maskedAnswers,
  targetSchoolYear,
  type DefinitionSet,
  type DossierState,
  type Facts,
} from '../../engine/index.js';
import { procedureFiles, standardWorkflow } from '../helpers/fixtures.js';

type Any = Record<string, any>;
const NOW = new Date('2026-10-01T08:00:00Z');

const schools = [
  { id: 's1', name: 'École maternelle Les Tilleuls', levels: ['maternelle'] },
  { id: 's2', name: 'École élémentaire Jean Moulin', levels: ['elementaire'] },
];
const classes = [
  { id: 'k1', schoolId: 's2', name: 'CE1 — Mme Durand', grade: 'CE1', schoolYear: '2026-2027' },
  { id: 'k2', schoolId: 's2', name: 'CE2 — M. Petit', grade: 'CE2', schoolYear: '2026-2027' },
  { id: 'k3', schoolId: 's1', name: 'Grande section', grade: 'GS', schoolYear: '2026-2027' },
  { id: 'k4', schoolId: 's2', name: 'CE1 (année passée)', grade: 'CE1', schoolYear: '2025-2026' },
];

const facts = (child: Any = { id: 'c1', firstName: 'Léa', level: 'elementaire', age: 7 }): Facts => ({
  family: { id: 'f1', name: 'Martin' },
  child,
  dossiers: {},
  dossier: { number: '2026-000900' },
  lookups: { schools, classes },
});

/** A child démarche choosing a school (filtered by the child's level) and a class of that school. */
function lookupSet(change: (schema: Any, procedure: Any) => void = () => undefined): DefinitionSet {
  const files = procedureFiles('95', '95-ecole');
  const procedure = files.procedure as Any;
  procedure.subject = 'child';
  procedure.prefill = [];
  procedure.justificatifs = [
    {
      key: 'piece',
      label: 'Accord de dérogation',
      required: { some: [{ var: 'selections.ecole' }, { in: ['maternelle', { var: 'levels' }] }] },
      accept: ['application/pdf'],
      maxSize: 3145728,
    },
  ];
  procedure.effects = [
    { kind: 'recordSchooling', params: { childId: { var: 'child.id' }, schoolId: { var: 'answers.ecole' }, schoolName: { var: 'selections.ecole.0.name' } } },
  ];
  procedure.notifications.accepted = { subject: 'École enregistrée', body: '{{selections.ecole.0.name}} — IBAN {{answers.iban}}' };
  files.schema = {
    type: 'object',
    additionalProperties: false,
    required: ['ecole', 'classe'],
    properties: {
      ecole: {
        type: 'string',
        title: 'École',
        'x-lookup': {
          source: 'schools',
          filter: { or: [{ '!': [{ var: 'child.level' }] }, { in: [{ var: 'child.level' }, { var: 'item.levels' }] }] },
        },
      },
      classe: {
        type: 'string',
        title: 'Classe',
        'x-lookup': {
          source: 'classes',
          filter: { and: [{ '==': [{ var: 'item.schoolId' }, { var: 'answers.ecole' }] }, { '==': [{ var: 'item.schoolYear' }, { var: 'schoolYear' }] }] },
        },
      },
      iban: { type: 'string', 'x-masked': true },
    },
  };
  files.uischema = {
    type: 'Categorization',
    elements: [
      {
        type: 'Category',
        label: 'École',
        elements: [
          { type: 'Control', scope: '#/properties/ecole' },
          { type: 'Control', scope: '#/properties/classe' },
          { type: 'Control', scope: '#/properties/iban' },
          { type: 'Justificatif', key: 'piece' },
        ],
      },
    ],
  };
  change(files.schema as Any, procedure);
  return { procedures: [files], workflows: { standard: standardWorkflow() } };
}

function compiled(set = lookupSet()) {
  const { catalog, issues } = loadDefinitions(set);
  if (!catalog) throw new Error(JSON.stringify(issues, null, 2));
  return catalog.byCode.get('95')!;
}

function submitted(answers: Any, f = facts()) {
  const procedure = compiled();
  const started = start(procedure, f, NOW);
  if (!started.ok) throw new Error(started.refusal.message);
  const state: DossierState = { ...started.state, noticeConfirmed: true, answers };
  return { procedure, state, result: transition(procedure, state, { type: 'SUBMIT' }, f, NOW) };
}

describe('choix issus des listes de référence (x-lookup)', () => {
  it('injecte les options permises en oneOf pour le rendu, sans toucher au schéma compilé', () => {
    const procedure = compiled();
    const schema = schemaForFacts(procedure, facts(), { ecole: 's2' }, NOW) as Any;
    expect(schema.properties.ecole.oneOf).toEqual([{ const: 's2', title: 'École élémentaire Jean Moulin' }]);
    expect(schema.properties.classe.oneOf).toEqual([
      { const: 'k1', title: 'CE1 — Mme Durand' },
      { const: 'k2', title: 'CE2 — M. Petit' },
    ]);
    expect((procedure.schema as Any).properties.ecole.oneOf).toBeUndefined();
  });

  it('propose une option « aucun choix » quand rien ne passe le filtre ou que la liste manque', () => {
    const schema = schemaForFacts(compiled(), { ...facts(), lookups: {} }, {}, NOW) as Any;
    expect(schema.properties.ecole.oneOf).toEqual([{ const: '', title: 'Aucun choix disponible pour le moment' }]);
  });

  it('refuse à l’envoi une valeur hors des choix, avec une erreur au format Ajv sur le champ', () => {
    const { result } = submitted({ ecole: 's1', classe: 'k1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('INVALID_DATA');
    expect(result.refusal.details).toEqual([
      expect.objectContaining({ instancePath: '/ecole', keyword: 'x-lookup', params: { source: 'schools', allowedValues: ['s2'] } }),
      expect.objectContaining({ instancePath: '/classe', keyword: 'x-lookup', schemaPath: '#/properties/classe/x-lookup' }),
    ]);
  });

  it('accepte une valeur permise et donne les éléments choisis aux effets et aux mails (IBAN masqué)', () => {
    const { procedure, result } = submitted({ ecole: 's2', classe: 'k2', iban: 'FR76 3000 6000 0112 3456 7890 189' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const accepted = transition(procedure, result.state, { type: 'ACCEPT' }, facts(), NOW);
    expect(accepted.ok && accepted.effects).toEqual([
      { kind: 'recordSchooling', childId: 'c1', schoolId: 's2', schoolName: 'École élémentaire Jean Moulin' },
      expect.objectContaining({ kind: 'mail', body: 'École élémentaire Jean Moulin — IBAN FR76 •••• •••• •••• •••• •••• 189' }),
    ]);
  });

  it('rend une condition de justificatif dépendante des éléments choisis (selections)', () => {
    const procedure = compiled();
    const child = { id: 'c1', firstName: 'Tom', age: 4 };
    const ready: DossierState = { status: 'draft', answers: { ecole: 's1', classe: 'k3' }, attachments: {}, noticeConfirmed: true, step: 0 };
    expect(validateStep(procedure, ready, 0, facts(child)).missingJustificatifs).toEqual([{ key: 'piece', label: 'Accord de dérogation' }]);
    expect(validateStep(procedure, { ...ready, answers: { ecole: 's2', classe: 'k1' } }, 0, facts(child)).missingJustificatifs).toEqual([]);
    expect(validateStep(procedure, { ...ready, answers: { ecole: 'zz' } }, 0, facts(child)).errors).toEqual([
      expect.objectContaining({ instancePath: '', keyword: 'required', params: { missingProperty: 'classe' } }),
      expect.objectContaining({ instancePath: '/ecole', keyword: 'x-lookup' }),
    ]);
  });

  it('a besoin de la date du jour pour les filtres qui lisent l’année scolaire (validateStep avec now)', () => {
    const procedure = compiled();
    const ready: DossierState = { status: 'draft', answers: { ecole: 's2', classe: 'k1' }, attachments: {}, noticeConfirmed: true, step: 0 };
    expect(validateStep(procedure, ready, 0, facts(), NOW).errors).toEqual([]);
    expect(validateStep(procedure, ready, 0, facts()).errors).toEqual([expect.objectContaining({ instancePath: '/classe', keyword: 'x-lookup' })]);
  });

  it('liste les éléments choisis dans une liste à choix multiples, dans l’ordre des réponses', () => {
    const procedure = compiled(
      lookupSet((schema) => {
        schema.properties.ecoles = { type: 'array', uniqueItems: true, items: { type: 'string', 'x-lookup': 'schools' } };
      }),
    );
    const f = { ...facts(), today: '2026-10-01', schoolYear: '2026-2027' };
    expect(selectionsOf(procedure, { ecoles: ['s2', 's1'] }, f).ecoles.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(lookupErrors(procedure, { ecoles: ['s2', 'zz'] }, f)).toEqual([expect.objectContaining({ instancePath: '/ecoles/1' })]);
  });
});

describe('vérification des x-lookup', () => {
  const issuesOf = (change: (schema: Any, procedure: Any) => void) =>
    loadDefinitions(lookupSet(change)).issues.map((i) => ({ file: i.file, pointer: i.pointer, code: i.code }));

  it('accepte le jeu de test tel quel', () => {
    expect(issuesOf(() => undefined)).toEqual([]);
  });

  it('refuse une source inconnue (forme courte et forme objet)', () => {
    expect(issuesOf((s) => (s.properties.ecole['x-lookup'] = 'ecoles'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/ecole/x-lookup', code: 'UNKNOWN_LOOKUP' },
    ]);
    expect(issuesOf((s) => (s.properties.classe['x-lookup'].source = 'classrooms'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/classe/x-lookup/source', code: 'UNKNOWN_LOOKUP' },
    ]);
  });

  it('refuse un filtre qui lit un champ d’élément, une réponse ou un opérateur inconnus', () => {
    expect(issuesOf((s) => (s.properties.classe['x-lookup'].filter.and[0]['=='][0].var = 'item.ecole'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/classe/x-lookup/filter/and/0/==/0/var', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((s) => (s.properties.classe['x-lookup'].filter.and[0]['=='][1].var = 'answers.etablissement'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/classe/x-lookup/filter/and/0/==/1/var', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((s) => (s.properties.classe['x-lookup'].filter = { regex: ['a', 'b'] }))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/classe/x-lookup/filter', code: 'UNKNOWN_OPERATOR' },
    ]);
  });

  it('refuse un champ de valeur ou de libellé inconnu, une clé inconnue, un x-lookup dans definitions', () => {
    expect(issuesOf((s) => (s.properties.ecole['x-lookup'].value = 'code'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/ecole/x-lookup/value', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((s) => (s.properties.ecole['x-lookup'].label = 'nom'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/ecole/x-lookup/label', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((s) => (s.properties.ecole['x-lookup'].sort = 'name'))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/properties/ecole/x-lookup/sort', code: 'SCHEMA_INVALID' },
    ]);
    expect(issuesOf((s) => (s.definitions = { ecole: { type: 'string', 'x-lookup': 'schools' } }))).toEqual([
      { file: '95-ecole/schema.json', pointer: '#/definitions/ecole/x-lookup', code: 'SCHEMA_INVALID' },
    ]);
  });

  it('refuse une règle qui lit une sélection inconnue ou un champ absent des éléments', () => {
    expect(issuesOf((_, p) => (p.effects[0].params.schoolName = { var: 'selections.etablissement.0.name' }))).toEqual([
      { file: '95-ecole/procedure.json', pointer: '#/effects/0/params/schoolName/var', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((_, p) => (p.effects[0].params.schoolName = { var: 'selections.ecole.0.nom' }))).toEqual([
      { file: '95-ecole/procedure.json', pointer: '#/effects/0/params/schoolName/var', code: 'UNKNOWN_FIELD' },
    ]);
  });
});

describe('vérification des règles qui lisent les réponses dérivées', () => {
  const issuesOf = (change: (procedure: Any) => void) =>
    loadDefinitions(lookupSet((_, p) => change(p))).issues.map((i) => ({ file: i.file, pointer: i.pointer, code: i.code }));

  it('un prérequis peut lire selections et answers, mais pas une sélection ou une réponse inconnues', () => {
    const rule = (v: string) => ({ none: [{ var: v }, { '!!': [{ var: 'schoolIds' }] }] });
    expect(issuesOf((p) => (p.prerequisites = [{ id: 'ecole', rule: rule('selections.ecole'), message: 'm' }]))).toEqual([]);
    expect(issuesOf((p) => (p.prerequisites = [{ id: 'ecole', rule: rule('selections.activites'), message: 'm' }]))).toEqual([
      { file: '95-ecole/procedure.json', pointer: '#/prerequisites/0/rule/none/0/var', code: 'UNKNOWN_FIELD' },
    ]);
    expect(issuesOf((p) => (p.prerequisites = [{ id: 'ecole', rule: { var: 'answers.etablissement' }, message: 'm' }]))).toEqual([
      { file: '95-ecole/procedure.json', pointer: '#/prerequisites/0/rule/var', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('changed ne connaît que les réponses pré-remplies', () => {
    const withPrefill = (p: Any, v: string) => {
      p.prefill = [{ answer: '/iban', record: 'family.cafNumber' }];
      p.justificatifs[0].required = { var: v };
    };
    expect(issuesOf((p) => withPrefill(p, 'changed.iban'))).toEqual([]);
    expect(issuesOf((p) => withPrefill(p, 'changed.ecole'))).toEqual([
      { file: '95-ecole/procedure.json', pointer: '#/justificatifs/0/required/var', code: 'UNKNOWN_FIELD' },
    ]);
  });
});

describe('valeurs masquées (x-masked)', () => {
  it('ne garde que les quatre premiers et les trois derniers caractères', () => {
    expect(maskValue('FR76 3000 6000 0112 3456 7890 189')).toBe('FR76 •••• •••• •••• •••• •••• 189');
    expect(maskValue('1234567')).toBe('•••••••');
  });

  it('masque les réponses marquées, dans une copie', () => {
    const procedure = compiled();
    const answers = { ecole: 's2', iban: 'DE89370400440532013000' };
    expect(maskedAnswers(procedure, answers)).toEqual({ ecole: 's2', iban: 'DE89 •••• •••• •••• •••0 00' });
    expect(answers.iban).toBe('DE89370400440532013000');
  });
});

describe('année scolaire visée (targetSchoolYear)', () => {
  const windowed = (availability: Any) =>
    compiled(lookupSet((_, p) => (p.availability = availability)));

  it('est l’année suivante pendant une fenêtre annuelle ouverte en juin qui finit après la rentrée', () => {
    const p = windowed({ opensOn: '06-01', closesOn: '10-31' });
    expect(targetSchoolYear(p, { family: {}, dossiers: {}, today: '2027-06-15' })).toBe('2027-2028');
    expect(targetSchoolYear(p, { family: {}, dossiers: {}, today: '2027-10-02' })).toBe('2027-2028');
  });

  it('est l’année en cours sans fenêtre annuelle, ou hors de la fenêtre', () => {
    expect(targetSchoolYear(compiled(), { family: {}, dossiers: {}, today: '2027-06-15' })).toBe('2026-2027');
    const absolute = windowed({ opensOn: '2027-06-01', closesOn: '2027-12-31' });
    expect(targetSchoolYear(absolute, { family: {}, dossiers: {}, today: '2027-06-15' })).toBe('2026-2027');
  });
});
