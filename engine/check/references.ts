// Cross-file checks of one démarche: every name a file uses must exist where it points —
// UI scopes and rules in schema.json, justificatif keys in procedure.json, mappings in both
// schema.json and the household record, json-logic variables and template placeholders.
import { schemaAtAnswerPointer, schemaAtScope, scopeToAnswerPointer, dotToPointer } from '../pointer.js';
import { walkElements } from '../compile.js';
import { varsOf, unknownOperators } from '../logic.js';
import { placeholdersOf, TEMPLATE_ROOTS } from '../template.js';
import { namedEffects } from '../registry.js';
import { LOOKUP_SOURCES, lookupFields } from '../lookups.js';
import { changedKey } from '../rule-data.js';
import { checkLookups } from './lookups.js';
import householdSchema from '../meta/household.schema.json' with { type: 'json' };
import type { IssueList } from './issues.js';
import type { Mapping, ProcedureSpec } from '../types.js';

interface Files {
  folder: string;
  spec: ProcedureSpec;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
}

export function checkReferences(issues: IssueList, files: Files): void {
  checkUiSchema(issues, files);
  checkJustificatifs(issues, files);
  checkMappings(issues, files);
  checkLogic(issues, files);
  checkComputed(issues, files);
  checkTemplates(issues, files);
  checkLookups(issues, `${files.folder}/schema.json`, files.schema, (path, roots) => pathIssue(files, path, roots));
}

function checkUiSchema(issues: IssueList, { folder, schema, uischema, spec }: Files): void {
  const file = `${folder}/uischema.json`;
  const keys = new Set((spec.justificatifs ?? []).map((j) => j.key));
  walkElements(uischema, '', (element, base, pointer) => {
    // Inside an array's detail layout, scopes are relative to the item schema.
    const root = base ? schemaAtAnswerPointer(schema, base.replace(/\/\*$/, '/0')) : schema;
    if (element.type === 'Control' && typeof element.scope === 'string' && !schemaAtScope(root, element.scope)) {
      issues.add(file, `${pointer}/scope`, 'UNKNOWN_SCOPE', `Aucune propriété « ${scopeToAnswerPointer(element.scope)} » dans schema.json.`);
    }
    const condition = (element.rule as { condition?: { scope?: string } } | undefined)?.condition;
    if (condition && typeof condition.scope === 'string' && !schemaAtScope(root, condition.scope)) {
      issues.add(file, `${pointer}/rule/condition/scope`, 'UNKNOWN_SCOPE', `La règle lit « ${scopeToAnswerPointer(condition.scope)} », absent de schema.json.`);
    }
    if (element.type === 'Justificatif' && !keys.has(String(element.key))) {
      issues.add(file, `${pointer}/key`, 'UNKNOWN_JUSTIFICATIF', `Justificatif « ${String(element.key)} » absent de procedure.json.`);
    }
  });
}

function checkJustificatifs(issues: IssueList, { folder, spec, uischema }: Files): void {
  const placed = new Map<string, number>();
  walkElements(uischema, '', (element) => {
    if (element.type === 'Justificatif') placed.set(String(element.key), (placed.get(String(element.key)) ?? 0) + 1);
  });
  const seen = new Set<string>();
  (spec.justificatifs ?? []).forEach((j, i) => {
    if (seen.has(j.key)) {
      issues.add(`${folder}/procedure.json`, `/justificatifs/${i}/key`, 'DUPLICATE_JUSTIFICATIF', `Justificatif « ${j.key} » déclaré deux fois.`);
    }
    seen.add(j.key);
    if (!placed.has(j.key)) {
      issues.add(
        `${folder}/procedure.json`, `/justificatifs/${i}/key`, 'UNUSED_JUSTIFICATIF',
        `Le justificatif « ${j.key} » n'est placé dans aucune étape.`,
        `ajoutez {"type": "Justificatif", "key": "${j.key}"} à une catégorie de uischema.json`,
      );
    }
  });
}

function recordSchema(path: string): Record<string, unknown> | undefined {
  const [root, ...rest] = path.split('.');
  return schemaAtAnswerPointer(householdSchema, ['', root, ...rest].join('/'));
}

function itemOrSelf(schema: Record<string, unknown> | undefined, rootSchema: unknown): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  if (schema.type === 'array' || schema.items) return deItem(schema, rootSchema);
  return schema;
}

function deItem(schema: Record<string, unknown>, rootSchema: unknown): Record<string, unknown> | undefined {
  const items = schema.items as Record<string, unknown> | undefined;
  if (items && typeof items.$ref === 'string') return schemaAtScope(rootSchema, items.$ref);
  return items;
}

function checkMapping(issues: IssueList, files: Files, mapping: Mapping, file: string, at: string): void {
  const answerSchema = schemaAtAnswerPointer(files.schema, mapping.answer);
  if (!answerSchema) {
    issues.add(file, `${at}/answer`, 'UNKNOWN_FIELD', `Aucune propriété « ${mapping.answer} » dans schema.json.`);
  }
  const record = recordSchema(mapping.record);
  if (!record) {
    issues.add(file, `${at}/record`, 'UNKNOWN_RECORD_FIELD', `Le dossier famille n'a pas de champ « ${mapping.record} ».`, 'voir engine/meta/household.schema.json');
  }
  if (!mapping.fields) return;
  const answerItem = itemOrSelf(answerSchema, files.schema);
  const recordItem = itemOrSelf(record, householdSchema);
  for (const [answerKey, recordKey] of Object.entries(mapping.fields)) {
    if (answerItem && !(answerItem.properties as Record<string, unknown> | undefined)?.[answerKey]) {
      issues.add(file, `${at}/fields/${answerKey}`, 'UNKNOWN_FIELD', `Aucune propriété « ${answerKey} » sous « ${mapping.answer} » dans schema.json.`);
    }
    if (recordItem && !(recordItem.properties as Record<string, unknown> | undefined)?.[recordKey]) {
      issues.add(file, `${at}/fields/${answerKey}`, 'UNKNOWN_RECORD_FIELD', `Le dossier famille n'a pas de champ « ${recordKey} » sous « ${mapping.record} ».`);
    }
  }
}

function checkMappings(issues: IssueList, files: Files): void {
  const file = `${files.folder}/procedure.json`;
  const child = files.spec.subject === 'child';
  (files.spec.prefill ?? []).forEach((m, i) => {
    checkMapping(issues, files, m, file, `/prefill/${i}`);
    if (!child && m.record.startsWith('child.')) {
      issues.add(file, `/prefill/${i}/record`, 'UNKNOWN_RECORD_FIELD', 'Une démarche pour la famille ne peut lire « child » : utilisez subject: "child".');
    }
  });
  (files.spec.effects ?? []).forEach((effect, i) => {
    const at = `/effects/${i}`;
    if (effect.kind === 'updateRecord' || effect.kind === 'syncCollection') {
      checkMapping(issues, files, effect as Mapping, file, at);
      if (!child && (effect as Mapping).record.startsWith('child.')) {
        issues.add(file, `${at}/record`, 'UNKNOWN_RECORD_FIELD', 'Une démarche pour la famille ne peut écrire « child » : utilisez subject: "child".');
      }
      return;
    }
    const spec = namedEffects[effect.kind];
    const params = (effect as { params?: Record<string, unknown> }).params ?? {};
    if (!spec) return; // refused by the meta-schema already
    for (const name of Object.keys(params)) {
      if (!spec.params[name]) {
        issues.add(file, `${at}/params/${name}`, 'UNKNOWN_PARAM', `L'effet « ${effect.kind} » n'a pas de paramètre « ${name} » (paramètres : ${Object.keys(spec.params).join(', ')}).`);
      }
    }
    for (const [name, param] of Object.entries(spec.params)) {
      if (param.required && !(name in params)) {
        issues.add(file, `${at}/params`, 'MISSING_PARAM', `L'effet « ${effect.kind} » demande le paramètre « ${name} » (${param.description}).`);
      }
    }
  });
}

/** Checks a data path used by json-logic or a template against what exists at run time. */
function pathIssue(files: Files, path: string, roots: readonly string[]): string | undefined {
  const [root, ...rest] = path.split('.');
  if (!roots.includes(root)) return `« ${path} » : la racine « ${root} » n'existe pas (racines possibles : ${roots.join(', ')}).`;
  if (root === 'answers' && rest.length > 0 && !schemaAtAnswerPointer(files.schema, dotToPointer(rest.join('.')))) {
    return `« ${path} » : aucune propriété « ${dotToPointer(rest.join('.'))} » dans schema.json.`;
  }
  if (root === 'selections' && rest.length > 0) return selectionIssue(files, path, rest);
  if (root === 'changed' && rest.length > 0) {
    const keys = (files.spec.prefill ?? []).map((m) => changedKey(m.answer));
    if (!keys.includes(rest.join('.'))) {
      return `« ${path} » : changed ne connaît que les réponses pré-remplies (${keys.join(', ') || 'aucune'}).`;
    }
  }
  if ((root === 'family' || root === 'child') && rest.length > 0) {
    if (root === 'child' && files.spec.subject !== 'child') return `« ${path} » : cette démarche ne porte pas sur un enfant.`;
    const known = schemaAtAnswerPointer(householdSchema, ['', root, ...rest].join('/'));
    const derived = root === 'child' && DERIVED_CHILD_FACTS.has(rest[0]);
    if (!known && !derived) {
      return `« ${path} » : le dossier famille n'a pas ce champ (voir engine/meta/household.schema.json).`;
    }
  }
  return undefined;
}

/** selections.<key>[.<index>[.<field>]]: key of an x-lookup field, field of its source's items. */
function selectionIssue(files: Files, path: string, [key, index, field]: string[]): string | undefined {
  const lookup = lookupFields(files.schema).find((f) => f.selectionKey === key);
  if (!lookup) {
    const keys = lookupFields(files.schema).map((f) => f.selectionKey);
    return `« ${path} » : aucun champ à choix « ${key} » (x-lookup) dans schema.json (choix : ${keys.join(', ') || 'aucun'}).`;
  }
  const fields = LOOKUP_SOURCES[lookup.spec.source];
  if (!fields) return undefined; // the unknown source is reported on schema.json
  const itemField = index !== undefined && !/^\d+$/.test(index) ? index : field;
  if (itemField !== undefined && !fields.includes(itemField)) {
    return `« ${path} » : les éléments de « ${lookup.spec.source} » n'ont pas de champ « ${itemField} » (champs : ${fields.join(', ')}).`;
  }
  return undefined;
}

function checkRule(issues: IssueList, files: Files, rule: unknown, file: string, at: string, roots: readonly string[]): void {
  for (const { op, pointer } of unknownOperators(rule)) {
    issues.add(file, `${at}${pointer}`, 'UNKNOWN_OPERATOR', `Opérateur json-logic inconnu « ${op} ».`);
  }
  for (const { path, pointer } of varsOf(rule)) {
    const problem = pathIssue(files, path, roots);
    if (problem) issues.add(file, `${at}${pointer}`, 'UNKNOWN_FIELD', problem);
  }
}

/** Facts the server adds to a child beside its record (engine/meta/facts.schema.json). */
const DERIVED_CHILD_FACTS = new Set(['dossiers', 'hasSchool', 'age', 'level']);

const EFFECT_ROOTS = ['answers', 'selections', 'changed', 'family', 'child', 'dossier', 'schoolYear', 'targetSchoolYear', 'today'] as const;
const FACT_ROOTS = ['family', 'child', 'dossiers', 'schoolYear', 'today'] as const;
/** Prerequisites read the facts and, at submission, the answers and what derives from them. */
const PREREQUISITE_ROOTS = [...FACT_ROOTS, 'answers', 'selections', 'changed', 'targetSchoolYear'] as const;
/** Justificatif conditions read the answers, what derives from them, and the facts. */
const JUSTIFICATIF_ROOTS = ['answers', 'selections', 'changed', ...FACT_ROOTS, 'targetSchoolYear'] as const;

/** Computed answers read what effects read, except the dossier (none yet at start). */
const COMPUTED_ROOTS = ['answers', 'selections', 'changed', ...FACT_ROOTS, 'targetSchoolYear'] as const;
const COMPUTED_TYPES = new Set(['number', 'integer', 'string', 'boolean']);

/**
 * procedure.json computed: the answer is a property of schema.json of a scalar type, outside
 * any array, computed once; the rule knows its operators and reads existing data, and reads
 * no computed answer that comes later in the list (it would see the previous save's value).
 */
function checkComputed(issues: IssueList, files: Files): void {
  const file = `${files.folder}/procedure.json`;
  const list = files.spec.computed ?? [];
  list.forEach((c, i) => {
    const at = `/computed/${i}`;
    const target = schemaAtAnswerPointer(files.schema, c.answer);
    if (!target) {
      issues.add(file, `${at}/answer`, 'UNKNOWN_FIELD', `Aucune propriété « ${c.answer} » dans schema.json.`);
    } else if (!COMPUTED_TYPES.has(String(target.type))) {
      issues.add(file, `${at}/answer`, 'UNKNOWN_FIELD', `« ${c.answer} » doit être de type number, integer, string ou boolean pour être calculé.`);
    } else if (c.answer.split('/').some((t) => /^\d+$/.test(t)) || !pathIsPlainProperties(files.schema, c.answer)) {
      issues.add(file, `${at}/answer`, 'UNKNOWN_FIELD', `« ${c.answer} » : une valeur calculée ne peut être dans une liste.`);
    }
    if (list.findIndex((o) => o.answer === c.answer) !== i) {
      issues.add(file, `${at}/answer`, 'UNKNOWN_FIELD', `« ${c.answer} » est déjà calculé plus haut.`);
    }
    checkRule(issues, files, c.rule, file, `${at}/rule`, COMPUTED_ROOTS);
    const later = new Set(list.slice(i).map((o) => o.answer));
    for (const { path, pointer } of varsOf(c.rule)) {
      if (path.startsWith('answers.') && later.has(dotToPointer(path.slice('answers.'.length)))) {
        issues.add(file, `${at}/rule${pointer}`, 'UNKNOWN_FIELD', `« ${path} » est calculé ici ou plus bas : placez son calcul avant celui-ci.`);
      }
    }
  });
}

/** Whether an answer pointer walks object properties only (no array items on the way). */
function pathIsPlainProperties(schema: Record<string, unknown>, pointer: string): boolean {
  const tokens = pointer.split('/').slice(1);
  for (let i = 1; i < tokens.length; i++) {
    const parent = schemaAtAnswerPointer(schema, '/' + tokens.slice(0, i).join('/'));
    if (!parent || parent.type === 'array') return false;
  }
  return true;
}

function checkLogic(issues: IssueList, files: Files): void {
  const file = `${files.folder}/procedure.json`;
  (files.spec.justificatifs ?? []).forEach((j, i) => {
    if (typeof j.required !== 'boolean') checkRule(issues, files, j.required, file, `/justificatifs/${i}/required`, JUSTIFICATIF_ROOTS);
  });
  (files.spec.effects ?? []).forEach((effect, i) => {
    if (effect.when !== undefined) checkRule(issues, files, effect.when, file, `/effects/${i}/when`, EFFECT_ROOTS);
    const params = (effect as { params?: Record<string, unknown> }).params ?? {};
    for (const [name, rule] of Object.entries(params)) checkRule(issues, files, rule, file, `/effects/${i}/params/${name}`, EFFECT_ROOTS);
  });
  (files.spec.prerequisites ?? []).forEach((p, i) => {
    for (const { op, pointer } of unknownOperators(p.rule)) {
      issues.add(file, `/prerequisites/${i}/rule${pointer}`, 'UNKNOWN_OPERATOR', `Opérateur json-logic inconnu « ${op} ».`);
    }
    for (const { path, pointer } of varsOf(p.rule)) {
      const root = path.split('.')[0];
      if (!PREREQUISITE_ROOTS.includes(root as (typeof PREREQUISITE_ROOTS)[number])) {
        issues.add(file, `/prerequisites/${i}/rule${pointer}`, 'UNKNOWN_FIELD', `« ${path} » : les prérequis lisent ${PREREQUISITE_ROOTS.join(', ')}.`);
      } else if (root === 'child' && files.spec.subject !== 'child') {
        issues.add(file, `/prerequisites/${i}/rule${pointer}`, 'UNKNOWN_FIELD', `« ${path} » : cette démarche ne porte pas sur un enfant.`);
      } else if (root === 'answers' || root === 'selections' || root === 'changed') {
        const problem = pathIssue(files, path, PREREQUISITE_ROOTS);
        if (problem) issues.add(file, `/prerequisites/${i}/rule${pointer}`, 'UNKNOWN_FIELD', problem);
      }
    }
  });
}

function checkTemplates(issues: IssueList, files: Files): void {
  const file = `${files.folder}/procedure.json`;
  for (const [name, template] of Object.entries(files.spec.notifications ?? {})) {
    for (const part of ['subject', 'body'] as const) {
      for (const path of placeholdersOf(template[part] ?? '')) {
        const problem = pathIssue(files, path, TEMPLATE_ROOTS);
        if (problem) issues.add(file, `/notifications/${name}/${part}`, 'UNKNOWN_FIELD', `Modèle « ${name} » : ${problem}`);
      }
    }
  }
}
