// Right of access (GDPR art. 15): everything stored about a family, as JSON, decrypted.
// The tables come from the catalogue (server/privacy/schema.ts); secrets about accounts
// (password hashes, second-factor secrets, stored file names) are left out.
import type { AppDeps } from '../deps.js';
import { auditLog } from '../audit.js';
import { notFound } from '../http/errors.js';
import { familyRows, familyTables } from './schema.js';

const SECRET_COLUMN = /(^|_)(hash|secret|secrets|token|totp|recovery|salt)(_|$)|^storage_name$/i;

type Row = Record<string, unknown>;

function exportedRow(row: Row, open: (sealed: string) => string): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (SECRET_COLUMN.test(column)) continue;
    if (column.endsWith('_encrypted')) {
      if (value === null || value === undefined) continue;
      const plain = open(String(value));
      let parsed: unknown = plain;
      try {
        parsed = JSON.parse(plain);
      } catch {
        /* a plain string (an IBAN) */
      }
      out[column.slice(0, -'_encrypted'.length)] = parsed;
    } else out[column] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

export interface FamilyExport {
  format: 'portail-famille/export/v1';
  exportedAt: string;
  familyId: string;
  /** Table name → the family's rows, decrypted. */
  tables: Record<string, Row[]>;
}

/** Everything about one family; an agent's export is written to the audit log. */
export async function exportFamily(deps: AppDeps, familyId: string, actor: { id: string; role: string }): Promise<FamilyExport> {
  if (!/^[0-9a-f-]{36}$/i.test(familyId)) throw notFound('Famille');
  const family = await deps.db('families').where({ id: familyId }).first('id');
  if (!family) throw notFound('Famille');
  // Written first, so the export shows its own access too.
  await auditLog(deps.db, { actorId: actor.id, actorRole: actor.role, action: 'family.export', subjectType: 'family', subjectId: familyId, familyId });
  const tables: Record<string, Row[]> = {};
  for (const spec of await familyTables(deps.db)) {
    const rows = (await familyRows(deps.db, spec, familyId).select('*')) as Row[];
    rows.sort((a, b) => String(a.id ?? '').localeCompare(String(b.id ?? '')));
    tables[spec.table] = rows.map((r) => exportedRow(r, (s) => deps.sealer.open(s)));
  }
  return { format: 'portail-famille/export/v1', exportedAt: deps.clock.now().toISOString(), familyId, tables };
}
