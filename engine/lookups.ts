// Choices that come from reference data (listes de référence: écoles, classes, activités,
// inscriptions). A property of schema.json marked "x-lookup" takes its allowed values, at run
// time, from facts.lookups[source], narrowed by a json-logic filter. The renderer receives them
// as oneOf [{const, title}] (schemaForFacts); the engine refuses any other value at submission
// (lookupErrors) and hands the chosen items to rules as "selections".
import { evaluate, isTruthy } from './logic.js';
import { formatPointer, parsePointer } from './pointer.js';
import { parisDate, schoolYearOf } from './dates.js';
import { targetSchoolYearOn, type WindowedProcedure } from './target-year.js';
import factsSchema from './meta/facts.schema.json' with { type: 'json' };
import type { Facts, FieldError } from './types.js';

/** The keyword, in schema.json, on a property or on an array's items. */
export const LOOKUP_KEYWORD = 'x-lookup';

/** A lookup once its short form ("schools") is expanded. */
export interface LookupSpec {
  source: string;
  /** json-logic over {item, answers, family, child, dossiers, schoolYear, targetSchoolYear, today}; absent: every item. */
  filter?: unknown;
  /** Item field that gives the stored value. */
  value: string;
  /** Item field, or json-logic over the same data as filter, that gives the label. */
  label: unknown;
}

export interface LookupField {
  /** Answer pointer, with "*" for array items ("/activites/*"). */
  pointer: string;
  /** Tokens from the schema root to the node carrying the keyword. */
  schemaPath: string[];
  /** Name under which the chosen items appear in selections ("activites"). */
  selectionKey: string;
  spec: LookupSpec;
}

export interface LookupOption {
  const: unknown;
  title: string;
}

type Item = Record<string, unknown>;
type Schema = Record<string, unknown>;
/** A compiled démarche, or anything with its schema (and, for targetSchoolYear, its availability). */
type WithSchema = { schema: Schema } & Partial<WindowedProcedure>;

const ITEM_DEFINITIONS: Record<string, string> = {
  schools: 'school',
  classes: 'schoolClass',
  activities: 'activity',
  enrolments: 'enrolment',
};

/** Known sources and the fields of their items, from engine/meta/facts.schema.json. */
export const LOOKUP_SOURCES: Record<string, string[]> = Object.fromEntries(
  Object.entries(ITEM_DEFINITIONS).map(([source, definition]) => [
    source,
    Object.keys(
      ((factsSchema.definitions as Record<string, { properties?: object }>)[definition]?.properties ?? {}) as object,
    ),
  ]),
);

/** Expands the short form; undefined when the value is not a lookup at all. */
export function normalizeLookup(raw: unknown): LookupSpec | undefined {
  if (typeof raw === 'string') return { source: raw, value: 'id', label: 'name' };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.source !== 'string') return undefined;
  return {
    source: r.source,
    filter: r.filter,
    value: typeof r.value === 'string' ? r.value : 'id',
    label: r.label ?? 'name',
  };
}

const fieldsCache = new WeakMap<object, LookupField[]>();

/** Every x-lookup of a schema reachable through properties and items (definitions are not followed). */
export function lookupFields(schema: Schema): LookupField[] {
  const cached = fieldsCache.get(schema);
  if (cached) return cached;
  const out: LookupField[] = [];
  const visit = (node: unknown, answerTokens: string[], schemaPath: string[]) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Schema;
    const spec = normalizeLookup(n[LOOKUP_KEYWORD]);
    if (spec) {
      out.push({
        pointer: formatPointer(answerTokens),
        schemaPath,
        selectionKey: answerTokens.filter((t) => t !== '*').join('.'),
        spec,
      });
    }
    for (const [name, sub] of Object.entries((n.properties as Schema | undefined) ?? {})) {
      visit(sub, [...answerTokens, name], [...schemaPath, 'properties', name]);
    }
    if (n.items && typeof n.items === 'object' && !Array.isArray(n.items)) {
      visit(n.items, [...answerTokens, '*'], [...schemaPath, 'items']);
    }
  };
  visit(schema, [], []);
  fieldsCache.set(schema, out);
  return out;
}

/** The data a filter or a label expression reads, without the item. */
function filterBase(procedure: WithSchema | undefined, facts: Facts, answers: unknown): Record<string, unknown> {
  const today = typeof facts.today === 'string' ? facts.today : undefined;
  const schoolYear = facts.schoolYear ?? (today ? schoolYearOf(today) : undefined);
  const windowed = procedure?.spec && procedure.window && today;
  return {
    answers: answers ?? {},
    family: facts.family,
    child: facts.child ?? null,
    dossiers: facts.dossiers,
    today,
    schoolYear,
    targetSchoolYear: windowed ? targetSchoolYearOn(procedure as WindowedProcedure, today) : schoolYear,
  };
}

/** The items of the source that pass the filter, each with its option. */
export function lookupChoices(
  spec: LookupSpec,
  facts: Facts,
  answers: unknown,
  procedure?: WithSchema,
): { item: Item; option: LookupOption }[] {
  const lookups = (facts.lookups ?? {}) as Record<string, unknown>;
  const items = Array.isArray(lookups[spec.source]) ? (lookups[spec.source] as Item[]) : [];
  const base = filterBase(procedure, facts, answers);
  const out: { item: Item; option: LookupOption }[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const data = { ...base, item };
    if (spec.filter !== undefined && !isTruthy(evaluate(spec.filter, data))) continue;
    const value = item[spec.value];
    if (value === undefined || value === null) continue;
    const label = typeof spec.label === 'string' ? item[spec.label] : evaluate(spec.label, data);
    out.push({ item, option: { const: value, title: String(label ?? value) } });
  }
  return out;
}

/** The allowed options of a lookup for these facts (and answers, when the filter reads them). */
export function lookupOptions(spec: LookupSpec, facts: Facts, answers?: unknown, procedure?: WithSchema): LookupOption[] {
  return lookupChoices(spec, facts, answers, procedure).map((c) => c.option);
}

/** What a field error says when no choice is offered, and the placeholder option shown instead. */
const NO_CHOICE: LookupOption = { const: '', title: 'Aucun choix disponible pour le moment' };

/**
 * schema.json with the options of each x-lookup injected as oneOf [{const, title}], for
 * JSONForms to render as a select (or a multi-select on a uniqueItems array). Pass the answers
 * when a filter reads them (the class list depends on the school chosen), and `now` when the
 * facts do not carry today and schoolYear yet (filters compare with them).
 */
export function schemaForFacts(procedure: WithSchema, facts: Facts, answers?: unknown, now?: Date): Schema {
  const calendarFacts = now ? withToday(facts, now) : facts;
  const copy = structuredClone(procedure.schema);
  for (const field of lookupFields(procedure.schema)) {
    const node = field.schemaPath.reduce<Schema>((n, token) => n[token] as Schema, copy);
    const choices = lookupOptions(field.spec, calendarFacts, answers, procedure);
    node.oneOf = choices.length > 0 ? choices : [NO_CHOICE];
  }
  return copy;
}

function withToday(facts: Facts, now: Date): Facts {
  const today = parisDate(now);
  return { ...facts, today, schoolYear: schoolYearOf(today) };
}

/** Every value present in the answers at a pointer with "*" wildcards, with its exact pointer. */
function instancesAt(answers: unknown, pointer: string): { pointer: string; value: unknown }[] {
  let current: { tokens: string[]; value: unknown }[] = [{ tokens: [], value: answers }];
  for (const token of parsePointer(pointer)) {
    const next: { tokens: string[]; value: unknown }[] = [];
    for (const { tokens, value } of current) {
      if (token === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ tokens: [...tokens, String(i)], value: v }));
      } else if (value && typeof value === 'object' && !Array.isArray(value) && token in value) {
        next.push({ tokens: [...tokens, token], value: (value as Record<string, unknown>)[token] });
      }
    }
    current = next;
  }
  return current.filter((c) => c.value !== undefined).map((c) => ({ pointer: formatPointer(c.tokens), value: c.value }));
}

/** Field errors, in Ajv's shape, for every answer not among its lookup's allowed options. */
export function lookupErrors(procedure: WithSchema, answers: unknown, facts: Facts): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of lookupFields(procedure.schema)) {
    const allowed = lookupOptions(field.spec, facts, answers, procedure).map((o) => o.const);
    for (const { pointer, value } of instancesAt(answers, field.pointer)) {
      if (value === null || value === '' || allowed.includes(value)) continue;
      errors.push({
        instancePath: pointer,
        keyword: LOOKUP_KEYWORD,
        message:
          allowed.length === 0
            ? 'Aucun choix n’est disponible pour ce champ actuellement.'
            : 'Ce choix n’est pas (ou plus) proposé : choisissez parmi la liste.',
        params: { source: field.spec.source, allowedValues: allowed },
        schemaPath: `#${formatPointer(field.schemaPath)}/${LOOKUP_KEYWORD}`,
      });
    }
  }
  return errors;
}

/**
 * The items the answers chose, by selection key ("ecole", "activites"): always a list, in
 * the order of the answers. Rules read them as selections.activites, selections.ecole.0.name.
 */
export function selectionsOf(procedure: WithSchema, answers: unknown, facts: Facts): Record<string, Item[]> {
  const out: Record<string, Item[]> = {};
  for (const field of lookupFields(procedure.schema)) {
    const choices = lookupChoices(field.spec, facts, answers, procedure);
    const chosen: Item[] = [];
    for (const { value } of instancesAt(answers, field.pointer)) {
      const found = choices.find((c) => c.option.const === value);
      if (found && !chosen.includes(found.item)) chosen.push(found.item);
    }
    out[field.selectionKey] = [...(out[field.selectionKey] ?? []), ...chosen];
  }
  return out;
}
