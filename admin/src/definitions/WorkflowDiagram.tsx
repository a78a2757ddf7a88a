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
const TOP = 70;

const x = (n: WorkflowNode) => MARGIN + n.column * (W + COL);
const y = (n: WorkflowNode) => TOP + n.row * (H + ROW);

function edgePath(a: WorkflowNode, b: WorkflowNode, index: number): { d: string; lx: number; ly: number } {
  if (a.id === b.id) {
    const sx = x(a) + W;
    const sy = y(a) + H / 2;
    return { d: `M ${sx} ${sy - 12} C ${sx + 50} ${sy - 40}, ${sx + 50} ${sy + 40}, ${sx} ${sy + 12}`, lx: sx + 44, ly: sy + 4 };
  }
  if (b.column > a.column) {
    const sx = x(a) + W;
    const sy = y(a) + H / 2 + index * 8 - 4;
    const tx = x(b);
    const ty = y(b) + H / 2;
    const mx = (sx + tx) / 2;
    return { d: `M ${sx} ${sy} C ${mx} ${sy}, ${mx} ${ty}, ${tx} ${ty}`, lx: mx, ly: (sy + ty) / 2 - 6 + index * 14 };
  }
  // Backwards (or in the same column): an arc over the boxes.
  const sx = x(a) + W / 2 + 10;
  const tx = x(b) + W / 2 - 10;
  const top = Math.min(y(a), y(b)) - 30 - index * 14;
  return { d: `M ${sx} ${y(a)} C ${sx} ${top}, ${tx} ${top}, ${tx} ${y(b)}`, lx: (sx + tx) / 2, ly: top + 8 };
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
  const height = TOP + graph.rows * (H + ROW) + 10;
  const pairCount = new Map<string, number>();
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
            const p = edgePath(a, b, index);
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
              <rect x={x(n)} y={y(n)} width={W} height={H} rx={8} fill={n.reachable ? (n.final ? '#e8f3ea' : '#eef3fb') : '#fdecea'} stroke={n.initial ? '#1a56a8' : '#3a3a3a'} strokeWidth={n.initial ? 3 : 1.5} />
              {n.final && <rect x={x(n) + 4} y={y(n) + 4} width={W - 8} height={H - 8} rx={6} fill="none" stroke="#3a3a3a" />}
              <text x={x(n) + W / 2} y={y(n) + 24} textAnchor="middle" fontSize={13} fontWeight={700} fill="#1d1d1d">{n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}</text>
              <text x={x(n) + W / 2} y={y(n) + 42} textAnchor="middle" fontSize={11} fill="#3a3a3a">{n.id}{n.initial ? ' (initial)' : ''}</text>
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
