// JSON Schemas of the agents' activity API (structure only; the rules that need more than a
// schema — tariff bands, deadline grammar, schools that exist — are in validate.ts).
import { object, str, uuid, type Schema } from '../http/validate.js';

export const KINDS = ['canteen', 'before_school', 'after_school', 'wednesday', 'holiday'] as const;
export const OPENS = ['schoolDays', 'wednesdays', 'holidays'] as const;
export const ATTENDANCE = ['present', 'absent_justified', 'absent_unjustified'] as const;

const day = { type: 'string', format: 'date' };
const nullableInt = (minimum: number, maximum: number): Schema => ({ type: ['integer', 'null'], minimum, maximum });

export const calendarSchema = object({
  zone: { type: 'string', enum: ['A', 'B', 'C'] },
  opens: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'string', enum: [...OPENS] } },
  weekdays: { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 5 } },
  closedDays: { type: 'array', maxItems: 366, uniqueItems: true, items: day },
}, ['zone', 'opens']);

/**
 * The tariff: bands by family quotient for one school year, or an effort rate. Its two
 * shapes are told apart in validate.ts (precise messages at the field, not oneOf noise).
 */
export const tariffSchema: Schema = { type: 'object', maxProperties: 6 };

export const activityBody = object({
  id: uuid(),
  code: str(30, { pattern: '^[A-Z0-9][A-Z0-9_-]{1,29}$' }),
  name: str(200, { minLength: 2 }),
  kind: { type: 'string', enum: [...KINDS] },
  capacity: nullableInt(1, 10_000),
  minAgeMonths: nullableInt(0, 300),
  maxAgeMonths: nullableInt(0, 300),
  schoolIds: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: uuid() },
  deadlineRules: object({ book: str(120, { minLength: 1 }), cancel: str(120, { minLength: 1 }) }),
  calendar: calendarSchema,
  tariff: tariffSchema,
  validation: { type: 'string', enum: ['automatic', 'manual'] },
  active: { type: 'boolean' },
  unpaidBlockCents: nullableInt(0, 100_000_000),
  // Capacity per age group; ranges and capacities are checked in validate.ts (French message at each field).
  ageGroups: {
    type: ['array', 'null'], maxItems: 20,
    items: object({ key: { type: 'string', maxLength: 40 }, label: str(100), minAgeMonths: { type: 'number' }, maxAgeMonths: { type: 'number' }, capacity: { type: 'number' } }),
  },
}, ['code', 'name', 'kind', 'capacity', 'schoolIds', 'deadlineRules', 'calendar', 'tariff', 'validation', 'active']);

export const attendanceBody = object({
  attendance: { type: ['string', 'null'], enum: [...ATTENDANCE, null] },
});

export const idParams = object({ id: uuid() });
export const dayQuery = object({ date: day });
export const yearQuery = object({ schoolYear: { type: 'string', pattern: '^[0-9]{4}-[0-9]{4}$' } }, []);
