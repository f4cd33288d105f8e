/**
 * The text sources of a response that can be coded: every text answer, every "Other (specify)" text,
 * every interviewer's note, and (when the media work adds them) transcripts. A source is named by a
 * `SourceRef`; `sourceText` reads its text, `textSources` lists them in the instrument's order.
 *
 * An item in a repeat (instrument version 3) is a source in each instance: its ref's `item` is the
 * answer key (`member[k3f9]/comment`), and `instance` names the instance for people ("Member 2").
 *
 * A transcript plugs in through `TranscriptLookup`: give `sourceText`/`textSources` a function that
 * returns a response's transcripts ({id, label, text}); nothing else changes.
 */
import type { BundleResponse } from '../bundle/types';
import { allItems, localize, type Instrument, type Item } from '../instrument/types';
import { parseAnswerKey } from '../responses/answer-key';
import { instanceNumbers } from '../responses/instance-numbers';
import type { AnswerValue } from '../responses/types';
import type { SourceRef } from './types';

export interface TranscriptText {
  id: string;
  label: string;
  text: string;
}

export type TranscriptLookup = (response: BundleResponse) => readonly TranscriptText[];

export interface TextSource {
  ref: SourceRef;
  /** The item it belongs to, by name (none for a transcript). */
  item?: string;
  /**
   * For an item in a repeat: its instance as people name it, the repeat's label (without its
   * `${name}`s) and the instance's number, outermost first ("Member 2", "Member 2 / Job 1").
   */
  instance?: string;
  text: string;
}

const TEXT_TYPES = new Set(['text', 'longtext']);

/** The text of one source of a response, or undefined when it has none (or no longer has one). */
export function sourceText(response: BundleResponse, ref: SourceRef, transcripts?: TranscriptLookup): string | undefined {
  if (ref.kind === 'transcript') return transcripts?.(response).find((t) => t.id === ref.id)?.text;
  const a = Object.hasOwn(response.answers, ref.item) ? response.answers[ref.item] : undefined;
  if (!a) return undefined;
  if (ref.kind === 'note') return a.note || undefined;
  if (ref.kind === 'other') return a.other || undefined;
  return typeof a.value === 'string' && a.value !== '' ? a.value : undefined;
}

/** Every codable source of a response with its text, in the instrument's order (each item's instances in their order), transcripts last. */
export function textSources(instrument: Instrument, response: BundleResponse, transcripts?: TranscriptLookup, lang?: string): TextSource[] {
  const out: TextSource[] = [];
  const inRepeats = instrument.repeats?.length ? instanceKeys(instrument, response, lang ?? instrument.languages[0] ?? 'en') : undefined;
  for (const { item } of allItems(instrument)) {
    if (item.personal) continue;
    const keys: { key: string; instance?: string }[] = item.repeat === undefined || !inRepeats ? [{ key: item.name }] : (inRepeats.get(item.name) ?? []);
    for (const { key, instance } of keys) {
      const a = Object.hasOwn(response.answers, key) ? response.answers[key] : undefined;
      if (!a) continue;
      const at = instance === undefined ? { item: item.name } : { item: item.name, instance };
      if (TEXT_TYPES.has(item.type) && typeof a.value === 'string' && a.value !== '') out.push({ ref: { kind: 'answer', item: key }, ...at, text: a.value });
      if (a.other) out.push({ ref: { kind: 'other', item: key }, ...at, text: a.other });
      if (a.note) out.push({ ref: { kind: 'note', item: key }, ...at, text: a.note });
    }
  }
  for (const t of transcripts?.(response) ?? []) out.push({ ref: { kind: 'transcript', id: t.id }, text: t.text });
  return out;
}

/**
 * The answer keys of the items in repeats, by item name, each with its instance's name, in the
 * instances' order: a free repeat's by their markers (a removed instance is left out), a counted
 * one's by number, a loop's by its list.
 */
function instanceKeys(instrument: Instrument, response: BundleResponse, lang: string): Map<string, { key: string; instance: string }[]> {
  const values: Record<string, AnswerValue> = {};
  for (const [k, a] of Object.entries(response.answers)) values[k] = a.value;
  const numberOf = instanceNumbers(instrument, values);
  const repeats = new Map((instrument.repeats ?? []).map((r) => [r.name, r]));
  const found = new Map<string, { key: string; instance: string; rank: number[] }[]>();
  for (const key of Object.keys(response.answers)) {
    if (!key.includes('[')) continue;
    const parsed = parseAnswerKey(key);
    if (!parsed || parsed.item === '') continue;
    const rank = parsed.path.map((_, d) => numberOf(parsed.path, d));
    if (rank.includes(0)) continue;
    const instance = parsed.path.map((step, d) => `${repeatTitle(repeats.get(step.repeat)?.label, lang, step.repeat)} ${rank[d]}`).join(' / ');
    const list = found.get(parsed.item) ?? [];
    list.push({ key, instance, rank });
    found.set(parsed.item, list);
  }
  const out = new Map<string, { key: string; instance: string }[]>();
  for (const [item, list] of found) {
    list.sort((a, b) => compareRanks(a.rank, b.rank));
    out.set(item, list.map(({ key, instance }) => ({ key, instance })));
  }
  return out;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A repeat's label as a name for its instances: without the `${name}`s they fill in, else its name. */
function repeatTitle(label: Item['label'] | undefined, lang: string, name: string): string {
  const text = localize(label, lang).replace(/\$\{[^}]*\}/g, '').replace(/[\s:,;.–—-]+$/u, '').replace(/^[\s:,;.–—-]+/u, '').trim();
  return text || name;
}

/** A source's key, for maps and DOM ids: "answer:q1", "note:q1", "transcript:ID". */
export function sourceKey(ref: SourceRef): string {
  return ref.kind === 'transcript' ? `transcript:${ref.id}` : `${ref.kind}:${ref.item}`;
}
