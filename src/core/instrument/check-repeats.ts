/**
 * The referential rules of repeats (version 3, ./repeats.ts), run by ./check.ts: names unique among
 * items and repeats, a parent declared before its child, a loop's list, a count or a loop (not
 * both), bounds in order, and each repeat's items standing together in one section.
 */
import type { Expr } from '../expr/index';
import type { PathSegment } from './problem-path';
import type { Instrument } from './types';

export interface RepeatCheckTools {
  error(path: PathSegment[], message: string): void;
  warn(path: PathSegment[], message: string): void;
  where(path: PathSegment[]): string;
  checkExpression(path: PathSegment[], field: string, source: string, self: string | undefined): Expr | null;
  itemAt: ReadonlyMap<string, PathSegment[]>;
}

export function checkRepeats(inst: Instrument, t: RepeatCheckTools): void {
  const repeats = inst.repeats ?? [];
  const declared = new Map<string, number>();
  repeats.forEach((r, k) => {
    const path: PathSegment[] = ['repeats', k];
    const item = t.itemAt.get(r.name);
    if (item) t.error([...path, 'name'], `repeat name '${r.name}' is already the name of ${t.where(item)}`);
    else if (declared.has(r.name)) t.error([...path, 'name'], `repeat name '${r.name}' is already used by ${t.where(['repeats', declared.get(r.name)!])}`);
    if (r.parent !== undefined && !declared.has(r.parent)) {
      t.error([...path, 'parent'], repeats.some((o) => o.name === r.parent) ? `repeat '${r.parent}' must be declared before the repeats nested in it` : `unknown repeat '${r.parent}'`);
    }
    declared.set(r.name, k);
    if (r.loop !== undefined && !Object.hasOwn(inst.choiceLists, r.loop)) t.error([...path, 'loop'], `unknown choice list '${r.loop}'`);
    if (r.loop !== undefined && r.count !== undefined) t.error([...path, 'count'], 'a repeat loops over a list or has a count, not both');
    if (r.minInstances !== undefined && r.maxInstances !== undefined && r.minInstances > r.maxInstances) {
      t.error([...path, 'minInstances'], `minInstances ${r.minInstances} is more than maxInstances ${r.maxInstances}`);
    }
    if ((r.loop !== undefined || r.count !== undefined) && (r.minInstances !== undefined || r.maxInstances !== undefined)) {
      t.warn([...path, 'maxInstances'], 'ignored: the instances of a counted or looped repeat follow its count or its list');
    }
    if (r.relevant !== undefined) t.checkExpression(path, 'relevant', r.relevant, undefined);
    if (r.count !== undefined) t.checkExpression(path, 'count', r.count, undefined);
    if (r.instanceLabel !== undefined) t.checkExpression(path, 'instanceLabel', r.instanceLabel, undefined);
  });

  // Each repeat's items (its nested repeats' included) stand together in one section.
  const parentOf = new Map(repeats.map((r) => [r.name, r.parent] as const));
  const used = new Set<string>();
  const closed = new Set<string>();
  inst.sections.forEach((section, s) => {
    let open: string[] = [];
    section.items.forEach((item, i) => {
      const path: PathSegment[] = ['sections', s, 'items', i, 'repeat'];
      if (item.repeat !== undefined && !declared.has(item.repeat)) {
        t.error(path, `unknown repeat '${item.repeat}'`);
        return;
      }
      // The repeats this item is in, outermost first.
      const chain: string[] = [];
      for (let n = item.repeat, steps = 0; n !== undefined && steps <= repeats.length; n = parentOf.get(n), steps++) chain.unshift(n);
      const stillOpen = open.filter((name, depth) => chain[depth] === name);
      for (const name of open.slice(stillOpen.length)) closed.add(name);
      for (const name of chain.slice(stillOpen.length)) {
        if (closed.has(name)) t.error(path, `the items of repeat '${name}' must stand together in one section: another item comes between them`);
        used.add(name);
      }
      open = chain;
    });
    for (const name of open) closed.add(name);
  });
  repeats.forEach((r, k) => {
    if (!used.has(r.name)) t.warn(['repeats', k], 'no item is in this repeat');
  });
  for (const [k, scale] of inst.scales.entries()) {
    scale.items.forEach((name, i) => {
      const at = t.itemAt.get(name);
      if (!at) return;
      const item = inst.sections[at[1] as number]?.items[at[3] as number];
      if (item?.repeat !== undefined) t.error(['scales', k, 'items', i], `'${name}' is asked in repeat '${item.repeat}': a scale scores items asked once`);
    });
  }
}
