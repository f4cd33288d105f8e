/**
 * Repeat groups (instrument format version 3, docs/instrument-format.md "Repeats"): questions asked
 * once per instance of something (each member of a household, each plot of a farm).
 *
 * A repeat is declared once in `Instrument.repeats`; its items stay in their section's `items`, in
 * order, each with `repeat` naming the innermost repeat it is in. A repeat nested in another names
 * it as `parent`. How many instances there are:
 * - `loop`: one per choice of a choice list (XLSForm's `begin loop over list`); an instance's id is
 *   the choice's name;
 * - `count`: an expression (a number for a fixed count: XLSForm's `repeat_count`, ODK's `jr:count`);
 *   instances are "1", "2", ... and follow the count;
 * - neither: the person adds and removes instances, each with a new random id given by the app, so
 *   two devices adding instances to the same response never give two the same id.
 * `minInstances`/`maxInstances` bound the instances a person may add (a free repeat only).
 */
import type { LocalizedText } from './types';

export interface Repeat {
  /** Unique among items and repeats. */
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  /** The repeat this one is nested in (declared before it). */
  parent?: string;
  /** Expression: the repeat (all its instances) applies only when it is true; per parent instance. */
  relevant?: string;
  /** Expression for the number of instances (XLSForm's repeat_count, ODK's jr:count). */
  count?: string;
  /** A choice list: one instance per choice (XLSForm's loop). */
  loop?: string;
  /** At least this many instances before the section is complete (a free repeat). */
  minInstances?: number;
  /** No more instances than this may be added (a free repeat). */
  maxInstances?: number;
  /** Expression evaluated in each instance for the label shown for it ("Aida, 34"); else the repeat's label and the instance's number. */
  instanceLabel?: string;
  /** Rendering hints of its XLSForm group ("field-list", "table-list"). */
  appearance?: string;
}

/** The repeats of an instrument by name (an instrument without repeats has none). */
export function repeatsByName(repeats: readonly Repeat[] | undefined): ReadonlyMap<string, Repeat> {
  return new Map((repeats ?? []).map((r) => [r.name, r] as const));
}

/** The chain of repeats from the outermost to `name` itself; [] for undefined. Stops at a cycle. */
export function repeatChain(byName: ReadonlyMap<string, Repeat>, name: string | undefined): Repeat[] {
  const chain: Repeat[] = [];
  const seen = new Set<string>();
  for (let r = name === undefined ? undefined : byName.get(name); r && !seen.has(r.name); r = r.parent === undefined ? undefined : byName.get(r.parent)) {
    seen.add(r.name);
    chain.unshift(r);
  }
  return chain;
}

/** The most instances any repeat has (a count over this, or a loop over a longer list, stops here). */
export const MAX_INSTANCES = 1000;
