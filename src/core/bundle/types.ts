import type { MediaRef } from '../media/ref';
/**
 * The bundle format, version 2 (docs/bundle-format.md): how responses travel between devices.
 * Version 1 files still open: ./migrations.ts turns them into version 2.
 *
 * A bundle is one JSON document, usually age-encrypted to the researcher's key. Everything here is
 * plain JSON. Untrusted JSON becomes a `Bundle` only through `parseBundle` (./parse.ts).
 *
 * A response is one session as one device last saw it: a *revision*. `revision.vv` is its version
 * vector (device id -> how many writes that device made to it), which is what the merge compares
 * (src/core/merge/). A bundle may carry several revisions of the same response id when they are in
 * conflict (concurrent version vectors); each is a complete response.
 */
import type { Instrument } from '../instrument/types';
import type { AnswerValue } from '../responses/types';
import type { CodingRecord } from '../coding/types';
import type { TranscriptRecord } from '../transcripts/types';

export const BUNDLE_TYPE = 'dala-bundle';
export const BUNDLE_VERSION = 2;

/** Device id -> number of writes that device made to the response. */
export type VersionVector = Record<string, number>;

export interface BundleAnswer {
  value: AnswerValue;
  /** The "Other (specify)" text. */
  other?: string;
  /** The interviewer's note on this item. */
  note?: string;
  /** ISO time of the last change. */
  at: string;
  /** Media answers: the blob it refers to (its bytes travel as a container entry, docs/bundle-format.md). */
  media?: MediaRef;
  /**
   * Set when `value` is not a valid answer to its item (a draft's "abc" in a whole-number item):
   * why, in English. The value travels as it was typed so nothing is lost; analysis reads it as
   * unanswered, and the runner shows it with its problem. The reader decides for itself: it checks
   * every value against its own copy of the instrument (src/core/bundle/answers.ts).
   */
  invalid?: string;
  /**
   * The write that set this answer: the device and that device's count of writes to the response
   * then (its entry of `revision.vv` after the write). The merge uses it to tell which of two
   * devices changed an answer (src/core/merge/join.ts). Absent in older bundles and CSV imports.
   */
  dot?: [device: string, n: number];
}

/** The consent the respondent gave, recorded with the response it covers. */
export interface BundleConsent {
  agreed: true;
  /** The interviewer's code, or "self" when the respondent consented alone. */
  by: string;
  at: string;
  /** `Instrument.consent.version` that was shown. */
  version: string;
  /** The language the consent text was shown in. */
  lang: string;
}

export interface Revision {
  /** The device that made this revision (its last write). */
  device: string;
  /** ISO time of that write. */
  at: string;
  vv: VersionVector;
}

export type ResponseStatus = 'draft' | 'complete';

export interface BundleResponse {
  /** The session id: a UUID, lower case. */
  id: string;
  studyId: string;
  studyVersion: string;
  /** Pseudonymous code: never a name. */
  respondentCode: string;
  interviewer: string;
  status: ResponseStatus;
  lang: string;
  createdAt: string;
  completedAt?: string;
  /** The consent record; null only for responses read from a CSV, which carries none. */
  consent: BundleConsent | null;
  /** Answers by item name. */
  answers: Record<string, BundleAnswer>;
  revision: Revision;
  /** Example data (the paper's published answers), not fieldwork. */
  example?: true;
  /** Self-completion over a study link: the respondent's referral (docs/links.md). */
  referral?: BundleReferral;
}

/**
 * Snowball sampling: the respondent's own code (made when they started), the code of the respondent
 * who passed the link on (none for a seed link's respondent), and the wave (0 for a seed link).
 */
export interface BundleReferral {
  code: string;
  parent?: string;
  wave: number;
}

export interface BundleStudy {
  id: string;
  studyVersion: string;
  /** The instrument, so the bundle can be read and checked without the study installed. */
  instrument?: Instrument;
}

/** One event of the interview's paradata (timings, navigation), kept as recorded. */
export interface ParadataEvent {
  /** The response (session) it belongs to. */
  responseId: string;
  at: string;
  /** What happened: "enter", "leave", "answer", "resume", ... */
  event: string;
  item?: string;
  /** Further plain values: durations in ms, section numbers. */
  data?: Record<string, string | number | boolean | null>;
}

export interface Bundle {
  type: typeof BUNDLE_TYPE;
  version: typeof BUNDLE_VERSION;
  /** A UUID naming this export. */
  bundleId: string;
  createdAt: string;
  /**
   * The device that wrote the bundle, and (bundle version 2) its public signing key: the key of a
   * device, or the researcher's for a dataset they merged (src/core/trust/bundle.ts).
   */
  device: { id: string; label?: string; key?: string };
  app: { name: 'dala'; version: string };
  /** Set on an incremental export: only the responses changed after this time. */
  since?: string;
  studies: BundleStudy[];
  responses: BundleResponse[];
  paradata?: ParadataEvent[];
  /** Codes and coded passages, every revision (docs/coding.md; src/core/coding/types.ts). */
  coding?: CodingRecord[];
  /** Transcripts of the responses' recordings, every revision (docs/transcripts.md; src/core/transcripts/types.ts). */
  transcripts?: TranscriptRecord[];
  /** Version 2: the writer's Ed25519 signature of the bundle without this field, by `device.key`. */
  signature?: string;
}
