// A CSP-safe stand-in for Ajv inside JSONForms. Ajv compiles schemas to code with
// `new Function`, which a strict CSP (no 'unsafe-eval') blocks; the wizard does not need it:
// answers are validated by the server (POST steps/:index/check), whose Ajv-shaped errors come
// back as additionalErrors. JSONForms still evaluates rule conditions ({effect, condition:
// {scope, schema}}) and picks combinator branches through `ajv.validate/compile`; this
// interpreter answers those with the JSON Schema keywords conditions use.

type Schema = Record<string, unknown> | boolean;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `value` satisfies `schema` (subset: the keywords rule conditions and combinators use). */
export function matches(schema: Schema, value: unknown, root: Schema = schema): boolean {
  if (schema === true || schema === undefined) return true;
  if (schema === false) return false;
  const s = schema as Record<string, any>;
  if (typeof s.$ref === 'string') return matches(resolveRef(root, s.$ref), value, root);
  if ('const' in s && !equal(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => equal(e, value))) return false;
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => hasType(value, t))) return false;
  }
  if (s.not !== undefined && matches(s.not, value, root)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((sub: Schema) => matches(sub, value, root))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub: Schema) => matches(sub, value, root))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub: Schema) => matches(sub, value, root)).length !== 1) return false;
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !safeRegExp(s.pattern)?.test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items) && !value.every((v) => matches(s.items, v, root))) return false;
    if (s.contains !== undefined && !value.some((v) => matches(s.contains, v, root))) return false;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    if (Array.isArray(s.required) && !s.required.every((k: string) => object[k] !== undefined)) return false;
    if (s.properties && typeof s.properties === 'object') {
      for (const [key, sub] of Object.entries(s.properties as Record<string, Schema>)) {
        if (object[key] !== undefined && !matches(sub, object[key], root)) return false;
      }
    }
  }
  return true;
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) return true;
  let node: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return (node as Schema | undefined) ?? true;
}

const patterns = new Map<string, RegExp | null>();
function safeRegExp(source: string): RegExp | null {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, new RegExp(source, 'u'));
    } catch {
      patterns.set(source, null);
    }
  }
  return patterns.get(source)!;
}

interface CompiledCheck {
  (data: unknown): boolean;
  errors: { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }[] | null;
}

/** The part of Ajv's interface JSONForms calls, interpreted instead of compiled. */
export const schemaInterpreter = {
  validate(schema: Schema, data: unknown): boolean {
    return matches(schema, data);
  },
  compile(schema: Schema): CompiledCheck {
    const check = ((data: unknown) => {
      const ok = matches(schema, data);
      check.errors = ok ? null : [{ keyword: 'type', instancePath: '', message: 'valeur non conforme', params: {} }];
      return ok;
    }) as CompiledCheck;
    check.errors = null;
    return check;
  },
  // JSONForms only reads these when it builds its own instance; present for type compatibility.
  addSchema() {
    return this;
  },
  getSchema() {
    return undefined;
  },
  removeSchema() {
    return this;
  },
};
