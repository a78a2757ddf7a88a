// Key rotation, second half: after DATA_KEY is replaced (the old key moved to
// DATA_KEY_PREVIOUS), every sealed value is re-sealed with the new key so the old one can be
// dropped. Generic: every column named *_encrypted or *_sealed of a table with a primary key
// is found from the catalogue, so a module adding one needs nothing here.
import type { Db } from '../db.js';
import { sealedKeyId, type Sealer } from '../crypto.js';
import type { SealedStorage } from '../storage.js';

export interface ReencryptReport {
  /** "table.column" → values re-sealed. */
  columns: Record<string, number>;
  total: number;
}

export interface SealedColumn {
  table: string;
  column: string;
  /** The table's primary key columns. */
  key: string[];
}

/** The sealed columns of the database, with their table's primary key. */
export async function sealedColumns(db: Db): Promise<SealedColumn[]> {
  const { rows } = await db.raw(
    `SELECT c.table_name AS table, c.column_name AS column,
            (SELECT array_agg(k.column_name::text ORDER BY k.ordinal_position) FROM information_schema.table_constraints tc
               JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
              WHERE tc.table_schema = c.table_schema AND tc.table_name = c.table_name AND tc.constraint_type = 'PRIMARY KEY') AS key
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema() AND (c.column_name LIKE '%\\_encrypted' ESCAPE '\\' OR c.column_name LIKE '%\\_sealed' ESCAPE '\\')
      ORDER BY 1, 2`,
  );
  const out: SealedColumn[] = [];
  for (const r of rows as { table: string; column: string; key: string[] | string | null }[]) {
    const key = Array.isArray(r.key) ? r.key : typeof r.key === 'string' ? r.key.replace(/[{}]/g, '').split(',').filter(Boolean) : [];
    if (!key.length) throw new Error(`${r.table}.${r.column} : table sans clé primaire, rechiffrement impossible.`);
    out.push({ table: r.table, column: r.column, key });
  }
  return out;
}

/** Re-seals every value not sealed with the current key, in small transactions (safe while the portal runs). */
export async function reencryptAll(db: Db, sealer: Sealer, batch = 200): Promise<ReencryptReport> {
  if (!sealer.currentKeyId) throw new Error('Ce chiffreur ne permet pas la rotation des clés.');
  const prefix = `v2.${sealer.currentKeyId}.`;
  const report: ReencryptReport = { columns: {}, total: 0 };
  for (const { table, column, key } of await sealedColumns(db)) {
    let count = 0;
    for (;;) {
      const done = await db.transaction(async (trx) => {
        const rows = await trx(table).whereNotNull(column).whereRaw('left(??, ?) <> ?', [column, prefix.length, prefix])
          .orderBy(key).limit(batch).forUpdate().skipLocked().select([...key, column]);
        for (const row of rows) {
          const value = row[column] as string;
          if (sealedKeyId(value) === sealer.currentKeyId) continue;
          await trx(table).where(Object.fromEntries(key.map((k) => [k, row[k]]))).update({ [column]: sealer.seal(sealer.open(value)) });
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

/**
 * Re-seals every stored justificatif not sealed with the current key (older key, or stored in
 * clear before files were encrypted), one file at a time, each replaced whole. Files already
 * gone (retention, quarantine) are skipped. Returns how many were re-sealed.
 */
export async function resealFiles(db: Db, storage: SealedStorage, batch = 200): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const names = (await db('attachments').where('storage_name', '>', after).orderBy('storage_name').limit(batch).pluck('storage_name')) as string[];
    for (const name of names) {
      try {
        if (await storage.reseal(name)) count++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (names.length < batch) return count;
    after = names[names.length - 1];
  }
}
