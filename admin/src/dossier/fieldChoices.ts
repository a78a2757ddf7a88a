// The fields an agent can send back for correction: the definition's answer pointers
// (`fieldPointers`, e.g. "/nouvelleAdresse/rue", "/contacts/*/nom"), each named as the parent
// saw it — the uischema Control's label, else the schema titles — and grouped by step.
type Node = Record<string, any>;

export interface FieldChoice {
  pointer: string;
  label: string;
  step: string;
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

function resolve(root: Node, node: Node | undefined): Node | undefined {
  let current = node;
  for (let guard = 0; current && typeof current.$ref === 'string' && guard < 20; guard++) {
    let target: any = root;
    for (const token of current.$ref.replace(/^#/, '').split('/').filter(Boolean)) target = target?.[unescape(token)];
    current = target ? { ...target, ...(current.title ? { title: current.title } : {}) } : undefined;
  }
  return current;
}

/** "Nouvelle adresse › Numéro et voie"; a list item is "(chaque élément)". */
export function titleAt(schema: Node, pointer: string): string {
  const parts: string[] = [];
  let node = resolve(schema, schema);
  for (const token of pointer.split('/').filter(Boolean)) {
    if (!node) break;
    if ((token === '*' || /^\d+$/.test(token)) && node.items) {
      if (parts.length) parts[parts.length - 1] += token === '*' ? ' (chaque élément)' : ` n° ${Number(token) + 1}`;
      node = resolve(schema, node.items);
      continue;
    }
    node = resolve(schema, node.properties?.[unescape(token)]);
    parts.push(typeof node?.title === 'string' ? node.title : unescape(token));
  }
  return parts.join(' › ') || 'Formulaire';
}

function scopePointer(scope: string): string {
  const tokens = scope.replace(/^#/, '').split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === 'properties') out.push(tokens[++i]);
  return out.length ? `/${out.join('/')}` : '';
}

/** Control labels written in the uischema, by answer pointer (array detail layouts included). */
function uiLabels(uischema: Node): Map<string, { label?: string; step: string }> {
  const out = new Map<string, { label?: string; step: string }>();
  const categories: Node[] = uischema.type === 'Categorization' ? uischema.elements ?? [] : [uischema];
  categories.forEach((category, index) => {
    const step = typeof category.label === 'string' && category.label ? category.label : `Étape ${index + 1}`;
    const walk = (element: Node, base: string) => {
      if (element.type === 'Control' && typeof element.scope === 'string') {
        out.set(base + scopePointer(element.scope), { label: typeof element.label === 'string' ? element.label : undefined, step });
      }
      for (const child of (element.elements ?? []) as Node[]) walk(child, base);
      const detail = element.options?.detail;
      if (detail && typeof detail === 'object' && typeof element.scope === 'string') walk(detail, `${base}${scopePointer(element.scope)}/*`);
    };
    walk(category, '');
  });
  return out;
}

export function fieldChoices(schema: Node, uischema: Node, pointers: string[]): FieldChoice[] {
  const labels = uiLabels(uischema);
  return pointers.map((pointer) => {
    const ui = labels.get(pointer);
    return { pointer, label: ui?.label ?? titleAt(schema, pointer), step: ui?.step ?? 'Autres champs' };
  });
}
