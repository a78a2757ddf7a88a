// Input validation of routes: every schema compiled once at start-up (never in a request);
// unknown fields refused; errors in Ajv's shape with French messages.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { toFieldErrors } from '../../engine/ajv.js';
import { AppError } from './errors.js';

export type Schema = Record<string, unknown>;

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: coerce, useDefaults: coerce });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
// Path and query values are strings on the wire; coerce them ("20" → 20).
const urlAjv = makeAjv(true);

/** An object schema that refuses unknown fields (no mass assignment). */
export function object(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const str = (maxLength = 1000, extra: Schema = {}): Schema => ({ type: 'string', maxLength, ...extra });
export const email = (): Schema => ({ type: 'string', format: 'email', maxLength: 254 });
export const uuid = (): Schema => ({ type: 'string', format: 'uuid' });
export const password = (): Schema => ({ type: 'string', maxLength: 1024 });

// Every object schema that lists properties must close them (free-form maps such as a
// dossier's answers are validated elsewhere, by the engine); checked at registration.
function assertClosed(node: unknown, where: string): void {
  if (Array.isArray(node)) return node.forEach((n) => assertClosed(n, where));
  if (!node || typeof node !== 'object') return;
  const s = node as Schema;
  if (s.type === 'object' && s.properties && s.additionalProperties !== false) {
    throw new Error(`${where}: un schéma d'objet doit refuser les champs inconnus (additionalProperties: false).`);
  }
  for (const value of Object.values(s)) assertClosed(value, where);
}

export type Validator = (value: unknown) => unknown;

export function compileValidator(schema: Schema, kind: 'body' | 'params' | 'query', where: string): Validator {
  assertClosed(schema, where);
  const fn: ValidateFunction = (kind === 'body' ? bodyAjv : urlAjv).compile(schema);
  return (value) => {
    if (fn(value)) return value;
    const details = toFieldErrors(fn.errors);
    const message = kind === 'body' ? 'Certaines informations envoyées sont invalides.' : "L'adresse demandée contient des paramètres invalides.";
    // A malformed id in a path is just an id that does not exist.
    if (kind === 'params') throw new AppError('NOT_FOUND', 'Élément introuvable.');
    throw new AppError('INVALID_INPUT', message, details);
  };
}
