// The reservation calendar as a real table: one row per child and activity (row header),
// one column per day (column header). Each cell is a button whose accessible name says child,
// activity, date and state; arrow keys, Home and End move between cells (roving tabindex),
// Enter or Space mark / unmark a request.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import type { Action, Planning, PlanningCell } from './client.js';
import { cellKey, cellView } from './cellView.js';
import { daysOf, longDay, shortDay } from './days.js';
import { LOOKS } from './looks.js';

export interface GridRow {
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
}

// Activities in the order of a day: morning care, canteen, evening care, then the others.
const KIND_ORDER = ['before_school', 'canteen', 'after_school', 'wednesday', 'holiday'];
const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** The rows shown: each child with each activity it is enrolled in. */
export function gridRows(planning: Planning): GridRow[] {
  const rows: GridRow[] = [];
  const activities = [...planning.activities].sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name, 'fr'));
  for (const child of planning.children) {
    for (const activity of activities) {
      if (activity.childIds.includes(child.id)) rows.push({ childId: child.id, childName: child.firstName, activityId: activity.id, activityName: activity.name });
    }
  }
  return rows;
}

/** What a cell is called (its content reads the same): child, activity, date, state. */
export function cellName(row: GridRow, date: string, label: string, detail: string) {
  return `${row.childName}, ${row.activityName}, ${longDay(date)} : ${label}${detail ? `, ${detail}` : ''}`;
}

interface Props {
  planning: Planning;
  days: number;
  pending: Map<string, Action>;
  onActivate: (cell: PlanningCell, row: GridRow) => void;
}

export function PlanningGrid({ planning, days, pending, onActivate }: Props) {
  const dates = useMemo(() => daysOf(planning.from, days), [planning.from, days]);
  const rows = useMemo(() => gridRows(planning), [planning]);
  const cells = useMemo(() => new Map(planning.cells.map((c) => [cellKey(c), c])), [planning.cells]);
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [ar, ac] = [Math.min(active[0], rows.length - 1), Math.min(active[1], dates.length - 1)];

  const move = (r: number, c: number) => {
    const next: [number, number] = [Math.max(0, Math.min(rows.length - 1, r)), Math.max(0, Math.min(dates.length - 1, c))];
    setActive(next);
    buttons.current.get(`${next[0]}-${next[1]}`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, [number, number]> = {
      ArrowRight: [ar, ac + 1], ArrowLeft: [ar, ac - 1], ArrowDown: [ar + 1, ac], ArrowUp: [ar - 1, ac],
      Home: e.ctrlKey ? [0, 0] : [ar, 0], End: e.ctrlKey ? [rows.length - 1, dates.length - 1] : [ar, dates.length - 1],
    };
    const target = keys[e.key];
    if (!target) return;
    e.preventDefault();
    move(...target);
  };

  return (
    <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Box
        component="table"
        aria-describedby="planning-clavier"
        sx={{ borderCollapse: 'separate', borderSpacing: 4, width: '100%', tableLayout: 'fixed', minWidth: days === 1 ? 0 : `${8 + days * 7.5}rem` }}
      >
        <caption className="visually-hidden">
          Calendrier de réservation du {longDay(dates[0])} au {longDay(dates[dates.length - 1])}
        </caption>
        <thead>
          <tr>
            <Box component="th" scope="col" sx={{ width: { xs: '7.5rem', sm: '10rem' }, textAlign: 'left', fontSize: '0.875rem' }}>
              Enfant et activité
            </Box>
            {dates.map((d) => (
              <Box component="th" scope="col" key={d} sx={{ fontSize: '0.875rem', textAlign: 'center' }}>
                <span aria-hidden="true">{days === 1 ? longDay(d) : shortDay(d)}</span>
                <span className="visually-hidden">{longDay(d)}</span>
              </Box>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.map((row, r) => (
            <tr key={`${row.childId}|${row.activityId}`}>
              <Box component="th" scope="row" sx={{ textAlign: 'left', fontWeight: 400, fontSize: '0.875rem', verticalAlign: 'middle', wordBreak: 'break-word' }}>
                <strong>{row.childName}</strong>
                <br />
                {row.activityName}
              </Box>
              {dates.map((date, c) => {
                const cell = cells.get(cellKey({ ...row, date }));
                const view = cell ? cellView(cell, pending.get(cellKey(cell))) : { look: 'closed' as const, label: 'Fermé', detail: '', next: null };
                const look = LOOKS[view.look];
                const tabbable = r === ar && c === ac;
                return (
                  <Box component="td" key={date} sx={{ p: 0, verticalAlign: 'stretch', height: '1px' }}>
                    <Box
                      component="button"
                      type="button"
                      ref={(el: HTMLButtonElement | null) => {
                        if (el) buttons.current.set(`${r}-${c}`, el);
                        else buttons.current.delete(`${r}-${c}`);
                      }}
                      tabIndex={tabbable ? 0 : -1}
                      aria-disabled={view.next ? undefined : true}
                      data-look={view.look}
                      onFocus={() => setActive([r, c])}
                      onClick={() => cell && view.next && onActivate(cell, row)}
                      sx={{
                        width: '100%', height: '100%', minHeight: '4.5rem', p: 0.75, display: 'flex', flexDirection: 'column',
                        alignItems: 'flex-start', gap: 0.25, textAlign: 'left', font: 'inherit', fontSize: '0.8rem', lineHeight: 1.25,
                        color: look.fg, bgcolor: look.bg, border: `2px ${look.borderStyle} ${look.border}`, borderRadius: 1,
                        cursor: view.next ? 'pointer' : 'default', wordBreak: 'break-word',
                        '&:hover': view.next ? { boxShadow: `inset 0 0 0 2px ${look.border}` } : {},
                        '&:focus-visible': { outline: '3px solid #f5a700', outlineOffset: '2px' },
                      }}
                    >
                      {/* The name comes from the content (visible text included as is, WCAG 2.5.3): child, activity and date hidden before it. */}
                      <span className="visually-hidden">{`${row.childName}, ${row.activityName}, ${longDay(date)} : `}</span>
                      <Box component="span" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontWeight: 700 }}>
                        <look.Icon fontSize="small" aria-hidden />
                        {view.label}
                        {view.detail && <span className="visually-hidden">, </span>}
                      </Box>
                      {view.detail && <span>{view.detail}</span>}
                    </Box>
                  </Box>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}
