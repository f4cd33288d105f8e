/**
 * Caps on an untrusted bundle. Every count is checked before the entries it counts are validated,
 * so a hostile list of a million entries costs one length check.
 */
export const BUNDLE_LIMITS = {
  /** Characters of the JSON text, checked before JSON.parse. */
  jsonChars: 200_000_000,
  /** Responses (revisions) in one bundle. */
  responses: 200_000,
  studies: 100,
  paradata: 2_000_000,
  /** Codes and coded passages (revisions). */
  coding: 1_000_000,
  /** Transcripts (revisions). */
  transcripts: 200_000,
  /** Paragraphs, and question markers, of one transcript. */
  paragraphs: 20_000,
  /** Answers in one response. */
  answers: 5000,
  /** Choices in one multiple-choice answer. */
  choices: 1000,
  /** Entries of a version vector: devices that wrote the response. */
  devices: 1000,
  /** Characters of an answer's value, "other" text or note (an interview transcript fits). */
  answerText: 100_000,
  /** Characters of any other text: codes, languages, versions. */
  text: 1000,
  /** Characters of an id: device ids, study ids, interviewer codes. */
  id: 128,
} as const;

export type BundleLimits = { -readonly [K in keyof typeof BUNDLE_LIMITS]: number };
