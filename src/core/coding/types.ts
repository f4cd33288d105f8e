/**
 * Qualitative coding (docs/coding.md): a study's codebook and the passages coded with it.
 *
 * Two kinds of record, both plain JSON, both versioned like a response (`rev.vv`, a version vector:
 * src/core/merge/version-vector.ts), so they travel in bundles and merge like answers:
 * - a `CodeRecord` is one code of the study's codebook (name, description, colour, optional parent);
 * - a `PassageRecord` is one coded passage: a span of one text *source* of one response, with the
 *   codes assigned to it.
 * A record is never removed: deleting one writes a revision with `deleted: true` (a tombstone), so a
 * deletion on one laptop and an edit on another meet as a conflict, not a silent loss.
 *
 * A text source is named by a `SourceRef`. Today: a text answer, an "Other (specify)" text, or the
 * interviewer's note of an item. A transcript (added by the media work) plugs in as
 * `{kind: 'transcript', id}`: `sourceText` (./sources.ts) takes a lookup for transcripts, and every
 * other part (anchoring, views, merge, CSV, REFI-QDA) works on the source's text alone.
 */
import type { Revision } from '../bundle/types';

export type SourceRef =
  | { kind: 'answer'; item: string }
  | { kind: 'other'; item: string }
  | { kind: 'note'; item: string }
  | { kind: 'transcript'; id: string };

export interface CodeRecord {
  type: 'code';
  /** Stable id: a UUID, or a fixed name for a codebook that ships with a study ("demo-leadership"). */
  id: string;
  studyId: string;
  name: string;
  description?: string;
  /** "#rrggbb". */
  color: string;
  /** The parent code's id: codes form a tree. */
  parent?: string;
  /** The researcher's memo on the code (what it means in this study, how it is used). */
  memo?: string;
  rev: Revision;
  deleted?: true;
}

export interface PassageRecord {
  type: 'passage';
  id: string;
  studyId: string;
  responseId: string;
  source: SourceRef;
  /**
   * The span in the source's text when it was coded, in UTF-16 code units (JavaScript string
   * indices), `start` inclusive, `end` exclusive. Exports convert to Unicode characters where the
   * format asks for them (REFI-QDA).
   */
  start: number;
  end: number;
  /** The passage's text, and up to CONTEXT characters on each side: what re-anchoring looks for. */
  quote: string;
  before: string;
  after: string;
  /** Code ids, sorted. */
  codes: string[];
  memo?: string;
  /** Who coded it (the coder's name or the device's). */
  by: string;
  rev: Revision;
  deleted?: true;
}

export type CodingRecord = CodeRecord | PassageRecord;

/** Characters of context kept on each side of a passage. */
export const CONTEXT = 40;

/** One record id with its maximal revisions: more than one is a conflict (two coders disagreed). */
export interface CodingEntry {
  id: string;
  studyId: string;
  revisions: CodingRecord[];
}
