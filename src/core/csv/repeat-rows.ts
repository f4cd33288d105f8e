/**
 * The instances of repeats in one response, for tables (docs/csv.md, "Repeats"): which instances a
 * response has under each parent, in the order the runner shows them. Read from the answers alone:
 * a free repeat's instances are its markers that hold a number (a removed one's marker is null); a
 * counted or looped repeat's are those its answers are in (numbered, or in the list's order).
 */
import type { BundleResponse } from '../bundle/types';
import { type Repeat, repeatChain, repeatsByName } from '../instrument/repeats';
import type { Instrument } from '../instrument/types';
import { answerKey, instanceIdOf, type InstancePath, instanceKey, parseAnswerKey } from '../responses/answer-key';

/** By list key (`answerKey(repeat, parentPath)`): the instance ids in order. */
export type ResponseInstances = Map<string, string[]>;

export function responseInstances(instrument: Instrument, r: Pick<BundleResponse, 'answers'>): ResponseInstances {
  const repeats = repeatsByName(instrument.repeats);
  const found = new Map<string, Map<string, number | null | undefined>>();
  for (const key of Object.keys(r.answers)) {
    if (!key.includes('[')) continue;
    const parsed = parseAnswerKey(key);
    if (!parsed) continue;
    parsed.path.forEach((step, d) => {
      const listKey = answerKey(step.repeat, parsed.path.slice(0, d));
      let ids = found.get(listKey);
      if (!ids) found.set(listKey, (ids = new Map()));
      const isMarker = parsed.item === '' && d === parsed.path.length - 1;
      if (isMarker) {
        const v = r.answers[key]!.value;
        ids.set(step.id, typeof v === 'number' ? v : null);
      } else if (!ids.has(step.id)) ids.set(step.id, undefined);
    });
  }
  const out: ResponseInstances = new Map();
  for (const [listKey, ids] of found) {
    const repeatName = listKey.slice(listKey.lastIndexOf('/') + 1);
    const repeat = repeats.get(repeatName);
    if (!repeat) continue;
    out.set(listKey, ordered(instrument, repeat, ids));
  }
  return out;
}

function ordered(instrument: Instrument, repeat: Repeat, ids: Map<string, number | null | undefined>): string[] {
  if (repeat.loop !== undefined) {
    const list = (Object.hasOwn(instrument.choiceLists, repeat.loop) ? instrument.choiceLists[repeat.loop]! : []).map((c) => instanceIdOf(c.name));
    return list.filter((id) => ids.has(id));
  }
  if (repeat.count !== undefined) return [...ids.keys()].sort((a, b) => Number(a) - Number(b));
  // A free repeat: instances whose marker holds a number, by it, then by id.
  return [...ids.entries()]
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id]) => id);
}

/** Every instance path of repeat `name` in the response, in document order, with its 1-based position. */
export function instancePaths(instrument: Instrument, instances: ResponseInstances, name: string): { path: InstancePath; position: number }[] {
  const chain = repeatChain(repeatsByName(instrument.repeats), name).map((r) => r.name);
  let paths: { path: InstancePath; position: number }[] = [{ path: [], position: 0 }];
  for (const repeat of chain) {
    paths = paths.flatMap(({ path }) => (instances.get(answerKey(repeat, path)) ?? []).map((id, i) => ({ path: [...path, { repeat, id }], position: i + 1 })));
  }
  return paths;
}

/** The key of an instance in a table: the response id, then its path (`7c9e.../member[a1]/job[j2]`). */
export function rowKey(responseId: string, path: InstancePath): string {
  return path.length ? `${responseId}/${instanceKey(path)}` : responseId;
}
