/**
 * Transcripts (docs/transcripts.md): what was said in an interview, written down by the researcher
 * while listening to its recording.
 *
 * A transcript belongs to one response. It is a record of its own, versioned like a response
 * (`rev.vv`, a version vector: src/core/merge/version-vector.ts), so it travels in bundles (the
 * `transcripts` list) and merges like answers: per transcript id, the revisions no other revision
 * supersedes are kept; two devices that edited the same transcript apart keep both revisions (a
 * conflict the researcher sees and resolves, never a loss). Deleting one writes `deleted: true`.
 *
 * - `media` names the recording it transcribes: an opaque id that the recording work gives
 *   (src/core/media/ on its branch); none when the researcher opened an audio file from disk.
 * - `paragraphs`: each starts at a time in the recording, in seconds, and holds its text. Kept in
 *   time order. The text coded in it (./text.ts) is the paragraphs' texts joined by a blank line.
 * - `markers`: where each question was asked on the recording's timeline (the recording work fills
 *   them as the interview moves from question to question); the view groups paragraphs by them.
 */
import type { Revision } from '../bundle/types';

/** A question asked at `at` seconds into the recording. */
export interface QuestionMarker {
  /** The item's name in the instrument. */
  item: string;
  /** Seconds from the start of the recording (>= 0). */
  at: number;
}

export interface Paragraph {
  /** Seconds from the start of the recording (>= 0). */
  at: number;
  text: string;
}

export interface TranscriptRecord {
  type: 'transcript';
  /** A UUID. */
  id: string;
  studyId: string;
  /** The response (session) it belongs to. */
  responseId: string;
  /** The recording it transcribes (a media id, opaque here); none for an audio file opened from disk. */
  media?: string;
  /** In time order. */
  paragraphs: Paragraph[];
  /** In time order. */
  markers: QuestionMarker[];
  /** Who last wrote it (the transcriber's or the device's name). */
  by: string;
  rev: Revision;
  deleted?: true;
}

/** One transcript id with its maximal revisions: more than one is a conflict. */
export interface TranscriptEntry {
  id: string;
  studyId: string;
  revisions: TranscriptRecord[];
}
