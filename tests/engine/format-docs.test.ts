// The meta-schemas are the documentation of the definition format: every property they
// declare says what it is for. And the engine core stays pure: no I/O, clock or randomness.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = fileURLToPath(new URL('../../engine', import.meta.url));
const META = join(ENGINE, 'meta');

/** Pointers of declared properties that have no description (directly or on what they reference). */
function undocumented(schema: unknown, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const out: string[] = [];
  const props = node.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [name, prop] of Object.entries(props ?? {})) {
    if (name === '$schema') continue;
    const documented = (prop as unknown) === true || typeof prop?.description === 'string' || typeof prop?.$ref === 'string' || typeof prop?.title === 'string';
    if (!documented) out.push(`${at}/properties/${name}`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') for (const [name, prop] of Object.entries(value as object)) out.push(...undocumented(prop, `${at}/properties/${name}`));
    else if (key === 'definitions') for (const [name, def] of Object.entries(value as object)) out.push(...undocumented(def, `${at}/definitions/${name}`));
    else if (Array.isArray(value)) value.forEach((v, i) => out.push(...undocumented(v, `${at}/${key}/${i}`)));
    else if (value && typeof value === 'object' && ['items', 'additionalProperties', 'oneOf', 'anyOf', 'allOf'].includes(key)) out.push(...undocumented(value, `${at}/${key}`));
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'meta' || name === 'cli' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('le format des définitions est documenté', () => {
  for (const file of readdirSync(META).filter((f) => f.endsWith('.schema.json'))) {
    it(`${file} : chaque propriété a une description`, () => {
      const schema = JSON.parse(readFileSync(join(META, file), 'utf8'));
      expect(typeof schema.description).toBe('string');
      expect(undocumented(schema)).toEqual([]);
    });
  }
});

describe('le cœur du moteur est pur', () => {
  const core = sources(ENGINE).filter((f) => !f.endsWith('fs-loader.ts'));
  const forbidden = [/from 'node:(fs|http|https|net|child_process|os)/, /from '(express|knex|pg|pino)'/, /from '\.\.\/(server|renderer|admin)\//, /Date\.now\(|new Date\(\)|Math\.random\(|process\.env/];
  for (const file of core) {
    it(`${relative(ENGINE, file)} n'importe ni E/S, ni horloge, ni hasard`, () => {
      const text = readFileSync(file, 'utf8');
      expect(forbidden.filter((pattern) => pattern.test(text)).map(String)).toEqual([]);
    });
  }
});
