/**
 * Transcripts as CSV (docs/csv.md, "Transcripts"): one row per paragraph, with its respondent, its
 * start in seconds and as h:mm:ss, the question being asked then (from the recording's markers),
 * and its text. A transcript in conflict writes each of its revisions, numbered.
 */
import type { Cell } from '../csv/write';
import type { BundleResponse } from '../bundle/types';
import { formatTime, questionAt, sortedMarkers } from './text';
import type { TranscriptEntry } from './types';

export const TRANSCRIPT_HEADER = ['transcriptId', 'responseId', 'respondentCode', 'media', 'revision', 'paragraph', 'start', 'time', 'item', 'text', 'transcriber', 'savedAt'];

/**
 * Rows for the transcripts of `responses` (others are left out), ordered by respondent code, then
 * transcript id. `revision` is empty unless the transcript is in conflict (then 1, 2, ...).
 */
export function transcriptRows(entries: readonly TranscriptEntry[], responses: readonly BundleResponse[]): Cell[][] {
  const byId = new Map(responses.map((r) => [r.id, r]));
  const live = entries
    .map((e) => ({ e, r: byId.get(e.revisions[0]?.responseId ?? '') }))
    .filter((x): x is { e: TranscriptEntry; r: BundleResponse } => x.r !== undefined)
    .sort((a, b) => a.r.respondentCode.localeCompare(b.r.respondentCode) || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
  const rows: Cell[][] = [];
  for (const { e, r } of live) {
    const revisions = e.revisions.filter((t) => !t.deleted);
    revisions.forEach((t, k) => {
      const markers = sortedMarkers(t.markers);
      t.paragraphs.forEach((p, i) => {
        rows.push([t.id, r.id, r.respondentCode, t.media ?? null, e.revisions.length > 1 ? k + 1 : null, i + 1, p.at, formatTime(p.at), questionAt(markers, p.at) ?? null, p.text, t.by, t.rev.at]);
      });
    });
  }
  return rows;
}
