// Reading the meta-schemas (engine/meta/*.schema.json, draft-07) at a JSON path: which
// properties an object may hold and which values a field may take — for completion.
type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

function resolveRef(root: Schema, ref: string): Schema | null {
  if (!ref.startsWith('#')) return null;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return isSchema(node) ? node : null;
}

/** The schema and every branch it stands for ($ref, allOf, anyOf, oneOf, then/else), flattened. */
export function expand(root: Schema, schema: Schema | null, seen = new Set<Schema>()): Schema[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  const out: Schema[] = [schema];
  if (typeof schema.$ref === 'string') out.push(...expand(root, resolveRef(root, schema.$ref), seen));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) if (isSchema(sub)) out.push(...expand(root, sub, seen));
  }
  for (const key of ['then', 'else']) if (isSchema(schema[key])) out.push(...expand(root, schema[key] as Schema, seen));
  return out;
}

/** Drops union branches whose `type` (or other const discriminator) contradicts the object at hand. */
function fitting(branches: Schema[], value: unknown): Schema[] {
  if (!isSchema(value)) return branches;
  const kept = branches.filter((branch) => {
    const props = isSchema(branch.properties) ? branch.properties : {};
    for (const [key, sub] of Object.entries(props)) {
      if (!isSchema(sub) || !(key in value)) continue;
      if ('const' in sub && JSON.stringify(sub.const) !== JSON.stringify(value[key])) return false;
      if (Array.isArray(sub.enum) && typeof value[key] === 'string' && !sub.enum.includes(value[key])) return false;
    }
    return true;
  });
  // A discriminator being typed ("type": "Con…") fits no branch yet: offer them all.
  return kept.length ? kept : branches;
}

function child(root: Schema, branch: Schema, key: string | number): Schema[] {
  const out: Schema[] = [];
  if (typeof key === 'number') {
    if (isSchema(branch.items)) out.push(branch.items);
    else if (Array.isArray(branch.items) && isSchema(branch.items[key])) out.push(branch.items[key] as Schema);
    return out;
  }
  if (isSchema(branch.properties) && isSchema(branch.properties[key])) out.push(branch.properties[key] as Schema);
  if (isSchema(branch.patternProperties)) {
    for (const [pattern, sub] of Object.entries(branch.patternProperties)) {
      try {
        if (isSchema(sub) && new RegExp(pattern, 'u').test(key)) out.push(sub);
      } catch {
        /* a pattern the browser cannot read: ignore */
      }
    }
  }
  if (out.length === 0 && isSchema(branch.additionalProperties)) out.push(branch.additionalProperties);
  void root;
  return out;
}

/** Every schema branch describing the value at `path` of a document `doc` validated by `root`. */
export function schemasAt(root: Schema, path: (string | number)[], doc: unknown): Schema[] {
  let current = expand(root, root);
  let value: unknown = doc;
  for (const key of path) {
    const next: Schema[] = [];
    for (const branch of fitting(current, value)) for (const sub of child(root, branch, key)) next.push(...expand(root, sub));
    value = isSchema(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
    current = next;
    if (current.length === 0) break;
  }
  return fitting(current, value);
}

export interface PropertyHint {
  name: string;
  description?: string;
  required: boolean;
  /** The JSON to insert after the key, so that the value starts in the right shape. */
  template: string;
}

function templateFor(root: Schema, schema: Schema): string {
  const branches = expand(root, schema);
  for (const b of branches) {
    if ('const' in b) return JSON.stringify(b.const);
    if (Array.isArray(b.enum) && b.enum.length === 1) return JSON.stringify(b.enum[0]);
  }
  const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : [])) as string[];
  if (types[0] === 'object') return '{}';
  if (types[0] === 'array') return '[]';
  if (types[0] === 'string') return '""';
  if (types[0] === 'boolean') return 'false';
  return '';
}

/** The properties the object at `path` may hold (missing required ones first). */
export function propertiesAt(root: Schema, path: (string | number)[], doc: unknown): PropertyHint[] {
  const seen = new Map<string, PropertyHint>();
  for (const branch of schemasAt(root, path, doc)) {
    if (!isSchema(branch.properties)) continue;
    const required = Array.isArray(branch.required) ? (branch.required as string[]) : [];
    for (const [name, sub] of Object.entries(branch.properties)) {
      if (!isSchema(sub) || seen.has(name)) continue;
      const description = typeof sub.description === 'string' ? sub.description : expand(root, sub).map((s) => s.description).find((d): d is string => typeof d === 'string');
      seen.set(name, { name, description, required: required.includes(name), template: templateFor(root, sub) });
    }
  }
  return [...seen.values()];
}

/** The literal values (enum, const, booleans) the field at `path` may take. */
export function valuesAt(root: Schema, path: (string | number)[], doc: unknown): { value: unknown; description?: string }[] {
  const out = new Map<string, { value: unknown; description?: string }>();
  for (const branch of schemasAt(root, path, doc)) {
    const description = typeof branch.description === 'string' ? branch.description : undefined;
    if ('const' in branch) out.set(JSON.stringify(branch.const), { value: branch.const, description });
    if (Array.isArray(branch.enum)) for (const v of branch.enum) out.set(JSON.stringify(v), { value: v, description });
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    if (types.includes('boolean')) for (const v of [true, false]) out.set(String(v), { value: v });
  }
  return [...out.values()];
}

/** A small JSON Schema (draft-07) vocabulary for schema.json, which has no meta-schema of ours. */
export function jsonSchemaMeta(): Schema {
  const types = ['object', 'string', 'number', 'integer', 'boolean', 'array', 'null'];
  const formats = ['date', 'date-time', 'email', 'time', 'uri', 'postal-code-fr', 'phone-fr', 'iban'];
  return {
    definitions: {
      node: {
        type: 'object',
        properties: {
          type: { enum: types, description: 'Type de la valeur.' },
          title: { type: 'string', description: 'Libellé du champ tel que les familles le voient.' },
          description: { type: 'string', description: 'Aide affichée sous le champ.' },
          properties: { type: 'object', additionalProperties: { $ref: '#/definitions/node' }, description: 'Champs d’un objet.' },
          required: { type: 'array', items: { type: 'string' }, description: 'Champs obligatoires.' },
          additionalProperties: { type: 'boolean', description: 'false : aucun autre champ permis.' },
          items: { $ref: '#/definitions/node', description: 'Schéma des éléments d’une liste.' },
          enum: { type: 'array', description: 'Valeurs permises.' },
          oneOf: { type: 'array', items: { $ref: '#/definitions/node' }, description: 'Choix : [{ "const": …, "title": … }].' },
          const: { description: 'Valeur unique permise.' },
          format: { enum: formats, description: 'Format de chaîne vérifié par le moteur.' },
          minLength: { type: 'integer' },
          maxLength: { type: 'integer' },
          pattern: { type: 'string', description: 'Expression régulière (bornée : pas de retour arrière catastrophique).' },
          minimum: { type: 'number' },
          maximum: { type: 'number' },
          minItems: { type: 'integer' },
          maxItems: { type: 'integer' },
          default: { description: 'Valeur initiale.' },
          $ref: { type: 'string', description: '"#/definitions/…"' },
          definitions: { type: 'object', additionalProperties: { $ref: '#/definitions/node' } },
          'x-lookup': { description: 'Valeurs tirées des données de référence (schools, classes, activities, enrolments).' },
          'x-masked': { type: 'boolean', description: 'Valeur masquée dans les mails (IBAN).' },
        },
      },
    },
    $ref: '#/definitions/node',
  };
}
