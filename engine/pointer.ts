// JSON pointers (RFC 6901) over answers and over JSON Schemas.

/** Splits "/a/b~1c" into ["a", "b/c"]; "" and "#" give []. */
export function parsePointer(pointer: string): string[] {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return [];
  return p.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Reads a value at a pointer; undefined when any part is missing. */
export function getAt(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** Returns a copy of `root` with `value` set at `pointer`, creating objects on the way. */
export function setAt<T extends Record<string, unknown>>(root: T, pointer: string, value: unknown): T {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value as T;
  const copy: Record<string, unknown> = { ...root };
  let cursor = copy;
  tokens.forEach((token, i) => {
    if (i === tokens.length - 1) {
      cursor[token] = value;
      return;
    }
    const next = cursor[token];
    const child = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
    cursor[token] = child;
    cursor = child as Record<string, unknown>;
  });
  return copy as T;
}

type Schema = Record<string, unknown>;

/**
 * Finds the sub-schema that an answer pointer ("/adresse/codePostal", "/enfants/0/nom")
 * designates, walking properties and items. Undefined when the schema has no such place.
 */
export function schemaAtAnswerPointer(schema: unknown, pointer: string): Schema | undefined {
  let current = deref(schema, schema as Schema | undefined);
  for (const token of parsePointer(pointer)) {
    current = childSchema(schema, current, token);
    if (!current) return undefined;
  }
  return current;
}

/** A dotted path ("adresse.codePostal") as an answer pointer. */
export function dotToPointer(path: string): string {
  return path === '' ? '' : formatPointer(path.split('.'));
}

/** Follows a local $ref ("#/definitions/x") from the root schema. */
function deref(root: unknown, schema: Schema | undefined, seen = 0): Schema | undefined {
  if (!schema || typeof schema !== 'object' || typeof schema.$ref !== 'string' || seen > 20) return schema;
  if (!schema.$ref.startsWith('#')) return undefined;
  return deref(root, schemaAtScope(root, schema.$ref), seen + 1);
}

function childSchema(root: unknown, input: Schema | undefined, token: string): Schema | undefined {
  const schema = deref(root, input);
  if (!schema || typeof schema !== 'object') return undefined;
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props && Object.prototype.hasOwnProperty.call(props, token)) return deref(root, props[token]);
  if (schema.items && typeof schema.items === 'object' && (/^\d+$/.test(token) || token === '*')) {
    return deref(root, schema.items as Schema);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[key] as Schema[] | undefined;
    for (const branch of branches ?? []) {
      const found = childSchema(root, branch, token);
      if (found) return found;
    }
  }
  for (const key of ['then', 'else'] as const) {
    const found = childSchema(root, schema[key] as Schema | undefined, token);
    if (found) return found;
  }
  return undefined;
}

/**
 * Resolves a JSONForms scope ("#/properties/a/properties/b", "#/properties/list/items")
 * against a schema; undefined when it points nowhere.
 */
export function schemaAtScope(schema: unknown, scope: string): Schema | undefined {
  let current = schema as Schema | undefined;
  for (const token of parsePointer(scope)) {
    if (!current || typeof current !== 'object') return undefined;
    if (typeof current.$ref === 'string' && !(token in current)) current = deref(schema, current);
    current = (current as Record<string, unknown> | undefined)?.[token] as Schema | undefined;
  }
  return current && typeof current === 'object' ? current : undefined;
}

/** "#/properties/adresse/properties/rue" → "/adresse/rue" (the answer pointer a scope writes to). */
export function scopeToAnswerPointer(scope: string): string {
  const tokens = parsePointer(scope);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'properties') out.push(tokens[++i]);
  }
  return formatPointer(out);
}
