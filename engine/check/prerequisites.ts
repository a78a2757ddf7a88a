// Prerequisites between démarches: each names démarches by code (in facts paths
// dossiers.<code>… and in doFirst); every code must exist and the graph must have no cycle.
import { varsOf } from '../logic.js';
import type { IssueList } from './issues.js';
import type { ProcedureSpec } from '../types.js';

interface Edge {
  to: string;
  pointer: string;
}

/** The démarche codes a prerequisite depends on, with the pointer where each is named. */
export function prerequisiteEdges(spec: ProcedureSpec): Edge[] {
  const edges: Edge[] = [];
  (spec.prerequisites ?? []).forEach((p, i) => {
    for (const { path, pointer } of varsOf(p.rule)) {
      const match = /^(?:child\.)?dossiers\.([^.]+)/.exec(path);
      if (match) edges.push({ to: match[1], pointer: `/prerequisites/${i}/rule${pointer}` });
    }
    if (p.doFirst) edges.push({ to: p.doFirst, pointer: `/prerequisites/${i}/doFirst` });
  });
  return edges;
}

export function checkPrerequisites(issues: IssueList, procedures: { folder: string; spec: ProcedureSpec }[]): void {
  const byCode = new Map(procedures.map((p) => [p.spec.code, p]));
  const graph = new Map<string, Edge[]>();
  for (const { folder, spec } of procedures) {
    const edges = prerequisiteEdges(spec);
    for (const edge of edges) {
      if (!byCode.has(edge.to)) {
        issues.add(`${folder}/procedure.json`, edge.pointer, 'UNKNOWN_PROCEDURE', `Le prérequis nomme la démarche « ${edge.to} », qui n'existe pas.`);
      }
    }
    graph.set(spec.code, edges.filter((e) => byCode.has(e.to)));
  }
  // Depth-first search; a back edge closes a cycle, reported once at the edge that closes it.
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): void => {
    state.set(code, 'visiting');
    path.push(code);
    for (const edge of graph.get(code) ?? []) {
      const s = state.get(edge.to);
      if (s === 'visiting') {
        const cycle = [...path.slice(path.indexOf(edge.to)), edge.to];
        issues.add(`${byCode.get(code)!.folder}/procedure.json`, edge.pointer, 'PREREQUISITE_CYCLE', `Cycle de prérequis : ${cycle.join(' → ')}.`, 'une démarche ne peut pas, même indirectement, être son propre prérequis');
      } else if (!s) visit(edge.to);
    }
    path.pop();
    state.set(code, 'done');
  };
  for (const code of [...graph.keys()].sort()) if (!state.has(code)) visit(code);
}
