import type { MediaRef } from '../media/ref';

/**
 * Answers and sessions: what the device records while an instrument is run.
 *
 * An answer value is plain JSON:
 * - text, longtext, date (yyyy-mm-dd), time (HH:MM), select_one, likert, acknowledge, calculate: string
 *   (a Likert answer is the code of its point, "1".."5", or of a non-substantive answer, "dk");
 * - integer, decimal: number;
 * - select_multiple: string[] of choice names, in the list's order;
 * - image, audio, video, file, background-audio: string, the stored file name; `media` refers to the bytes;
 * - null: not answered (or cleared).
 */
export type AnswerValue = string | number | string[] | null;

export interface Answer {
  item: string;
  value: AnswerValue;
  /** The "Other (specify)" text, when the item has `other` and "other" is chosen. */
  other?: string;
  /** The interviewer's note on this item. */
  note?: string;
  /** ISO time of the last change. */
  at: string;
  /** Version 3, media: the blob a media answer refers to (its `value` is the file's stored name). */
  media?: MediaRef;
}
