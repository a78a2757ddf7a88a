// Key rotation, second half: after DATA_KEY is replaced (the old key moved to
// DATA_KEY_PREVIOUS), every sealed value is re-sealed with the new key so the old one can be
// dropped. Generic: every column named *_encrypted of a table with an `id` finds itself.
import type { Db } from '../db.js';
import { sealedKeyId, type Sealer } from '../crypto.js';

export interface ReencryptReport {
  /** "table.column" → values re-sealed. */
  columns: Record<string, number>;
  total: number;
}

/** The sealed columns of the database (table, column), from the catalogue. */
export async function sealedColumns(db: Db): Promise<{ table: string; column: string }[]> {
  const { rows } = await db.raw(
    `SELECT c.table_name AS table, c.column_name AS column FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.column_name LIKE '%\\_encrypted' ESCAPE '\\'
        AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id')
        AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
      ORDER BY 1, 2`,
  );
  return rows as { table: string; column: string }[];
}

/** Re-seals every value not sealed with the current key, in small transactions (safe while the portal runs). */
export async function reencryptAll(db: Db, sealer: Sealer, batch = 200): Promise<ReencryptReport> {
  if (!sealer.currentKeyId) throw new Error('Ce chiffreur ne permet pas la rotation des clés.');
  const prefix = `v2.${sealer.currentKeyId}.`;
  const report: ReencryptReport = { columns: {}, total: 0 };
  for (const { table, column } of await sealedColumns(db)) {
    let count = 0;
    for (;;) {
      const done = await db.transaction(async (trx) => {
        const rows = await trx(table).whereNotNull(column).whereRaw('left(??, ?) <> ?', [column, prefix.length, prefix])
          .orderBy('id').limit(batch).forUpdate().skipLocked().select('id', column);
        for (const row of rows) {
          const value = row[column] as string;
          if (sealedKeyId(value) === sealer.currentKeyId) continue;
          await trx(table).where({ id: row.id }).update({ [column]: sealer.seal(sealer.open(value)) });
        }
        return rows.length;
      });
      count += done;
      if (done < batch) break;
    }
    report.columns[`${table}.${column}`] = count;
    report.total += count;
  }
  return report;
}
