/**
 * A transcript as text and in time: the text that is coded (paragraphs joined by a blank line), the
 * paragraphs grouped by the question being asked, the time of a paragraph as hh:mm:ss, and the
 * edits the transcription view makes (pure: the view writes what they return).
 */
import type { BundleResponse } from '../bundle/types';
import type { TranscriptLookup, TranscriptText } from '../coding/sources';
import { currentRevision } from '../coding/merge';
import type { Paragraph, QuestionMarker, TranscriptEntry, TranscriptRecord } from './types';

/** Between two paragraphs in the coded text. */
export const PARAGRAPH_SEPARATOR = '\n\n';

/** The text a transcript is coded in: its paragraphs' texts, joined by a blank line. */
export function transcriptText(t: Pick<TranscriptRecord, 'paragraphs'>): string {
  return t.paragraphs.map((p) => p.text).join(PARAGRAPH_SEPARATOR);
}

/** Where each paragraph starts in `transcriptText` (UTF-16 code units). */
export function paragraphOffsets(t: Pick<TranscriptRecord, 'paragraphs'>): number[] {
  const out: number[] = [];
  let at = 0;
  for (const p of t.paragraphs) {
    out.push(at);
    at += p.text.length + PARAGRAPH_SEPARATOR.length;
  }
  return out;
}

/**
 * The transcripts of a response, for coding (src/core/coding/sources.ts): each live transcript (its
 * current revision while a conflict is open) with its text. Label: "Transcript", then its time span.
 */
export function transcriptLookup(entries: readonly TranscriptEntry[], label = 'Transcript'): TranscriptLookup {
  const byResponse = new Map<string, TranscriptText[]>();
  for (const e of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const t = currentRevision(e.revisions);
    if (t.deleted) continue;
    const list = byResponse.get(t.responseId) ?? [];
    list.push({ id: t.id, label: list.length === 0 ? label : `${label} ${list.length + 1}`, text: transcriptText(t) });
    byResponse.set(t.responseId, list);
  }
  return (response: BundleResponse) => byResponse.get(response.id) ?? [];
}

/** "1:02:05" or "2:05.4" style: hours only when needed, tenths when asked. */
export function formatTime(seconds: number, tenths = false): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const whole = Math.floor(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const frac = tenths ? `.${Math.floor((s - whole) * 10)}` : '';
  return h > 0 ? `${h}:${two(m)}:${two(sec)}${frac}` : `${m}:${two(sec)}${frac}`;
}

/** The question being asked at `at` seconds: the last marker at or before it (none before the first). */
export function questionAt(markers: readonly QuestionMarker[], at: number): string | undefined {
  let item: string | undefined;
  for (const m of markers) if (m.at <= at) item = m.item;
  return item;
}

export interface ParagraphGroup {
  /** The question asked (none: before the first marker, or no markers). */
  item?: string;
  /** When that question was asked (0 for the group before the first marker). */
  at: number;
  /** Indices into `paragraphs`. */
  paragraphs: number[];
}

/**
 * Paragraphs grouped by the question being asked when they start, in time order. Without markers,
 * one group holds them all. A question with no paragraph yet still has its (empty) group, so the
 * transcriber sees where it was asked.
 */
export function groupByQuestion(t: Pick<TranscriptRecord, 'paragraphs' | 'markers'>): ParagraphGroup[] {
  const markers = sortedMarkers(t.markers);
  const groups: ParagraphGroup[] = [{ at: 0, paragraphs: [] }];
  for (const m of markers) groups.push({ item: m.item, at: m.at, paragraphs: [] });
  let g = 0;
  t.paragraphs.forEach((p, i) => {
    while (g + 1 < groups.length && groups[g + 1]!.at <= p.at) g++;
    groups[g]!.paragraphs.push(i);
  });
  return groups.filter((x, i) => i > 0 || x.paragraphs.length > 0 || markers.length === 0);
}

export function sortedMarkers(markers: readonly QuestionMarker[]): QuestionMarker[] {
  return [...markers].sort((a, b) => a.at - b.at || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
}

/** Paragraphs in time order (a stable sort: two at the same time keep their order). */
export function sortedParagraphs(paragraphs: readonly Paragraph[]): Paragraph[] {
  return paragraphs.map((p, i) => [p, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([p]) => p);
}

/** A new paragraph at `at` seconds (rounded to tenths), placed in time order; returns the list and its index. */
export function insertParagraph(paragraphs: readonly Paragraph[], at: number, text = ''): { paragraphs: Paragraph[]; index: number } {
  const time = Math.max(0, Math.round((Number.isFinite(at) ? at : 0) * 10) / 10);
  let index = paragraphs.length;
  while (index > 0 && paragraphs[index - 1]!.at > time) index--;
  const out = [...paragraphs.slice(0, index), { at: time, text }, ...paragraphs.slice(index)];
  return { paragraphs: out, index };
}
