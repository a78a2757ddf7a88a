// The agents' queues: counts per démarche and status, and a filtered list paginated by
// keyset on (submitted_at, id) — as fast on page 500 as on page 1.
import { statusLabel } from '../../engine/index.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';

export interface QueueFilters {
  code?: string;
  status?: string;
  submittedFrom?: string;
  submittedTo?: string;
  family?: string;
  number?: string;
  olderThanDays?: number;
  mine?: boolean;
  order?: 'oldest' | 'newest';
  after?: string;
  limit?: number;
}

/** Statuses that wait for an agent (tag "queue") in any loaded workflow. */
export function queueStatuses(deps: AppDeps): string[] {
  const statuses = new Set<string>();
  for (const p of deps.catalog?.procedures ?? []) for (const [name, state] of Object.entries(p.workflow.states)) if (state.tags?.includes('queue')) statuses.add(name);
  return [...statuses];
}

export async function queueCounts(deps: AppDeps, agentId: string) {
  const rows = await deps.db('dossiers').whereNotNull('submitted_at').groupBy('procedure_code', 'status').select('procedure_code', 'status', deps.db.raw('count(*) as n'));
  const mine = await deps.db('dossiers').where({ assigned_to: agentId }).whereIn('status', queueStatuses(deps)).count({ n: '*' });
  return {
    queues: rows.map((r) => {
      const procedure = deps.catalog?.byCode.get(r.procedure_code);
      return { code: r.procedure_code, title: procedure?.spec.title ?? r.procedure_code, status: r.status, statusLabel: procedure ? statusLabel(procedure, r.status) : r.status, count: Number(r.n) };
    }).sort((a, b) => a.code.localeCompare(b.code) || a.status.localeCompare(b.status)),
    mine: Number(mine[0].n),
  };
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/.test(id)) return [at, id];
  } catch {
    /* fall through */
  }
  throw new AppError('INVALID_INPUT', 'Curseur de pagination invalide.', [{ instancePath: '/after', keyword: 'format', message: 'Curseur invalide.', params: {} }]);
}

/** Midnight in Paris of a YYYY-MM-DD day, as an instant. */
export function parisMidnight(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(utc));
  return new Date(utc.getTime() - hour * 3_600_000);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const encodeCursor = (at: Date | string, id: string) => Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');

export async function listQueue(deps: AppDeps, agentId: string, f: QueueFilters) {
  const limit = f.limit ?? 50;
  const now = deps.clock.now();
  const q = deps.db('dossiers as d').join('families as f', 'f.id', 'd.family_id').leftJoin('children as c', 'c.id', 'd.child_id')
    .leftJoin('users as u', 'u.id', 'd.assigned_to').whereNotNull('d.submitted_at');
  q.whereIn('d.status', f.status ? [f.status] : queueStatuses(deps));
  if (f.code) q.where('d.procedure_code', f.code);
  if (f.mine) q.where('d.assigned_to', agentId);
  if (f.number) q.where('d.number', f.number.trim());
  if (f.family) q.whereRaw('lower(f.name) like ?', [`${f.family.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  if (f.submittedFrom) q.where('d.submitted_at', '>=', parisMidnight(f.submittedFrom));
  if (f.submittedTo) q.where('d.submitted_at', '<', parisMidnight(nextDay(f.submittedTo)));
  if (f.olderThanDays !== undefined) q.where('d.submitted_at', '<', new Date(now.getTime() - f.olderThanDays * 86_400_000));
  const desc = f.order === 'newest';
  if (f.after) {
    const [at, id] = decodeCursor(f.after);
    q.whereRaw(`(d.submitted_at, d.id) ${desc ? '<' : '>'} (?, ?)`, [at, id]);
  }
  const rows = await q.orderBy([{ column: 'd.submitted_at', order: desc ? 'desc' : 'asc' }, { column: 'd.id', order: desc ? 'desc' : 'asc' }])
    .limit(limit + 1)
    .select('d.id', 'd.number', 'd.procedure_code', 'd.version_id', 'd.status', 'd.submitted_at', 'd.revision', 'f.name as family_name', 'c.first_name as child_first_name', 'u.id as assigned_id', 'u.display_name as assigned_name');
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => {
      const procedure = deps.catalog?.byCode.get(r.procedure_code);
      return {
        id: r.id, number: r.number, code: r.procedure_code, title: procedure?.spec.title ?? r.procedure_code,
        familyName: r.family_name, childName: r.child_first_name, status: r.status, statusLabel: procedure ? statusLabel(procedure, r.status) : r.status,
        submittedAt: r.submitted_at, ageDays: Math.floor((now.getTime() - new Date(r.submitted_at).getTime()) / 86_400_000),
        revision: r.revision, assignedTo: r.assigned_id ? { id: r.assigned_id, name: r.assigned_name } : null,
      };
    }),
    next: rows.length > limit ? encodeCursor(page[page.length - 1].submitted_at, page[page.length - 1].id) : null,
  };
}
