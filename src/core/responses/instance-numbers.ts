/**
 * The number of a repeat instance among its siblings, as ODK counts them (1-based, in the order
 * the runner shows them): a free repeat's instances by their markers' order (then id), a counted
 * repeat's by their id ("1", "2", ...), a loop's by its choice list. Read from a response's answers
 * alone (no expression is evaluated): what the coding views and the audit log name instances by.
 */
import type { Instrument } from '../instrument/types';
import { answerKey, instanceIdOf, parseAnswerKey, type InstancePath } from './answer-key';
import { markersOf } from './repeat-instances';
import type { AnswerValue } from './types';

/** The number of the instance at `path[depth]`, or 0 when it is not there (removed, or not a number of its count). */
export type InstanceNumbers = (path: InstancePath, depth: number) => number;

export function instanceNumbers(instrument: Instrument, answers: Readonly<Record<string, AnswerValue>>): InstanceNumbers {
  const markers = markersOf(answers);
  const repeats = new Map((instrument.repeats ?? []).map((r) => [r.name, r]));
  const orders = new Map<string, string[]>();
  return (path, depth) => {
    const step = path[depth];
    const repeat = step && repeats.get(step.repeat);
    if (!step || !repeat) return 0;
    if (repeat.count !== undefined) return /^[1-9][0-9]{0,5}$/.test(step.id) ? Number(step.id) : 0;
    if (repeat.loop !== undefined) return (instrument.choiceLists[repeat.loop] ?? []).findIndex((c) => instanceIdOf(c.name) === step.id) + 1;
    const listKey = answerKey(step.repeat, path.slice(0, depth));
    let order = orders.get(listKey);
    if (!order) {
      const ids = markers.get(listKey);
      order = ids ? [...ids].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id]) => id) : [];
      orders.set(listKey, order);
    }
    return order.indexOf(step.id) + 1;
  };
}

/**
 * An answer key as ODK names its node: `/data/member[2]/age` for `member[k3f9]/age` when that
 * instance is the second; an instance with no number now (removed since) keeps its id.
 */
export function odkNodePath(key: string, numbers: InstanceNumbers | undefined): string {
  const parsed = numbers && key.includes('[') ? parseAnswerKey(key) : null;
  if (!parsed) return `/data/${key}`;
  const steps = parsed.path.map((step, d) => `${step.repeat}[${numbers!(parsed.path, d) || step.id}]`);
  return `/data/${[...steps, ...(parsed.item ? [parsed.item] : [])].join('/')}`;
}
