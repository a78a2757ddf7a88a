// What accepting a dossier would change in the household, old value → new value, for the
// agent's review. A dry run of the démarche's effects: nothing is applied here.
import { actions } from './registry.js';
import { withCalendar } from './interpret.js';
import type { CompiledProcedure } from './compile.js';
import type { DossierState, Effect, Facts } from './types.js';

export interface HouseholdChange {
  /** Record path ("family.address", "family.contacts", "child.health") or a named effect's kind. */
  record: string;
  kind: 'set' | 'add' | 'update' | 'remove' | 'effect';
  /** The field changed, for set and update. */
  field?: string;
  /** The list item concerned, for add, update and remove. */
  itemId?: string;
  before?: unknown;
  after?: unknown;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b);

function at(root: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
}

function fieldChanges(record: string, before: Record<string, unknown>, after: Record<string, unknown>, itemId?: string): HouseholdChange[] {
  return Object.entries(after)
    .filter(([field, value]) => !same(before[field], value))
    .map(([field, value]) => ({ record, kind: itemId ? 'update' : 'set', field, itemId, before: before[field], after: value }) as HouseholdChange);
}

/** The changes a list of effects makes to the current record. */
export function diffEffects(effects: Effect[], current: { family: unknown; child?: unknown }): HouseholdChange[] {
  const root = current as Record<string, unknown>;
  const out: HouseholdChange[] = [];
  for (const effect of effects) {
    if (effect.kind === 'mail') continue;
    if (effect.kind === 'updateRecord') {
      const e = effect as Extract<Effect, { kind: 'updateRecord' }>;
      const before = (at(root, e.record) as Record<string, unknown> | undefined) ?? {};
      out.push(...fieldChanges(e.record, before, e.values));
    } else if (effect.kind === 'syncCollection') {
      const e = effect as Extract<Effect, { kind: 'syncCollection' }>;
      const list = ((at(root, e.record) as Record<string, unknown>[] | undefined) ?? []).filter(Boolean);
      const byId = new Map(list.map((item) => [String(item.id), item]));
      for (const item of e.items) {
        const existing = item.id !== undefined ? byId.get(String(item.id)) : undefined;
        if (existing) out.push(...fieldChanges(e.record, existing, item, String(item.id)));
        else out.push({ record: e.record, kind: 'add', after: item });
      }
      if (e.delete) {
        const kept = new Set(e.items.map((i) => String(i.id)));
        for (const item of list) if (!kept.has(String(item.id))) out.push({ record: e.record, kind: 'remove', itemId: String(item.id), before: item });
      }
    } else {
      const { kind, ...params } = effect;
      out.push({ record: kind, kind: 'effect', after: params });
    }
  }
  return out;
}

/** The household changes and other effects accepting this dossier would make now. */
export function previewAcceptance(procedure: CompiledProcedure, state: DossierState, facts: Facts, now: Date) {
  const calendarFacts = withCalendar(facts, now);
  const { effects } = actions.applyEffects.run({ procedure, state, event: { type: 'ACCEPT' }, facts: calendarFacts, now }, undefined);
  return { effects, changes: diffEffects(effects, { family: facts.family, child: facts.child ?? undefined }) };
}
