// Checks of a workflow (XState config in JSON): targets exist, every guard and action is a
// registry name, every state can be reached, and every non-final state has a way out.
import { setup } from 'xstate';
import { guards, actions } from '../registry.js';
import type { IssueList } from './issues.js';
import type { WorkflowConfig } from '../compile.js';

export interface TransitionRef {
  from: string;
  event: string;
  target?: string;
  guard?: { type: string; params?: unknown };
  actions: { type: string; params?: Record<string, unknown> }[];
  pointer: string;
}

/** Flattens every transition of a workflow with its JSON pointer. */
export function transitionsOf(workflow: WorkflowConfig): TransitionRef[] {
  const out: TransitionRef[] = [];
  for (const [from, state] of Object.entries(workflow.states ?? {})) {
    const groups: [string, unknown, string][] = Object.entries(state.on ?? {}).map(([event, t]) => [event, t, `/states/${from}/on/${event}`]);
    if (state.always !== undefined) groups.push(['', state.always, `/states/${from}/always`]);
    for (const [event, raw, base] of groups) {
      const list = typeof raw === 'string' ? [{ target: raw }] : Array.isArray(raw) ? raw : [raw];
      list.forEach((t: Record<string, unknown>, i) => {
        const pointer = Array.isArray(raw) ? `${base}/${i}` : base;
        const rawActions = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
        out.push({
          from,
          event,
          target: typeof t.target === 'string' ? t.target : undefined,
          guard: t.guard === undefined ? undefined : typeof t.guard === 'string' ? { type: t.guard } : (t.guard as { type: string }),
          actions: rawActions.map((a: unknown) => (typeof a === 'string' ? { type: a } : (a as { type: string }))),
          pointer: typeof raw === 'string' ? base : pointer,
        });
      });
    }
  }
  return out;
}

export function checkWorkflow(issues: IssueList, file: string, workflow: WorkflowConfig): void {
  const states = workflow.states ?? {};
  if (!states[workflow.initial]) {
    issues.add(file, '/initial', 'UNKNOWN_TARGET', `L'état initial « ${workflow.initial} » n'existe pas.`);
  }
  const transitions = transitionsOf(workflow);
  for (const t of transitions) {
    if (t.target !== undefined && !states[t.target]) {
      issues.add(file, typeof t.pointer === 'string' && t.pointer.endsWith(t.event) ? t.pointer : `${t.pointer}/target`, 'UNKNOWN_TARGET', `L'état cible « ${t.target} » n'existe pas.`);
    }
    if (t.guard && !guards[t.guard.type]) {
      issues.add(file, `${t.pointer}/guard`, 'UNKNOWN_GUARD', `Garde inconnue « ${t.guard.type} » (gardes connues : ${Object.keys(guards).join(', ')}).`);
    }
    t.actions.forEach((a, i) => {
      if (!actions[a.type]) {
        issues.add(file, `${t.pointer}/actions${actionsIsArray(workflow, t) ? `/${i}` : ''}`, 'UNKNOWN_ACTION', `Action inconnue « ${a.type} » (actions connues : ${Object.keys(actions).join(', ')}).`);
      }
      if (a.type === 'notify' && typeof a.params?.template !== 'string') {
        issues.add(file, `${t.pointer}/actions`, 'UNKNOWN_TEMPLATE', 'L’action notify demande params.template (le nom d’un modèle de mail).');
      }
    });
  }
  // Reachability from the initial state.
  const reached = new Set<string>([workflow.initial]);
  const queue = [workflow.initial];
  while (queue.length) {
    const from = queue.shift()!;
    for (const t of transitions) {
      if (t.from === from && t.target && states[t.target] && !reached.has(t.target)) {
        reached.add(t.target);
        queue.push(t.target);
      }
    }
  }
  for (const [name, state] of Object.entries(states)) {
    if (!reached.has(name)) {
      issues.add(file, `/states/${name}`, 'UNREACHABLE_STATE', `L'état « ${name} » ne peut pas être atteint depuis « ${workflow.initial} ».`);
    }
    const out = transitions.filter((t) => t.from === name && t.target && t.target !== name);
    if (state.type !== 'final' && out.length === 0) {
      issues.add(file, `/states/${name}`, 'DEAD_END_STATE', `L'état « ${name} » n'est pas final et n'a aucune transition de sortie.`, 'ajoutez une transition ou "type": "final"');
    }
  }
  if (issues.items.some((i) => i.file === file)) return;
  try {
    setup({
      guards: Object.fromEntries(Object.keys(guards).map((g) => [g, () => true])),
      actions: Object.fromEntries(Object.keys(actions).map((a) => [a, () => undefined])),
    }).createMachine(workflow as never);
  } catch (error) {
    issues.add(file, '#', 'WORKFLOW_INVALID', `XState refuse la machine : ${(error as Error).message}`);
  }
}

function actionsIsArray(workflow: WorkflowConfig, t: TransitionRef): boolean {
  const on = workflow.states[t.from]?.on?.[t.event] ?? workflow.states[t.from]?.always;
  const raw = Array.isArray(on) ? on[Number(t.pointer.split('/').pop())] : on;
  return Array.isArray((raw as { actions?: unknown } | undefined)?.actions);
}

/** Templates that a workflow's notify actions name, with where. */
export function notifyTemplates(workflow: WorkflowConfig): { template: string; pointer: string }[] {
  return transitionsOf(workflow).flatMap((t) =>
    t.actions.filter((a) => a.type === 'notify' && typeof a.params?.template === 'string').map((a) => ({ template: String(a.params!.template), pointer: t.pointer })),
  );
}
