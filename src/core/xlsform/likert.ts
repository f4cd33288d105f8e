/**
 * Likert items and scales (docs/xlsform.md, "Likert items and scales").
 *
 * The rule: a row is a Likert item when
 *   1. its type is `select_one LIST` (without or_other), and
 *   2. LIST has at least two choices whose names are numbers written plainly ("1".."5", "0", "-2",
 *      "2.5"; not "01" or "1.0"): those are the scored points; any other choice ("dk", "na") is a
 *      non-substantive answer, stored by name and scored as missing; and
 *   3. it says it is one: its appearance has `likert`, or its `scale` cell is filled, or one of its
 *      enclosing groups has the appearance `likert` or `table-list`.
 * It becomes an item of type 'likert' whose `likert` names LIST, and LIST becomes
 * `likertScales[LIST]`.
 *
 * Each Likert item belongs to the scale named in its `scale` cell or, when that is empty, to the
 * scale named after its innermost group (labelled with the group's label); a scale may span several
 * groups. `reverse` (yes/true/1) marks a reverse-coded item. Items of one scale must share the range
 * of their points, since reverse coding computes min + max - x.
 */
import type { Choice, LikertScale, LocalizedText, ScaleDef } from '../instrument/types';
import { INSTRUMENT_LIMITS, NAME_PATTERN, RESERVED_NAMES } from '../instrument/schema';
import type { ChoiceListDef } from './choices';
import type { Problems, Where } from './problems';
import type { GroupFrame, ItemDraft } from './survey';
import { yesNo } from './table';

/** A number as a Likert point is written: no leading zeros, no trailing zeros after the point. */
const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

export interface LikertResult {
  likertScales: Record<string, LikertScale>;
  scales: ScaleDef[];
  /** Groups whose label became a scale's label. */
  labelledScales: Set<GroupFrame>;
  /** Lists used by Likert items. */
  likertLists: Set<string>;
}

/** The points and non-substantive answers of a list, or undefined if it has under two numeric names. */
export function likertScaleOf(list: ChoiceListDef): LikertScale | undefined {
  const points = list.choices.filter((c) => PLAIN_NUMBER.test(c.name));
  if (points.length < 2) return undefined;
  const nonSubstantive: Choice[] = list.choices.filter((c) => !PLAIN_NUMBER.test(c.name)).map((c) => ({ name: c.name, label: c.label }));
  return {
    points: points.map((c) => ({ value: Number(c.name), label: c.label })),
    ...(nonSubstantive.length ? { nonSubstantive } : {}),
  };
}

const isLikertGroup = (g: GroupFrame) => g.kind === 'group' && g.appearance.some((w) => w === 'likert' || w === 'table-list');

/**
 * Turns eligible select_one drafts into Likert items (in place) and builds the scales.
 * `where(draft, column)` locates a problem on a draft's row.
 */
export function resolveLikert(
  items: ItemDraft[],
  lists: Map<string, ChoiceListDef>,
  groups: GroupFrame[],
  problems: Problems,
  defaultLanguage: string,
  where: (draft: ItemDraft, column: 'scale' | 'reverse' | 'appearance' | 'type') => Where,
): LikertResult {
  const likertScales: Record<string, LikertScale> = {};
  const likertLists = new Set<string>();
  const scaleOrder: string[] = [];
  const scales = new Map<string, { def: ScaleDef; range: { min: number; max: number; list: string; row: number } }>();
  const groupByName = new Map(groups.filter((g) => g.kind === 'group').map((g) => [g.name, g]));
  const labelledScales = new Set<GroupFrame>();
  const validScaleName = (n: string) => NAME_PATTERN.test(n) && n.length <= INSTRUMENT_LIMITS.name && !RESERVED_NAMES.has(n);

  for (const d of items) {
    const { item } = d;
    const reverse = yesNo(d.reverse);
    if (reverse === 'invalid') problems.error(where(d, 'reverse'), `reverse must be yes or no, not '${d.reverse}'`);
    const wantsLikertLook = d.appearance.includes('likert');
    const claimed = wantsLikertLook || d.scale !== '' || d.groups.some(isLikertGroup);
    const list = d.select ? lists.get(d.select.list) : undefined;
    const scale = d.select?.type === 'select_one' && list ? likertScaleOf(list) : undefined;

    const notLikert = (why: string) => {
      if (d.scale) problems.error(where(d, 'scale'), `'${item.name}' cannot be in scale '${d.scale}': ${why}`);
      else if (reverse === true) problems.error(where(d, 'reverse'), `'${item.name}' cannot be reverse coded: ${why}`);
      else if (wantsLikertLook && d.select?.type === 'select_one' && list) {
        problems.warn(where(d, 'appearance'), `appearance likert on '${item.name}', but ${why}: it stays an ordinary select_one, not scored`);
      }
    };
    if (!d.select || d.select.type !== 'select_one') {
      if (d.scale || reverse === true) notLikert(`only a select_one over a list with numeric choice names is a Likert item, and this is ${item.type}`);
      continue;
    }
    if (!list) continue; // the missing list is reported elsewhere
    if (d.select.other) {
      if (claimed || reverse === true) notLikert('a Likert item has no "or_other"');
      continue;
    }
    if (!scale) {
      if (claimed || reverse === true) notLikert(`list '${list.name}' has fewer than two numeric choice names (like 1..5)`);
      continue;
    }
    if (!claimed) {
      if (reverse === true) {
        problems.error(
          where(d, 'reverse'),
          `'${item.name}' is marked reverse but is not a Likert item: give it the appearance likert or a scale`,
        );
      }
      continue;
    }

    // A Likert item.
    if (scale.points.length > INSTRUMENT_LIMITS.likertPoints || (scale.nonSubstantive?.length ?? 0) > INSTRUMENT_LIMITS.nonSubstantive) {
      problems.error(
        where(d, 'type'),
        `list '${list.name}' cannot be a Likert scale: at most ${INSTRUMENT_LIMITS.likertPoints} numeric points and ` +
          `${INSTRUMENT_LIMITS.nonSubstantive} other answers (it has ${scale.points.length} and ${scale.nonSubstantive?.length ?? 0})`,
      );
      continue;
    }
    item.type = 'likert';
    item.likert = list.name;
    delete item.choices;
    delete item.other;
    likertScales[list.name] = scale;
    likertLists.add(list.name);

    // Its scale.
    let scaleName: string;
    let label: LocalizedText;
    const innermost = [...d.groups].reverse().find((g) => g.kind === 'group');
    if (d.scale) {
      if (!validScaleName(d.scale)) {
        problems.error(where(d, 'scale'), `'${d.scale}' is not a valid scale name: use letters, digits, _ . -, starting with a letter or _`);
        continue;
      }
      scaleName = d.scale;
      const group = groupByName.get(d.scale);
      label = group && Object.keys(group.label).length ? group.label : { [defaultLanguage]: d.scale };
      if (group) labelledScales.add(group);
    } else if (innermost) {
      scaleName = innermost.name;
      label = Object.keys(innermost.label).length ? innermost.label : { [defaultLanguage]: innermost.name };
      labelledScales.add(innermost);
    } else {
      problems.warn(where(d, 'scale'), `Likert item '${item.name}' is in no scale: it has no scale cell and is in no group`);
      continue;
    }
    const values = scale.points.map((p) => p.value);
    const range = { min: Math.min(...values), max: Math.max(...values), list: list.name, row: d.row };
    let entry = scales.get(scaleName);
    if (!entry) {
      entry = { def: { name: scaleName, label, items: [], reversed: [] }, range };
      scales.set(scaleName, entry);
      scaleOrder.push(scaleName);
    } else if (entry.range.min !== range.min || entry.range.max !== range.max) {
      problems.error(
        where(d, d.scale ? 'scale' : 'type'),
        `scale '${scaleName}' mixes answer ranges: list '${range.list}' runs ${range.min}..${range.max}, but list ` +
          `'${entry.range.list}' (row ${entry.range.row}) runs ${entry.range.min}..${entry.range.max}; reverse coding needs one range`,
      );
      continue;
    } else if (entry.range.list !== range.list) {
      problems.warn(
        where(d, d.scale ? 'scale' : 'type'),
        `scale '${scaleName}' mixes lists '${entry.range.list}' (row ${entry.range.row}) and '${range.list}' with the same range`,
      );
    }
    entry.def.items.push(item.name);
    if (reverse === true) entry.def.reversed.push(item.name);
  }
  return { likertScales, scales: scaleOrder.map((n) => scales.get(n)!.def), likertLists, labelledScales };
}
