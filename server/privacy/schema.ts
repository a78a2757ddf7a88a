// What the database holds about a family, found from the catalogue rather than listed by
// hand, so a table added later by another module is exported (and checked) without edits:
// tables with a family_id; tables pointing (by foreign key) at one of those; tables
// pointing at children (shared between the two households of a child).
import type { Db, Trx } from '../db.js';

export interface FamilyTable {
  table: string;
  /** How to select the family's rows: a column equal to the family id, or a column in a parent's ids. */
  via: { column: string; parent?: string };
}

/** Security material about accounts, never part of an export (hashes, sessions, tokens, throttling). */
export const NOT_EXPORTED = new Set(['sessions', 'password_tokens', 'email_change_tokens', 'login_throttle', 'knex_migrations', 'knex_migrations_lock']);

export async function familyTables(db: Db | Trx): Promise<FamilyTable[]> {
  const cols = (await db.raw(
    `SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema()`,
  )).rows as { t: string; c: string }[];
  const fks = (await db.raw(
    `SELECT tc.table_name AS t, kcu.column_name AS c, ccu.table_name AS ref
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND ccu.column_name = 'id'`,
  )).rows as { t: string; c: string; ref: string }[];
  const columnsOf = new Map<string, Set<string>>();
  for (const { t, c } of cols) (columnsOf.get(t) ?? columnsOf.set(t, new Set()).get(t)!).add(c);
  const direct = new Set([...columnsOf].filter(([t, c]) => c.has('family_id') && !NOT_EXPORTED.has(t)).map(([t]) => t));
  const out: FamilyTable[] = [{ table: 'families', via: { column: 'id' } }];
  for (const t of [...direct].sort()) if (t !== 'families') out.push({ table: t, via: { column: 'family_id' } });
  for (const [t] of [...columnsOf].sort(([a], [b]) => a.localeCompare(b))) {
    if (direct.has(t) || t === 'families' || NOT_EXPORTED.has(t)) continue;
    const own = fks.filter((f) => f.t === t);
    // Prefer the household-owned parent (an invoice line follows its invoice, not the child,
    // so the other household of a shared child never sees it).
    const viaFamily = own.find((f) => direct.has(f.ref) && f.ref !== 'families');
    const viaChild = own.find((f) => f.ref === 'children');
    if (t === 'children') out.push({ table: t, via: { column: 'id', parent: 'family_children' } });
    else if (viaFamily) out.push({ table: t, via: { column: viaFamily.c, parent: viaFamily.ref } });
    else if (viaChild) out.push({ table: t, via: { column: viaChild.c, parent: 'family_children' } });
  }
  return out;
}

/** The query selecting one family's rows of a table. */
export function familyRows(db: Db | Trx, spec: FamilyTable, familyId: string) {
  const { column, parent } = spec.via;
  const q = db(spec.table);
  if (!parent) return q.where(column, familyId);
  if (parent === 'family_children') return q.whereIn(column, db('family_children').where({ family_id: familyId }).select('child_id'));
  return q.whereIn(column, db(parent).where({ family_id: familyId }).select('id'));
}
