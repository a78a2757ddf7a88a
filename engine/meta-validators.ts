// The meta-schemas, and the hash that tells whether engine/meta/validators.generated.js
// (standalone validators, npm run meta:generate) was built from their current content.
import { versionIdOf } from './hash.js';
import procedureMeta from './meta/procedure.schema.json' with { type: 'json' };
import uischemaMeta from './meta/uischema.schema.json' with { type: 'json' };
import workflowMeta from './meta/workflow.schema.json' with { type: 'json' };
import scenarioMeta from './meta/scenario.schema.json' with { type: 'json' };

export const META_SCHEMAS = { procedure: procedureMeta, uischema: uischemaMeta, workflow: workflowMeta, scenario: scenarioMeta };
export type MetaKind = keyof typeof META_SCHEMAS;

export const META_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, strictTuples: false, strictRequired: false, discriminator: true } as const;

/** Content hash of the meta-schemas the generated validators were built from. */
export function metaSourceHash(): string {
  return versionIdOf(META_SCHEMAS);
}

