// The engine's public API: load and check definitions, interpret dossiers, read steps.
export { loadDefinitions, DEFAULT_WORKFLOW, type Catalog, type LoadResult, type LoadOptions } from './check/index.js';
export { formatIssue } from './check/issues.js';
export { compileProcedure, versionIdOf, canonicalJson, type CompiledProcedure, type Step, type WorkflowConfig } from './compile.js';
export { start, transition, validateStep, resumeStep, statusLabel, withCalendar, computeAnswers } from './interpret.js';
export { applyComputed, computedInputs, computedPointers, withComputedReadOnly } from './computed.js';
export { guards, actions, namedEffects, validateAnswers, missingJustificatifs } from './registry.js';
export { parisDate, schoolYearOf } from './dates.js';
export { isSepaIban, scratchAjv } from './ajv.js';
export { schemaForFacts, lookupOptions, lookupErrors, selectionsOf, lookupFields, LOOKUP_SOURCES, type LookupSpec, type LookupOption } from './lookups.js';
export { maskedAnswers, maskValue } from './masking.js';
export { ruleData, targetSchoolYear, type RuleData } from './rule-data.js';
export { previewAcceptance, diffEffects, type HouseholdChange } from './changes.js';
export type * from './types.js';
