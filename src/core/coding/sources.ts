/**
 * The text sources of a response that can be coded: every text answer, every "Other (specify)" text,
 * every interviewer's note, and (when the media work adds them) transcripts. A source is named by a
 * `SourceRef`; `sourceText` reads its text, `textSources` lists them in the instrument's order.
 *
 * A transcript plugs in through `TranscriptLookup`: give `sourceText`/`textSources` a function that
 * returns a response's transcripts ({id, label, text}); nothing else changes.
 */
import type { BundleResponse } from '../bundle/types';
import { allItems, type Instrument } from '../instrument/types';
import type { SourceRef } from './types';

export interface TranscriptText {
  id: string;
  label: string;
  text: string;
}

export type TranscriptLookup = (response: BundleResponse) => readonly TranscriptText[];

export interface TextSource {
  ref: SourceRef;
  /** The item it belongs to (none for a transcript). */
  item?: string;
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

/** Every codable source of a response with its text, in the instrument's order, transcripts last. */
export function textSources(instrument: Instrument, response: BundleResponse, transcripts?: TranscriptLookup): TextSource[] {
  const out: TextSource[] = [];
  for (const { item } of allItems(instrument)) {
    if (item.personal) continue;
    const a = Object.hasOwn(response.answers, item.name) ? response.answers[item.name] : undefined;
    if (!a) continue;
    if (TEXT_TYPES.has(item.type) && typeof a.value === 'string' && a.value !== '') out.push({ ref: { kind: 'answer', item: item.name }, item: item.name, text: a.value });
    if (a.other) out.push({ ref: { kind: 'other', item: item.name }, item: item.name, text: a.other });
    if (a.note) out.push({ ref: { kind: 'note', item: item.name }, item: item.name, text: a.note });
  }
  for (const t of transcripts?.(response) ?? []) out.push({ ref: { kind: 'transcript', id: t.id }, text: t.text });
  return out;
}

/** A source's key, for maps and DOM ids: "answer:q1", "note:q1", "transcript:ID". */
export function sourceKey(ref: SourceRef): string {
  return ref.kind === 'transcript' ? `transcript:${ref.id}` : `${ref.kind}:${ref.item}`;
}
