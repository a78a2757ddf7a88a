// Reading a workflow.json (XState config in JSON) as a graph, and placing its states in
// columns by their distance from the initial state — enough to draw it without a layout library.

export interface WorkflowEdge {
  from: string;
  to: string;
  event: string;
  guard?: string;
  actions: string[];
}
export interface WorkflowNode {
  id: string;
  label: string;
  final: boolean;
  initial: boolean;
  column: number;
  row: number;
  reachable: boolean;
}
export interface WorkflowGraph {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  columns: number;
  rows: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function nameOf(action: unknown): string {
  if (typeof action === 'string') return action;
  if (isObject(action) && typeof action.type === 'string') {
    const template = isObject(action.params) && typeof action.params.template === 'string' ? ` ${action.params.template}` : '';
    return `${action.type}${template}`;
  }
  return '?';
}

function targetName(target: unknown, from: string): string | null {
  if (typeof target !== 'string') return null;
  const t = target.replace(/^#[^.]*\./, '').replace(/^\./, '');
  return t || from;
}

function transitionsOf(from: string, event: string, spec: unknown): WorkflowEdge[] {
  const list = Array.isArray(spec) ? spec : [spec];
  const out: WorkflowEdge[] = [];
  for (const item of list) {
    const t = typeof item === 'string' ? { target: item } : isObject(item) ? item : null;
    if (!t) continue;
    const targets = Array.isArray(t.target) ? t.target : [t.target ?? from];
    const actions = (Array.isArray(t.actions) ? t.actions : t.actions ? [t.actions] : []).map(nameOf);
    const guard = typeof t.guard === 'string' ? t.guard : isObject(t.guard) && typeof t.guard.type === 'string' ? t.guard.type : undefined;
    for (const target of targets) {
      const to = targetName(target, from);
      if (to) out.push({ from, to, event, guard, actions });
    }
  }
  return out;
}

export function workflowGraph(config: unknown): WorkflowGraph | null {
  if (!isObject(config) || !isObject(config.states)) return null;
  const states = config.states;
  const ids = Object.keys(states);
  const initial = typeof config.initial === 'string' ? config.initial : ids[0];
  const edges: WorkflowEdge[] = [];
  for (const id of ids) {
    const state = isObject(states[id]) ? (states[id] as Json) : {};
    if (isObject(state.on)) for (const [event, spec] of Object.entries(state.on)) edges.push(...transitionsOf(id, event, spec));
    if (state.always !== undefined) edges.push(...transitionsOf(id, '(automatique)', state.always));
    if (isObject(state.after)) for (const [delay, spec] of Object.entries(state.after)) edges.push(...transitionsOf(id, `après ${delay} ms`, spec));
  }
  // Breadth-first from the initial state: the column is the distance.
  const distance = new Map<string, number>();
  if (ids.includes(initial)) distance.set(initial, 0);
  const queue = ids.includes(initial) ? [initial] : [];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of edges) {
      if (e.from === id && ids.includes(e.to) && !distance.has(e.to)) {
        distance.set(e.to, distance.get(id)! + 1);
        queue.push(e.to);
      }
    }
  }
  const maxReached = Math.max(0, ...distance.values());
  const rowsUsed = new Map<number, number>();
  const nodes: WorkflowNode[] = ids.map((id) => {
    const reachable = distance.has(id);
    const column = reachable ? distance.get(id)! : maxReached + 1;
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    const state = isObject(states[id]) ? (states[id] as Json) : {};
    const label = isObject(state.meta) && typeof state.meta.label === 'string' ? state.meta.label : id;
    return { id, label, final: state.type === 'final', initial: id === initial, column, row, reachable };
  });
  return {
    nodes,
    edges: edges.filter((e) => ids.includes(e.to)),
    columns: Math.max(1, ...nodes.map((n) => n.column + 1)),
    rows: Math.max(1, ...rowsUsed.values()),
  };
}
