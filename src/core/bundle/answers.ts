/**
 * The one validator of a response's answers against an instrument. The exporter and every importer
 * run this same code, so what a device exports, every Dala imports:
 *
 * - an answer to an item the instrument does not have refuses the record (it is set aside, with the
 *   reason): it belongs to another form;
 * - a value that is not a valid answer to its item (a draft's "abc" in a whole-number item, "40,5"
 *   typed with a comma) is kept as it was typed and flagged `invalid` with the reason. Drafts keep
 *   invalid values, as the runner does, so moving a draft to another device loses nothing; analysis
 *   reads a flagged value as unanswered (src/core/responses/form-state.ts).
 *
 * The reader always decides for itself: a flag in the file is replaced by what its own check finds.
 */
import { at } from '../instrument/problem-path';
import { repeatChain, repeatsByName } from '../instrument/repeats';
import { parseAnswerKey } from '../responses/answer-key';
import { allItems, type Instrument, type Item } from '../instrument/types';
import { allowedCodes, validateValue } from '../responses/validate-value';
import type { BundleAnswer, BundleResponse } from './types';

/** A response's answers checked: refused (with the reason), or accepted with the invalid values' reasons. */
export type AnswersCheck = { refuse: string } | { invalid: ReadonlyMap<string, string> };

export type AnswersChecker = (r: Pick<BundleResponse, 'answers'>) => AnswersCheck;

const NONE: ReadonlyMap<string, string> = new Map();

export function answersChecker(instrument: Instrument): AnswersChecker {
  const items = new Map<string, { item: Item; codes: ReadonlySet<string> | null }>();
  for (const { item } of allItems(instrument)) {
    const codes = allowedCodes(instrument, item);
    items.set(item.name, { item, codes: codes ? new Set(codes) : null });
  }
  const where = `study ${instrument.id} version ${instrument.studyVersion}`;
  const repeats = repeatsByName(instrument.repeats);
  /** Version 3: a key inside a repeat names an item of that repeat, in the right nesting (../responses/answer-key.ts). */
  const keyProblem = (key: string): { item?: string; problem?: string } => {
    const parsed = parseAnswerKey(key);
    if (!parsed) return { problem: `'${key}' is not an answer key` };
    const chain = parsed.item === '' ? repeatChain(repeats, parsed.path[parsed.path.length - 1]?.repeat) : repeatChain(repeats, items.get(parsed.item)?.item.repeat);
    if (parsed.item !== '' && !items.has(parsed.item)) return { problem: `the ${where} has no item '${parsed.item}'` };
    if (chain.length !== parsed.path.length || chain.some((r, d) => r.name !== parsed.path[d]!.repeat)) {
      return { problem: `'${key}' does not follow the repeats of the ${where}` };
    }
    return parsed.item === '' ? {} : { item: parsed.item };
  };
  return (r) => {
    let invalid: Map<string, string> | null = null;
    for (const key in r.answers) {
      let name = key;
      if (key.includes('[')) {
        const k = keyProblem(key);
        if (k.problem) return { refuse: at(r, ['answers', key], k.problem) };
        if (k.item === undefined) {
          // An instance's marker: its place in the order, or null once removed.
          const v = r.answers[key]!.value;
          if (v !== null && typeof v !== 'number') return { refuse: at(r, ['answers', key], `the marker of an instance holds a number or null, got ${JSON.stringify(v)}`) };
          continue;
        }
        name = k.item;
      }
      const known = items.get(name);
      if (!known) return { refuse: at(r, ['answers', name], `the ${where} has no item '${name}'`) };
      if (name === key && known.item.repeat !== undefined) return { refuse: at(r, ['answers', key], `'${key}' does not follow the repeats of the ${where}: it is asked in repeat '${known.item.repeat}'`) };
      const value = r.answers[key]!.value;
      // The common case without building lists: a single code the item accepts.
      if (known.codes && typeof value === 'string' && known.item.type !== 'select_multiple' && known.codes.has(value)) continue;
      const reason = validateValue(instrument, known.item, value);
      if (reason) (invalid ??= new Map()).set(key, reason);
    }
    return { invalid: invalid ?? NONE };
  };
}

/**
 * The response with each answer's `invalid` flag as `invalid` says (set where it has a reason,
 * removed elsewhere). Returns the same object when nothing changes.
 */
export function withInvalidFlags<R extends Pick<BundleResponse, 'answers'>>(r: R, invalid: ReadonlyMap<string, string>): R {
  let changed = false;
  for (const name in r.answers) {
    const a = r.answers[name]!;
    if (a.invalid !== invalid.get(name)) {
      changed = true;
      break;
    }
  }
  if (!changed) return r;
  const answers: Record<string, BundleAnswer> = {};
  for (const name in r.answers) {
    const { invalid: _old, ...a } = r.answers[name]!;
    const reason = invalid.get(name);
    answers[name] = reason === undefined ? a : { ...a, invalid: reason };
  }
  return { ...r, answers };
}
