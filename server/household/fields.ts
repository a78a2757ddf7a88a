import type { Knex } from 'knex';
// How the household record (engine/meta/household.schema.json) maps onto table columns.
// These maps are also the whitelist of what an effect may write: anything else is refused.
export type ColumnKind = 'text' | 'date' | 'bool';
export interface FieldMap {
  [recordField: string]: { column: string; kind: ColumnKind };
}

const text = (column: string) => ({ column, kind: 'text' as const });
const date = (column: string) => ({ column, kind: 'date' as const });
const bool = (column: string) => ({ column, kind: 'bool' as const });

export const FAMILY_FIELDS: FieldMap = { name: text('name'), email: text('email'), homePhone: text('home_phone'), cafNumber: text('caf_number') };

export const addressFields = (prefix: 'address' | 'billing'): FieldMap => ({
  street: text(`${prefix}_street`),
  complement: text(`${prefix}_complement`),
  postalCode: text(`${prefix}_postal_code`),
  city: text(`${prefix}_city`),
});

export const CONSENT_FIELDS: FieldMap = { email: bool('consent_email'), sms: bool('consent_sms') };

export const GUARDIAN_FIELDS: FieldMap = {
  civility: text('civility'), lastName: text('last_name'), birthName: text('birth_name'), firstName: text('first_name'),
  birthDate: date('birth_date'), relation: text('relation'), email: text('email'), mobilePhone: text('mobile_phone'),
  homePhone: text('home_phone'), workPhone: text('work_phone'), profession: text('profession'), employer: text('employer'),
  custody: text('custody'),
};

export const CHILD_FIELDS: FieldMap = { lastName: text('last_name'), firstName: text('first_name'), birthDate: date('birth_date'), sex: text('sex') };

export const CONTACT_FIELDS: FieldMap = {
  lastName: text('last_name'), firstName: text('first_name'), relation: text('relation'), mobilePhone: text('mobile_phone'),
  homePhone: text('home_phone'), canPickUp: bool('can_pick_up'), emergencyContact: bool('emergency_contact'),
};

export const SCHOOLING_FIELDS: FieldMap = { schoolYear: text('school_year'), schoolId: text('school_id'), level: text('level'), className: text('class_name') };

/** Columns to select so that dates come back as "YYYY-MM-DD" on pg and PGlite alike. */
export function selectColumns(db: Knex, map: FieldMap, alias?: string): (string | Knex.Raw)[] {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return [col('id'), ...Object.values(map).map((f) => (f.kind === 'date' ? db.raw('??::text as ??', [col(f.column), f.column]) : col(f.column)))];
}

/** A row → record object, leaving out empty columns (the schema has no nulls). */
export function toRecord(row: Record<string, unknown>, map: FieldMap, withId = true): Record<string, unknown> {
  const out: Record<string, unknown> = withId && row.id != null ? { id: String(row.id) } : {};
  for (const [field, { column }] of Object.entries(map)) {
    const value = row[column];
    if (value !== null && value !== undefined) out[field] = value;
  }
  return out;
}

export class RecordFieldError extends Error {}

/** Record values → column values; throws on a field the map does not allow or a wrong type. */
export function toColumns(values: Record<string, unknown>, map: FieldMap, where: string, allowed: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (allowed.includes(field) || value === undefined) continue;
    const spec = map[field];
    if (!spec) throw new RecordFieldError(`« ${where}.${field} » ne peut pas être modifié.`);
    out[spec.column] = convert(value, spec.kind, `${where}.${field}`);
  }
  return out;
}

function convert(value: unknown, kind: ColumnKind, where: string): unknown {
  if (value === null) return null;
  if (kind === 'bool') {
    if (typeof value !== 'boolean') throw new RecordFieldError(`« ${where} » doit être vrai ou faux.`);
    return value;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new RecordFieldError(`« ${where} » doit être un texte.`);
  const s = String(value).trim();
  if (kind === 'date') {
    if (s === '') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new RecordFieldError(`« ${where} » doit être une date AAAA-MM-JJ.`);
  }
  return s === '' ? null : s.slice(0, 1000);
}

/** SQL building a JSON record from a row (dates as "YYYY-MM-DD"); columns are constants of this file. */
export function jsonObjectSql(map: FieldMap, alias: string, extra: Record<string, string> = {}): string {
  const pairs = [`'id', ${alias}.id`];
  for (const [field, { column, kind }] of Object.entries(map)) {
    pairs.push(`'${field}', ${kind === 'date' ? `to_char(${alias}.${column}, 'YYYY-MM-DD')` : `${alias}.${column}`}`);
  }
  for (const [field, sql] of Object.entries(extra)) pairs.push(`'${field}', ${sql}`);
  return `json_build_object(${pairs.join(', ')})`;
}
