// Answers as text, following a step's UI schema: each Control becomes "label: value" in a
// description list (objects and lists nested), each Justificatif its files. Read-only views
// (summary, submitted dossier, agents) read better as text than as disabled inputs.
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatDate } from '../format.js';
import { JustificatifField } from './JustificatifRenderer.js';
import type { UiElement } from './StepForm.js';
import { resolveRef, scopeToPointer, valueAt, type SchemaNode } from './pointers.js';

// An unresolvable node reads as an empty schema (the value is then shown as text).
const resolve = (root: SchemaNode, node: SchemaNode | undefined): SchemaNode => resolveRef(root, node) ?? {};

/** The schema node an element's scope points at ("#/properties/a/properties/b"). */
function schemaAt(root: SchemaNode, scope: string): SchemaNode {
  const tokens = scope.replace(/^#/, '').split('/').filter(Boolean);
  let node = resolve(root, root);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'properties') node = resolve(root, node.properties?.[tokens[++i]]);
    else if (tokens[i] === 'items') node = resolve(root, node.items);
  }
  return node;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function enumLabel(schema: SchemaNode, value: unknown): string | undefined {
  const options = (schema.oneOf ?? schema.anyOf) as { const?: unknown; title?: string }[] | undefined;
  return options?.find((o) => o.const === value)?.title;
}

function Value({ root, schema, value }: { root: SchemaNode; schema: SchemaNode; value: unknown }): ReactNode {
  if (empty(value)) return <Typography component="span" color="text.secondary">Non renseigné</Typography>;
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) {
    const items = resolve(root, schema.items);
    return (
      <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
        {value.map((item, i) => (
          <li key={i}>
            <Value root={root} schema={items} value={item} />
          </li>
        ))}
      </Box>
    );
  }
  if (typeof value === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, SchemaNode>;
    const keys = Object.keys(properties).filter((k) => k !== 'id' && !empty((value as Record<string, unknown>)[k]));
    return (
      <Rows>
        {keys.map((k) => {
          const sub = resolve(root, properties[k]);
          return <Row key={k} label={sub.title ?? k} value={<Value root={root} schema={sub} value={(value as Record<string, unknown>)[k]} />} />;
        })}
      </Rows>
    );
  }
  if (schema.format === 'date' && typeof value === 'string') return formatDate(value);
  return enumLabel(schema, value) ?? String(value);
}

function Rows({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(9rem, 16rem) 1fr' }, columnGap: 2, rowGap: 0.5, m: 0 }}>
      {children}
    </Box>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <Typography component="dt" sx={{ fontWeight: 700 }}>{label}</Typography>
      <Typography component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 }, wordBreak: 'break-word' }}>{value}</Typography>
    </>
  );
}

type Item = { row: boolean; node: ReactNode };

function elementItems(root: SchemaNode, answers: unknown, element: UiElement, out: Item[], key: string): void {
  if (element.type === 'Control' && typeof element.scope === 'string') {
    const schema = schemaAt(root, element.scope);
    const label = typeof element.label === 'string' ? element.label : schema.title ?? scopeToPointer(element.scope);
    out.push({ row: true, node: <Row key={key} label={label} value={<Value root={root} schema={schema} value={valueAt(answers, scopeToPointer(element.scope))} />} /> });
  } else if (element.type === 'Justificatif') {
    out.push({ row: false, node: <JustificatifField key={key} justificatifKey={String(element.key)} /> });
  } else if (Array.isArray(element.elements)) {
    element.elements.forEach((child, i) => elementItems(root, answers, child, out, `${key}.${i}`));
  }
}

export function AnswersView({ schema, elements, answers }: { schema: Record<string, unknown>; elements: UiElement[]; answers: unknown }) {
  const items: Item[] = [];
  elements.forEach((element, i) => elementItems(schema, answers, element, items, String(i)));
  // Consecutive answers form one description list; a justificatif stands between lists.
  const blocks: ReactNode[] = [];
  let rows: ReactNode[] = [];
  const close = () => {
    if (rows.length) blocks.push(<Rows key={`rows-${blocks.length}`}>{rows}</Rows>);
    rows = [];
  };
  for (const item of items) {
    if (item.row) rows.push(item.node);
    else {
      close();
      blocks.push(item.node);
    }
  }
  close();
  return <>{blocks}</>;
}
