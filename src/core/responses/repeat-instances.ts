/**
 * The instances of repeats in a set of answers (instrument format version 3, ../instrument/repeats.ts;
 * answer keys in ./answer-key.ts), and the tree a section's items form with them.
 *
 * Pure: which instances a free repeat has is read from its markers in the answers; a counted repeat
 * has as many as its count says (evaluated by the caller), a looped one one per choice of its list.
 */
import { MAX_INSTANCES, type Repeat } from '../instrument/repeats';
import type { Instrument, Item } from '../instrument/types';
import { answerKey, instanceIdOf, type InstancePath, parseAnswerKey } from './answer-key';
import type { AnswerValue } from './types';

/** A section's items as a tree: items, and repeats holding their items and nested repeats. */
export type FormNode = { kind: 'item'; item: Item } | { kind: 'repeat'; repeat: Repeat; children: FormNode[] };

/** The tree of one section's items (items of a repeat stand together, ../instrument/check-repeats.ts). */
export function sectionTree(items: readonly Item[], repeats: ReadonlyMap<string, Repeat>): FormNode[] {
  const root: FormNode[] = [];
  // The open repeats, outermost first, with the children list each collects into.
  let open: { name: string; children: FormNode[] }[] = [];
  for (const item of items) {
    const chain: Repeat[] = [];
    const seen = new Set<string>();
    for (let r = item.repeat === undefined ? undefined : repeats.get(item.repeat); r && !seen.has(r.name); r = r.parent === undefined ? undefined : repeats.get(r.parent)) {
      seen.add(r.name);
      chain.unshift(r);
    }
    let keep = 0;
    while (keep < open.length && keep < chain.length && open[keep]!.name === chain[keep]!.name) keep++;
    open = open.slice(0, keep);
    for (const r of chain.slice(keep)) {
      const node: FormNode = { kind: 'repeat', repeat: r, children: [] };
      (open.length ? open[open.length - 1]!.children : root).push(node);
      open.push({ name: r.name, children: node.children });
    }
    (open.length ? open[open.length - 1]!.children : root).push({ kind: 'item', item });
  }
  return root;
}

/** The free repeats' instances in the answers, by list key (`answerKey(repeat, parentPath)`): id -> order. */
export function markersOf(answers: Readonly<Record<string, AnswerValue>>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const key of Object.keys(answers)) {
    if (!key.endsWith(']')) continue;
    const parsed = parseAnswerKey(key);
    if (!parsed || parsed.item !== '') continue;
    const value = answers[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue; // removed (null) or not a marker
    const last = parsed.path[parsed.path.length - 1]!;
    const listKey = answerKey(last.repeat, parsed.path.slice(0, -1));
    let ids = out.get(listKey);
    if (!ids) out.set(listKey, (ids = new Map()));
    ids.set(last.id, value);
  }
  return out;
}

/**
 * The ids of a repeat's instances under `parent`, in order: a loop's by its list, a counted one's
 * "1".."n", a free one's by the order in its markers (then by id, so every device shows the same order).
 */
export function instanceIds(
  instrument: Instrument,
  repeat: Repeat,
  parent: InstancePath,
  markers: ReadonlyMap<string, ReadonlyMap<string, number>>,
  count: () => number,
): string[] {
  if (repeat.loop !== undefined) {
    const list = Object.hasOwn(instrument.choiceLists, repeat.loop) ? instrument.choiceLists[repeat.loop]! : [];
    return list.slice(0, MAX_INSTANCES).map((c) => instanceIdOf(c.name));
  }
  if (repeat.count !== undefined) {
    const n = count();
    const k = Number.isFinite(n) ? Math.max(0, Math.min(MAX_INSTANCES, Math.floor(n))) : 0;
    return Array.from({ length: k }, (_, i) => String(i + 1));
  }
  const ids = markers.get(answerKey(repeat.name, parent));
  if (!ids) return [];
  return [...ids.entries()]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_INSTANCES)
    .map(([id]) => id);
}

/** The order number a new instance of a free repeat takes: after every instance it has. */
export function nextOrder(markers: ReadonlyMap<string, ReadonlyMap<string, number>>, repeat: string, parent: InstancePath): number {
  const ids = markers.get(answerKey(repeat, parent));
  let max = 0;
  for (const order of ids?.values() ?? []) max = Math.max(max, order);
  return max + 1;
}
