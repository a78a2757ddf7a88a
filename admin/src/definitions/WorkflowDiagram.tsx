// The picture of a workflow: states in columns by distance from the initial state, arrows
// labelled by event; and the same as a text list of transitions (screen readers, printing).
import { useId, useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { workflowGraph, type WorkflowEdge, type WorkflowNode } from './workflowLayout.js';

const W = 170;
const H = 56;
const COL = 120;
const ROW = 44;
const MARGIN = 24;
const TOP = 40;

const x = (n: WorkflowNode) => MARGIN + n.column * (W + COL);
// Arcs of backward arrows run above the boxes: the first row starts below them (`top`).
const y = (n: WorkflowNode, top: number) => top + n.row * (H + ROW);

/** A point of a cubic Bézier curve (for a label along its arrow). */
function at(t: number, p0: number, p1: number, p2: number, p3: number): number {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

/** The arrow from a to b; `index` separates arrows between the same states, `back` the arcs over the boxes. */
function edgePath(a: WorkflowNode, b: WorkflowNode, index: number, back: number, top0: number): { d: string; lx: number; ly: number } {
  if (a.id === b.id) {
    const sx = x(a) + W;
    const sy = y(a, top0) + H / 2;
    return { d: `M ${sx} ${sy - 12} C ${sx + 50} ${sy - 40}, ${sx + 50} ${sy + 40}, ${sx} ${sy + 12}`, lx: sx + 44, ly: sy + 4 };
  }
  if (b.column > a.column) {
    const sx = x(a) + W;
    const sy = y(a, top0) + H / 2 + index * 8 - 4;
    const tx = x(b);
    const ty = y(b, top0) + H / 2 + index * 6;
    const mx = (sx + tx) / 2;
    // The label sits on the arrow's last third, where arrows leaving one state have parted.
    const t = 0.68;
    return { d: `M ${sx} ${sy} C ${mx} ${sy}, ${mx} ${ty}, ${tx} ${ty}`, lx: at(t, sx, mx, mx, tx), ly: at(t, sy, sy, ty, ty) - 4 + index * 16 };
  }
  // Backwards (or in the same column): an arc over the boxes, higher for each such arrow.
  const sx = x(a) + W / 2 + 12 + index * 10;
  const tx = x(b) + W / 2 - 12 - back * 6;
  const top = Math.min(y(a, top0), y(b, top0)) - 22 - back * 18;
  return { d: `M ${sx} ${y(a, top0)} C ${sx} ${top}, ${tx} ${top}, ${tx} ${y(b, top0)}`, lx: at(0.3, sx, sx, tx, tx), ly: at(0.3, y(a, top0), top, top, y(b, top0)) + 3 };
}

function describe(edge: WorkflowEdge, labels: Map<string, string>): string {
  const parts = [`${labels.get(edge.from) ?? edge.from} (${edge.from}) — ${edge.event} → ${labels.get(edge.to) ?? edge.to} (${edge.to})`];
  if (edge.guard) parts.push(`condition : ${edge.guard}`);
  if (edge.actions.length) parts.push(`actions : ${edge.actions.join(', ')}`);
  return parts.join(' ; ');
}

export function WorkflowDiagram({ config, source }: { config: unknown; source: string }) {
  const id = useId();
  const graph = useMemo(() => workflowGraph(config), [config]);
  if (!graph) return <Typography>Le workflow ne peut pas être dessiné : il n’a pas d’états (« states »).</Typography>;
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const width = MARGIN * 2 + graph.columns * W + (graph.columns - 1) * COL + 60;
  const backs = graph.edges.filter((e) => byId.get(e.to)!.column <= byId.get(e.from)!.column && e.from !== e.to).length;
  const top0 = TOP + backs * 18;
  const height = top0 + graph.rows * (H + ROW) + 10;
  const pairCount = new Map<string, number>();
  let backCount = 0;
  const unreachable = graph.nodes.filter((n) => !n.reachable);

  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }}>{source}</Typography>
      <Box tabIndex={0} role="region" aria-label="Schéma du workflow (défilement horizontal)" sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, mb: 2, '&:focus-visible': { outline: '3px solid #1a56a8' } }}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ display: 'block', fontFamily: 'inherit' }}>
          <title id={`${id}-t`}>Schéma des états et transitions</title>
          <desc id={`${id}-d`}>{`${graph.nodes.length} états, ${graph.edges.length} transitions ; la liste des transitions suit le schéma.`}</desc>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#3a3a3a" />
            </marker>
          </defs>
          {graph.edges.map((edge, i) => {
            const a = byId.get(edge.from)!;
            const b = byId.get(edge.to)!;
            const key = `${edge.from}>${edge.to}`;
            const index = pairCount.get(key) ?? 0;
            pairCount.set(key, index + 1);
            const isBack = b.column <= a.column && a.id !== b.id;
            const p = edgePath(a, b, index, isBack ? backCount++ : 0, top0);
            const text = edge.event;
            const tw = text.length * 7 + 8;
            return (
              <g key={i}>
                <path d={p.d} fill="none" stroke="#3a3a3a" strokeWidth={1.5} strokeDasharray={edge.event.startsWith('(') ? '5 4' : undefined} markerEnd={`url(#${id}-arrow)`} />
                <rect x={p.lx - tw / 2} y={p.ly - 11} width={tw} height={15} fill="#fff" opacity={0.9} />
                <text x={p.lx} y={p.ly} textAnchor="middle" fontSize={11} fill="#1d1d1d">{text}</text>
              </g>
            );
          })}
          {graph.nodes.map((n) => (
            <g key={n.id}>
              <rect x={x(n)} y={y(n, top0)} width={W} height={H} rx={8} fill={n.reachable ? (n.final ? '#e8f3ea' : '#eef3fb') : '#fdecea'} stroke={n.initial ? '#1a56a8' : '#3a3a3a'} strokeWidth={n.initial ? 3 : 1.5} />
              {n.final && <rect x={x(n) + 4} y={y(n, top0) + 4} width={W - 8} height={H - 8} rx={6} fill="none" stroke="#3a3a3a" />}
              <text x={x(n) + W / 2} y={y(n, top0) + 24} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1d1d1d">{n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}</text>
              <text x={x(n) + W / 2} y={y(n, top0) + 42} textAnchor="middle" fontSize={11} fill="#3a3a3a">{n.id}{n.initial ? ' (initial)' : ''}</text>
            </g>
          ))}
        </svg>
      </Box>
      <Typography component="h3" variant="h6" sx={{ mb: 1 }}>Transitions</Typography>
      {graph.edges.length === 0 ? (
        <Typography>Aucune transition.</Typography>
      ) : (
        <Box component="ul" sx={{ pl: 3, my: 0 }}>
          {graph.edges.map((edge, i) => <li key={i}>{describe(edge, labels)}</li>)}
        </Box>
      )}
      <Typography sx={{ mt: 1 }}>
        État initial : {labels.get(graph.nodes.find((n) => n.initial)?.id ?? '') ?? '—'} ; états finaux : {graph.nodes.filter((n) => n.final).map((n) => n.label).join(', ') || 'aucun'}.
      </Typography>
      {unreachable.length > 0 && (
        <Typography color="error" sx={{ mt: 1 }}>États inatteignables depuis l’état initial : {unreachable.map((n) => `${n.label} (${n.id})`).join(', ')}.</Typography>
      )}
    </Box>
  );
}
