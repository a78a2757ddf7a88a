// The two Ajv instances of the engine: one for the meta-schemas (definitions are checked
// against them), one for the answers of dossiers (each démarche's schema.json).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import { isValidIBAN, electronicFormatIBAN, isSEPACountry } from 'ibantools';
import type { FieldError } from './types.js';
import * as generated from './meta/validators.generated.js';
import { META_OPTIONS, META_SCHEMAS, metaSourceHash, type MetaKind } from './meta-validators.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;
const localizeFr = ((localizeFrModule as unknown as { default?: unknown }).default ?? localizeFrModule) as (
  errors?: ErrorObject[] | null,
) => void;

/** IBAN with a valid checksum from a SEPA country; spaces are allowed. */
export function isSepaIban(value: string): boolean {
  const iban = electronicFormatIBAN(value) ?? '';
  return isValidIBAN(iban) && isSEPACountry(iban.slice(0, 2));
}

/**
 * Keywords JSONForms and our tooling read that JSON Schema itself does not define (annotations
 * for Ajv): i18n (JSONForms), x-lookup (choices from reference data, engine/lookups.ts) and
 * x-masked (shown masked once given, engine/masking.ts).
 */
export const EXTRA_SCHEMA_KEYWORDS = ['i18n', 'x-lookup', 'x-masked'];

function answersAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, messages: true });
  addFormats(ajv);
  ajv.addFormat('iban', { type: 'string', validate: isSepaIban });
  ajv.addFormat('phone-fr', /^(?:(?:\+|00)33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}$/);
  ajv.addFormat('postal-code-fr', /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/);
  for (const keyword of EXTRA_SCHEMA_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}

let metaValidators: Record<MetaKind, ValidateFunction> | undefined;

/**
 * Validators for procedure.json, uischema.json, workflow.json and scenarios: the generated
 * standalone ones while they match the meta-schemas, else compiled here (slower start, same answers).
 */
export function metaValidator(kind: MetaKind): ValidateFunction {
  if (!metaValidators) {
    if (generated.SOURCE_HASH === metaSourceHash()) {
      metaValidators = { procedure: generated.procedure, uischema: generated.uischema, workflow: generated.workflow, scenario: generated.scenario };
    } else {
      const ajv = new Ajv({ ...META_OPTIONS });
      addFormats(ajv);
      metaValidators = Object.fromEntries(
        Object.entries(META_SCHEMAS).map(([k, schema]) => [k, ajv.compile(schema)]),
      ) as Record<MetaKind, ValidateFunction>;
    }
  }
  return metaValidators[kind];
}

let answers: Ajv | undefined;
/** The shared Ajv for answers; schemas are added once per definition version. */
export function answersValidatorFactory(): Ajv {
  answers ??= answersAjv();
  return answers;
}

/** A fresh Ajv to try-compile an untrusted schema without polluting the shared instance. */
export function scratchAjv(): Ajv {
  return answersAjv();
}

/** Ajv errors → field errors with French messages, for the API and JSONForms. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  if (!errors?.length) return [];
  const copy = errors.map((e) => ({ ...e }));
  localizeFr(copy);
  return copy.map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    message: frenchMessage(e),
    params: e.params as Record<string, unknown>,
    schemaPath: e.schemaPath,
  }));
}

function frenchMessage(e: ErrorObject): string {
  if (e.keyword === 'required') return 'Ce champ est obligatoire.';
  if (e.keyword === 'format') {
    const format = (e.params as { format: string }).format;
    const known: Record<string, string> = {
      iban: 'IBAN invalide : vérifiez la clé et que le pays fait partie de la zone SEPA.',
      'phone-fr': 'Numéro de téléphone invalide (ex. 06 12 34 56 78).',
      'postal-code-fr': 'Code postal invalide (5 chiffres).',
      email: 'Adresse mail invalide.',
      date: 'Date invalide (JJ/MM/AAAA).',
    };
    if (known[format]) return known[format];
  }
  if (e.keyword === 'additionalProperties') {
    return `Champ inconnu « ${(e.params as { additionalProperty: string }).additionalProperty} ».`;
  }
  const message = e.message ?? 'valeur invalide';
  return message.charAt(0).toUpperCase() + message.slice(1) + '.';
}

/**
 * Where a field error belongs: a "required" error is reported at the missing property
 * itself, so JSONForms and step validation see it at the field.
 */
export function errorPointer(e: Pick<FieldError, 'instancePath' | 'keyword' | 'params'>): string {
  if (e.keyword === 'required') return `${e.instancePath}/${String(e.params.missingProperty)}`;
  return e.instancePath;
}
