// Schema defaults at the start of a dossier: what the household record does not prefill takes
// the "default" of schema.json (e.g. mail consent on by default), so a parent who changes
// nothing submits the defaults they were shown.

type Schema = Record<string, unknown>;

/**
 * A copy of the answers where every property absent along properties (not array items) takes
 * its schema default; objects on the way are created only when something below has a default.
 */
export function withSchemaDefaults(schema: Schema, answers: Record<string, unknown>): Record<string, unknown> {
  const filled = fill(schema, answers);
  return (filled as Record<string, unknown> | undefined) ?? answers;
}

function fill(schema: Schema, value: unknown): unknown {
  if (value !== undefined) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const props = schema.properties as Record<string, Schema> | undefined;
    if (!props) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [name, sub] of Object.entries(props)) {
      if (!sub || typeof sub !== 'object') continue;
      const next = fill(sub, out[name]);
      if (next !== undefined) out[name] = next;
    }
    return out;
  }
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.type === 'object' && schema.properties) {
    const inner = fill(schema, {}) as Record<string, unknown>;
    return Object.keys(inner).length > 0 ? inner : undefined;
  }
  return undefined;
}
