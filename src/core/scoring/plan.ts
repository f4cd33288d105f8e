/**
 * A scoring plan: what of an instrument is scored, resolved once so the hot path does no lookups by
 * name. One column per (scale, item) pair, scale by scale in the instrument's order, each with a table
 * from every accepted answer code (string "4" and number 4 alike) to its scored value, reverse coding
 * already applied (x' = min + max - x over the item's Likert scale). An item in two scales is two
 * columns, so it can be reversed in one and not the other.
 */
import { DalaError } from '../errors';
import { allItems, type Instrument, type Item } from '../instrument/types';

export interface PlannedScale {
  name: string;
  items: string[];
  reversed: string[];
  /** Index of the scale's first column in `ScoringPlan.columns`; its columns are consecutive. */
  first: number;
  /** Number of items (columns). */
  k: number;
  /** Fewest answered items for a score: ceil(k / 2). */
  minAnswered: number;
}

export interface PlannedColumn {
  scale: string;
  item: string;
  /** The Likert scale's key in `instrument.likertScales`. */
  likert: string;
  reversed: boolean;
  /** Answer code (string or number) -> scored value. Anything else is missing. */
  values: Map<string | number, number>;
  /** Point values of the Likert scale, as numbers, for codes like "4.0". */
  points: Set<number>;
  /** Scored values at or above this are the top two categories. */
  topTwoFrom: number;
}

export interface PlannedGroup {
  /** The single-choice item's name. */
  by: string;
  /** Choice names in the list's order. */
  levels: string[];
  /** Choice name -> index in `levels`. */
  index: Map<string, number>;
}

export interface ScoringPlan {
  scales: PlannedScale[];
  columns: PlannedColumn[];
  group: PlannedGroup | null;
}

export interface ScoringOptions {
  /** A single-choice (select_one) item whose levels split the respondents. */
  groupBy?: string;
}

function fail(message: string): never {
  throw new DalaError('instrument', message);
}

/** Resolves the instrument's scales (and the grouping item) into a plan; throws on a broken reference. */
export function planScoring(instrument: Instrument, options: ScoringOptions = {}): ScoringPlan {
  const items = new Map<string, Item>();
  for (const { item } of allItems(instrument)) items.set(item.name, item);

  const scales: PlannedScale[] = [];
  const columns: PlannedColumn[] = [];
  const seen = new Set<string>();
  for (const def of instrument.scales) {
    if (seen.has(def.name)) fail(`scale '${def.name}' is defined twice`);
    seen.add(def.name);
    if (def.items.length === 0) fail(`scale '${def.name}' has no items`);
    const reversed = new Set(def.reversed);
    for (const name of def.reversed) {
      if (!def.items.includes(name)) fail(`scale '${def.name}': reversed item '${name}' is not one of its items`);
    }
    if (new Set(def.items).size !== def.items.length) fail(`scale '${def.name}' lists an item twice`);
    const first = columns.length;
    for (const name of def.items) {
      const item = items.get(name);
      if (!item) fail(`scale '${def.name}': no item '${name}'`);
      if (item.type !== 'likert' || !item.likert) fail(`scale '${def.name}': item '${name}' is not a Likert item`);
      const likert = instrument.likertScales[item.likert];
      if (!likert || likert.points.length === 0) {
        fail(`scale '${def.name}': item '${name}' uses Likert scale '${item.likert}', which has no points`);
      }
      const pointValues = likert.points.map((p) => p.value);
      if (!pointValues.every(Number.isFinite)) fail(`Likert scale '${item.likert}' has a point that is not a number`);
      const min = Math.min(...pointValues);
      const max = Math.max(...pointValues);
      const isReversed = reversed.has(name);
      const score = (v: number) => (isReversed ? min + max - v : v);
      const values = new Map<string | number, number>();
      for (const v of pointValues) {
        values.set(v, score(v));
        values.set(String(v), score(v));
      }
      const scored = [...new Set(pointValues.map(score))].sort((a, b) => b - a);
      columns.push({
        scale: def.name,
        item: name,
        likert: item.likert,
        reversed: isReversed,
        values,
        points: new Set(pointValues),
        topTwoFrom: scored[Math.min(1, scored.length - 1)]!,
      });
    }
    const k = def.items.length;
    scales.push({ name: def.name, items: [...def.items], reversed: [...def.reversed], first, k, minAnswered: Math.ceil(k / 2) });
  }

  let group: PlannedGroup | null = null;
  if (options.groupBy !== undefined) {
    const item = items.get(options.groupBy);
    if (!item) throw new DalaError('usage', `group by: the form has no item '${options.groupBy}'`);
    if (item.type !== 'select_one' || !item.choices) {
      throw new DalaError('usage', `group by: item '${options.groupBy}' is not a single-choice (select_one) item`);
    }
    const list = instrument.choiceLists[item.choices];
    if (!list) fail(`item '${item.name}' uses choice list '${item.choices}', which does not exist`);
    const levels = list.map((c) => c.name);
    group = { by: item.name, levels, index: new Map(levels.map((l, i) => [l, i])) };
  }
  return { scales, columns, group };
}
