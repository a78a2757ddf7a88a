// Every class of definition problem, each from a small broken fixture: the checker must name
// the exact file and JSON pointer, with the right code, and report all problems at once.
import { describe, expect, it } from 'vitest';
import { loadDefinitions, type DefinitionIssue, type DefinitionSet } from '../../engine/index.js';
import { validSet, procedureFiles, standardWorkflow } from '../helpers/fixtures.js';

type Any = Record<string, any>;

function issuesAfter(mutate: (set: DefinitionSet & { p: Any; s: Any; u: Any; w: Any }) => void): DefinitionIssue[] {
  const set = validSet();
  const first = set.procedures[0];
  mutate(
    Object.assign(set, {
      p: first.procedure as Any,
      s: first.schema as Any,
      u: first.uischema as Any,
      w: set.workflows.standard as Any,
    }),
  );
  return loadDefinitions(set).issues;
}

function expectIssue(issues: DefinitionIssue[], file: string, pointer: string, code: string) {
  const match = issues.find((i) => i.file === file && i.pointer === pointer && i.code === code);
  expect(match, `attendu ${file}${pointer} [${code}], obtenu :\n${issues.map((i) => `${i.file}${i.pointer} [${i.code}] ${i.message}`).join('\n')}`).toBeTruthy();
  expect(match!.message.length).toBeGreaterThan(10);
}

const P = '90-exemple/procedure.json';
const S = '90-exemple/schema.json';
const U = '90-exemple/uischema.json';
const W = 'workflows/standard.json';

describe('vérification des définitions', () => {
  it('accepte le jeu de référence, sans aucun problème', () => {
    const { issues, catalog } = loadDefinitions(validSet());
    expect(issues).toEqual([]);
    expect(catalog!.procedures.map((p) => p.code)).toEqual(['90', '91']);
  });

  const cases: [string, (x: Any) => void, string, string, string][] = [
    ['propriété obligatoire absente (méta-schéma)', (x) => delete x.p.title, P, '#', 'META_SCHEMA'],
    ['propriété inconnue dans procedure.json', (x) => (x.p.titre = 'x'), P, '#', 'META_SCHEMA'],
    ['type de justificatif non accepté', (x) => (x.p.justificatifs[0].accept = ['text/html']), P, '#/justificatifs/0/accept/0', 'META_SCHEMA'],
    ['taille de justificatif au-delà de 3 Mo', (x) => (x.p.justificatifs[0].maxSize = 3145729), P, '#/justificatifs/0/maxSize', 'META_SCHEMA'],
    ['effet nommé inconnu', (x) => x.p.effects.push({ kind: 'sendFax', params: {} }), P, '#/effects/1/kind', 'META_SCHEMA'],
    ['élément d’interface inconnu', (x) => x.u.elements[0].elements.push({ type: 'Button' }), U, '#/elements/0/elements/1', 'META_SCHEMA'],
    ['état de workflow mal formé', (x) => (x.w.states.draft.type = 'parallel'), W, '#/states/draft/type', 'META_SCHEMA'],
    ['mot-clé JSON Schema inconnu', (x) => (x.s.properties.nom.minLenght = 2), S, '#/properties/nom/minLenght', 'SCHEMA_INVALID'],
    ['champ obligatoire non défini', (x) => x.s.required.push('prenom'), S, '#/required/2', 'SCHEMA_INVALID'],
    ['référence externe', (x) => (x.s.properties.nom = { $ref: 'http://exemple.fr/s.json' }), S, '#/properties/nom/$ref', 'SCHEMA_INVALID'],
    ['motif à retour arrière catastrophique', (x) => (x.s.properties.nom.pattern = '^(a+)+$'), S, '#/properties/nom/pattern', 'UNSAFE_PATTERN'],
    ['motif invalide', (x) => (x.s.properties.nom.pattern = '(['), S, '#/properties/nom/pattern', 'UNSAFE_PATTERN'],
    ['portée d’un contrôle absente du schéma', (x) => (x.u.elements[0].elements[0].scope = '#/properties/prenom'), U, '#/elements/0/elements/0/scope', 'UNKNOWN_SCOPE'],
    [
      'règle d’affichage sur un champ absent',
      (x) => (x.u.elements[0].elements[0].rule = { effect: 'HIDE', condition: { scope: '#/properties/age', schema: { const: 3 } } }),
      U, '#/elements/0/elements/0/rule/condition/scope', 'UNKNOWN_SCOPE',
    ],
    [
      'portée dans le détail d’une liste',
      (x) => {
        x.s.properties.enfants = { type: 'array', items: { type: 'object', properties: { prenom: { type: 'string' } } } };
        x.u.elements[0].elements.push({ type: 'Control', scope: '#/properties/enfants', options: { detail: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/nom' }] } } });
      },
      U, '#/elements/0/elements/1/options/detail/elements/0/scope', 'UNKNOWN_SCOPE',
    ],
    ['pré-remplissage vers un champ absent', (x) => (x.p.prefill[0].answer = '/domicile'), P, '#/prefill/0/answer', 'UNKNOWN_FIELD'],
    ['pré-remplissage depuis un champ du foyer absent', (x) => (x.p.prefill[0].record = 'family.adresse'), P, '#/prefill/0/record', 'UNKNOWN_RECORD_FIELD'],
    ['effet vers un champ du foyer absent', (x) => (x.p.effects[0].fields = { ville: 'town' }), P, '#/effects/0/fields/ville', 'UNKNOWN_RECORD_FIELD'],
    ['effet depuis une réponse absente', (x) => (x.p.effects[0].fields = { commune: 'city' }), P, '#/effects/0/fields/commune', 'UNKNOWN_FIELD'],
    ['condition d’effet sur un champ absent', (x) => (x.p.effects[0].when = { var: 'answers.demenage' }), P, '#/effects/0/when/var', 'UNKNOWN_FIELD'],
    ['justificatif exigé selon un champ absent', (x) => (x.p.justificatifs[0].required = { '==': [{ var: 'answers.vaccins' }, true] }), P, '#/justificatifs/0/required/==/0/var', 'UNKNOWN_FIELD'],
    ['opérateur json-logic inconnu', (x) => (x.p.justificatifs[0].required = { regex: ['a', 'b'] }), P, '#/justificatifs/0/required', 'UNKNOWN_OPERATOR'],
    ['modèle de mail lisant un champ absent', (x) => (x.p.notifications.accepted.body = 'Ville : {{answers.commune}}'), P, '#/notifications/accepted/body', 'UNKNOWN_FIELD'],
    ['justificatif placé mais non déclaré', (x) => x.u.elements[1].elements.push({ type: 'Justificatif', key: 'rib' }), U, '#/elements/1/elements/2/key', 'UNKNOWN_JUSTIFICATIF'],
    ['justificatif déclaré mais placé nulle part', (x) => x.u.elements[1].elements.pop(), P, '#/justificatifs/0/key', 'UNUSED_JUSTIFICATIF'],
    ['justificatif déclaré deux fois', (x) => x.p.justificatifs.push({ ...x.p.justificatifs[0] }), P, '#/justificatifs/1/key', 'DUPLICATE_JUSTIFICATIF'],
    ['garde inconnue', (x) => (x.w.states.draft.on.SUBMIT.guard = 'isPaid'), W, '#/states/draft/on/SUBMIT/guard', 'UNKNOWN_GUARD'],
    ['action inconnue', (x) => x.w.states.submitted.on.ACCEPT.actions.push('sendSms'), W, '#/states/submitted/on/ACCEPT/actions/2', 'UNKNOWN_ACTION'],
    ['état cible inexistant', (x) => (x.w.states.draft.on.ABANDON = 'archived'), W, '#/states/draft/on/ABANDON', 'UNKNOWN_TARGET'],
    [
      'état inatteignable',
      (x) => (x.w.states.archived = { type: 'final' }),
      W, '#/states/archived', 'UNREACHABLE_STATE',
    ],
    [
      'état non final sans sortie',
      (x) => {
        x.w.states.on_hold = { tags: ['queue'] };
        x.w.states.submitted.on.HOLD = 'on_hold';
      },
      W, '#/states/on_hold', 'DEAD_END_STATE',
    ],
    ['modèle de mail manquant', (x) => delete x.p.notifications.correction, P, '#/notifications', 'UNKNOWN_TEMPLATE'],
    ['workflow partagé inexistant', (x) => (x.p.workflow = 'express'), P, '#/workflow', 'UNKNOWN_WORKFLOW'],
    [
      'prérequis nommant une démarche inconnue',
      (x) => (x.p.prerequisites = [{ id: 'p', rule: { var: 'dossiers.77.accepted' }, message: 'Faites la 77.' }]),
      P, '#/prerequisites/0/rule/var', 'UNKNOWN_PROCEDURE',
    ],
    [
      'démarche à faire d’abord inconnue',
      (x) => (x.p.prerequisites = [{ id: 'p', rule: true, message: 'Faites la 78.', doFirst: '78' }]),
      P, '#/prerequisites/0/doFirst', 'UNKNOWN_PROCEDURE',
    ],
    [
      'cycle de prérequis',
      (x) => (x.p.prerequisites = [{ id: 'p', rule: { var: 'dossiers.91.accepted' }, message: 'Faites la 91.' }]),
      '91-exemple/procedure.json', '#/prerequisites/0/rule/var', 'PREREQUISITE_CYCLE',
    ],
    ['code en double', (x) => (x.procedures[1].procedure.code = '90'), '91-exemple/procedure.json', '#/code', 'DUPLICATE_CODE'],
    ['paramètre d’effet inconnu', (x) => x.p.effects.push({ kind: 'recordSchooling', params: { childId: 1, schoolId: 2, ecole: 3 } }), P, '#/effects/1/params/ecole', 'UNKNOWN_PARAM'],
    ['paramètre d’effet obligatoire absent', (x) => x.p.effects.push({ kind: 'recordSchooling', params: { childId: 1 } }), P, '#/effects/1/params', 'MISSING_PARAM'],
    ['scénario mal formé', (x) => (x.procedures[0].scenarios = { 'a.json': { description: 'x', facts: {}, steps: [{ expect: { statut: 'draft' } }] } }), '90-exemple/scenarios/a.json', '#/steps/0/expect', 'SCENARIO_INVALID'],
    ['fichier trop profond', (x) => { let o: Any = {}; x.s.properties.nom.description = 'x'; x.p.summary = 'ok'; for (let i = 0; i < 45; i++) o = { a: o }; x.u.options = o; }, U, '#/options/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a', 'TOO_DEEP'],
    ['fichier trop gros', (x) => (x.u.options = { filler: 'x'.repeat(600 * 1024) }), U, '#', 'TOO_LARGE'],
  ];

  for (const [name, mutate, file, pointer, code] of cases) {
    it(`${code} — ${name}`, () => expectIssue(issuesAfter(mutate), file, pointer, code));
  }

  it('signale tous les problèmes à la fois, pas seulement le premier', () => {
    const issues = issuesAfter((x) => {
      x.u.elements[0].elements[0].scope = '#/properties/prenom';
      x.w.states.draft.on.SUBMIT.guard = 'isPaid';
      (x.procedures[1].procedure as Any).prerequisites[0].doFirst = '42';
    });
    expectIssue(issues, U, '#/elements/0/elements/0/scope', 'UNKNOWN_SCOPE');
    expectIssue(issues, W, '#/states/draft/on/SUBMIT/guard', 'UNKNOWN_GUARD');
    expectIssue(issues, '91-exemple/procedure.json', '#/prerequisites/0/doFirst', 'UNKNOWN_PROCEDURE');
  });

  it('un schéma qu’Ajv refuse n’empêche pas les autres vérifications', () => {
    const issues = issuesAfter((x) => {
      x.s.properties.nom.pattern = '^(a+)+$';
      x.u.elements[0].elements[0].scope = '#/properties/prenom';
    });
    expectIssue(issues, S, '#/properties/nom/pattern', 'UNSAFE_PATTERN');
    expectIssue(issues, U, '#/elements/0/elements/0/scope', 'UNKNOWN_SCOPE');
  });

  it('vérifie le workflow propre à une démarche sous son propre nom de fichier', () => {
    const set = validSet();
    const own = standardWorkflow() as Any;
    own.states.draft.on.SUBMIT.guard = 'isSigned';
    set.procedures[0].workflow = own;
    expectIssue(loadDefinitions(set).issues, '90-exemple/workflow.json', '#/states/draft/on/SUBMIT/guard', 'UNKNOWN_GUARD');
  });

  it('une démarche pour la famille ne peut pas écrire dans la fiche d’un enfant', () => {
    const set = validSet();
    (set.procedures[0].procedure as Any).effects[0].record = 'child.schooling';
    (set.procedures[0].procedure as Any).effects[0].fields = { ville: 'schoolName' };
    expectIssue(loadDefinitions(set).issues, P, '#/effects/0/record', 'UNKNOWN_RECORD_FIELD');
  });

  it('donne à chaque version un identifiant stable, qui change avec le contenu', () => {
    const a = loadDefinitions(validSet()).catalog!.byCode.get('90')!.versionId;
    const b = loadDefinitions(validSet()).catalog!.byCode.get('90')!.versionId;
    const changed = validSet();
    (changed.procedures[0].procedure as Any).title = 'Autre titre';
    const c = loadDefinitions(changed).catalog!.byCode.get('90')!.versionId;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    void procedureFiles;
  });
});
