/**
 * Notes, once: the demo study's version '2020-1' had a separate text item per question for the
 * interviewer's notes (`q1_details` .. `q5_details`, "Qn: interviewer's notes on the respondent's
 * reasoning") besides the note every question has. Version '2020-2' keeps one note per question.
 *
 * This migration moves what was typed into a details item into the question's own note (after the
 * note already there, if any, separated by a blank line), drops the details item, and moves the
 * response to '2020-2'. It is pure and deterministic, so every device and every reader of a bundle
 * migrates the same response to the same content: copies of one response stay equal and merge.
 * It runs on the device's database once (src/adapters/storage-idb/schema.ts, version 4) and on every
 * bundle read (src/core/bundle/parse.ts), so drafts and bundles of today's Dala keep their notes.
 */
import { DEMO_STUDY_ID } from './meta';

export const NOTES_FROM_VERSION = '2020-1';
export const NOTES_TO_VERSION = '2020-2';
const DETAILS = /^(q[1-5])_details$/;

/** The part of an answer this migration reads and writes (a bundle's and a stored answer alike). */
export interface NoteCarrier {
  value: unknown;
  note?: string;
  at: string;
}

/** True for a response of the demo study's version with separate note items. */
export function hasSeparateNotes(studyId: string, studyVersion: string): boolean {
  return studyId === DEMO_STUDY_ID && studyVersion === NOTES_FROM_VERSION;
}

/**
 * The answers with every `qN_details` text moved into `qN`'s note. `make(item, at)` makes the
 * question's answer when it had none (not answered: value null). Never mutates its input.
 */
export function detailsToNotes<A extends NoteCarrier>(answers: Readonly<Record<string, A>>, make: (item: string, at: string) => A): Record<string, A> {
  const out: Record<string, A> = {};
  for (const [item, a] of Object.entries(answers)) if (!DETAILS.test(item)) out[item] = a;
  for (const [item, a] of Object.entries(answers)) {
    const m = DETAILS.exec(item);
    if (!m) continue;
    const text = typeof a.value === 'string' ? a.value.trim() : '';
    if (text === '') continue;
    const target = m[1]!;
    const had = out[target] ?? make(target, a.at);
    const note = had.note && had.note.trim() !== '' ? `${had.note}\n\n${text}` : text;
    out[target] = { ...had, note, at: had.at > a.at ? had.at : a.at };
  }
  return out;
}
