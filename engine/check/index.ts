// Loading a definitions tree: check every file, then compile. All issues are reported at
// once; a set with any issue is not compiled (the server refuses to start on it).
import type { Ajv } from 'ajv';
import { metaValidator, toFieldErrors } from '../ajv.js';
import { compileProcedure, type CompiledProcedure, type WorkflowConfig } from '../compile.js';
import { IssueList } from './issues.js';
import { checkBounds } from './bounds.js';
import { checkAnswerSchema } from './schema.js';
import { checkReferences } from './references.js';
import { checkWorkflow, notifyTemplates } from './workflow.js';
import { checkPrerequisites } from './prerequisites.js';
import type { DefinitionFiles, DefinitionIssue, DefinitionSet, ProcedureSpec } from '../types.js';

export const DEFAULT_WORKFLOW = 'standard';

export interface Catalog {
  procedures: CompiledProcedure[];
  byCode: Map<string, CompiledProcedure>;
  byVersion: Map<string, CompiledProcedure>;
  workflows: Record<string, WorkflowConfig>;
}

export interface LoadResult {
  issues: DefinitionIssue[];
  catalog?: Catalog;
}

function metaCheck(issues: IssueList, file: string, kind: 'procedure' | 'uischema' | 'workflow' | 'scenario', value: unknown): boolean {
  const validate = metaValidator(kind);
  if (validate(value)) return true;
  const errors = toFieldErrors(validate.errors);
  // oneOf failures repeat each branch's errors; the precise ones are enough when present.
  const precise = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  for (const e of precise.length ? precise : errors) {
    const code = kind === 'scenario' ? 'SCENARIO_INVALID' : 'META_SCHEMA';
    if (e.keyword === 'discriminator') {
      const tag = String(e.params.tag);
      issues.add(file, `${e.instancePath}/${tag}`, code, `Valeur « ${String(e.params.tagValue ?? '')} » inconnue pour « ${tag} » (voir les valeurs permises dans le méta-schéma).`);
      continue;
    }
    const message = e.keyword === 'required' ? `Propriété obligatoire « ${String(e.params.missingProperty)} » manquante.` : e.message;
    issues.add(file, e.instancePath || '#', code, message);
  }
  return false;
}

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

interface CheckedProcedure {
  folder: string;
  spec: ProcedureSpec;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  workflow?: WorkflowConfig;
}

/** Checks one démarche's files against the shared workflows; returns what compiles, or undefined. */
function checkProcedureFiles(
  issues: IssueList,
  files: DefinitionFiles,
  workflows: Record<string, WorkflowConfig>,
  ajv?: Ajv,
): CheckedProcedure | undefined {
  const { folder } = files;
  const parts: [string, unknown, 'procedure' | 'uischema' | 'workflow' | undefined][] = [
    ['procedure.json', files.procedure, 'procedure'],
    ['schema.json', files.schema, undefined],
    ['uischema.json', files.uischema, 'uischema'],
  ];
  if (files.workflow !== undefined) parts.push(['workflow.json', files.workflow, 'workflow']);
  let sound = true;
  for (const [name, value, kind] of parts) {
    const file = `${folder}/${name}`;
    if (value === null) {
      sound = false; // unreadable: the loader reported why
      continue;
    }
    if (value === undefined) {
      issues.add(file, '#', 'FILE_MISSING', `Fichier ${name} manquant.`);
      sound = false;
      continue;
    }
    if (!checkBounds(issues, file, value)) {
      sound = false;
      continue;
    }
    if (kind) sound = metaCheck(issues, file, kind, value) && sound;
    // A schema Ajv refuses (an unsafe pattern…) can still be read: the cross-checks below run
    // on it too, so every problem is reported at once; the issues keep it from compiling.
    else if (!checkAnswerSchema(issues, file, value, ajv) && !isPlainObject(value)) sound = false;
  }
  for (const [name, scenario] of Object.entries(files.scenarios ?? {})) {
    metaCheck(issues, `${folder}/scenarios/${name}`, 'scenario', scenario);
  }
  if (!sound) return undefined;
  const spec = files.procedure as ProcedureSpec;
  const schema = files.schema as Record<string, unknown>;
  const uischema = files.uischema as Record<string, unknown>;
  checkReferences(issues, { folder, spec, schema, uischema });
  let workflow: WorkflowConfig | undefined;
  if (files.workflow !== undefined) {
    workflow = files.workflow as WorkflowConfig;
    checkWorkflow(issues, `${folder}/workflow.json`, workflow);
  } else {
    const name = spec.workflow ?? DEFAULT_WORKFLOW;
    workflow = workflows[name];
    if (!workflow) {
      issues.add(`${folder}/procedure.json`, spec.workflow ? '/workflow' : '#', 'UNKNOWN_WORKFLOW', `Le workflow partagé « ${name} » n'existe pas dans definitions/workflows/.`);
    }
  }
  if (workflow) {
    const source = files.workflow !== undefined ? `${folder}/workflow.json` : `workflows/${spec.workflow ?? DEFAULT_WORKFLOW}.json`;
    for (const { template, pointer } of notifyTemplates(workflow)) {
      if (!spec.notifications?.[template]) {
        issues.add(`${folder}/procedure.json`, '/notifications', 'UNKNOWN_TEMPLATE', `Le modèle de mail « ${template} » manque : ${source}#${pointer} l'envoie.`);
      }
    }
  }
  return { folder, spec, schema, uischema, workflow };
}

/** Checks a whole definitions tree and, when it is sound, compiles it into a catalog. */
export interface LoadOptions {
  /**
   * A scratch Ajv: for definitions that may never be used (each keystroke of the admin editor),
   * so that their schemas are neither cached nor kept by the shared instance.
   */
  ajv?: Ajv;
}

export function loadDefinitions(set: DefinitionSet, options: LoadOptions = {}): LoadResult {
  const issues = new IssueList();
  for (const issue of set.readIssues ?? []) issues.items.push(issue);
  const workflows: Record<string, WorkflowConfig> = {};
  for (const [name, value] of Object.entries(set.workflows)) {
    const file = `workflows/${name}.json`;
    if (!checkBounds(issues, file, value) || !metaCheck(issues, file, 'workflow', value)) continue;
    const before = issues.items.length;
    checkWorkflow(issues, file, value as WorkflowConfig);
    if (issues.items.length === before) workflows[name] = value as WorkflowConfig;
  }
  const checked: CheckedProcedure[] = [];
  const codes = new Map<string, string>();
  for (const files of set.procedures) {
    const result = checkProcedureFiles(issues, files, workflows, options.ajv);
    if (!result) continue;
    const other = codes.get(result.spec.code);
    if (other) {
      issues.add(`${files.folder}/procedure.json`, '/code', 'DUPLICATE_CODE', `Le code « ${result.spec.code} » est déjà celui de ${other}.`);
    }
    codes.set(result.spec.code, files.folder);
    checked.push(result);
  }
  checkPrerequisites(issues, checked);
  if (issues.items.length > 0) return { issues: issues.items };
  const procedures = checked.map((c) => compileProcedure({ ...c, workflow: c.workflow!, ajv: options.ajv }));
  return {
    issues: [],
    catalog: {
      procedures: procedures.sort((a, b) => a.code.localeCompare(b.code)),
      byCode: new Map(procedures.map((p) => [p.code, p])),
      byVersion: new Map(procedures.map((p) => [p.versionId, p])),
      workflows,
    },
  };
}
