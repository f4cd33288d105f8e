/**
 * The instrument model: what a study asks, in which languages, and how its Likert items form scales.
 *
 * This is the in-memory and on-disk shape of `docs/instrument-format.md` (type "dala-instrument",
 * version 2; version 1 documents are migrated by ./migrations.ts). Everything here is plain JSON: no functions, no classes, no Dates, so an instrument
 * can be stored in IndexedDB, put in a bundle, sent to a Web Worker or printed by the CLI as is.
 * Untrusted JSON becomes an `Instrument` only through `parseInstrument` (./parse.ts).
 */

/** A text in several languages, keyed by language code ("en", "ru", "kk", ...). */
export type LocalizedText = Record<string, string>;

export const INSTRUMENT_TYPE = 'dala-instrument';
export const INSTRUMENT_VERSION = 2;

/**
 * Who answers a section or an item: the interviewer (read out, recorded, or filled in about the
 * interview), the respondent alone (self-completion: kiosk mode, a study link), or either.
 */
export type Who = 'interviewer' | 'respondent' | 'both';

export type ItemType =
  | 'note' // text shown, nothing asked
  | 'text' // short text
  | 'longtext' // an interview answer: a multi-line text
  | 'integer'
  | 'decimal'
  | 'date' // ISO yyyy-mm-dd
  | 'time' // HH:MM
  | 'select_one'
  | 'select_multiple'
  | 'likert' // a select_one over a shared labelled scale (see `LikertScale`)
  | 'acknowledge' // a single "OK" box: value "OK" or empty
  | 'calculate'; // a value computed from `calculation`, never shown

export interface Choice {
  /** Stable code stored in the data ("A", "public", "1"). */
  name: string;
  label: LocalizedText;
  /**
   * Values a choice filter reads by name (XLSForm's extra columns of the choices sheet): a district's
   * `region`, say. A filter reads a missing one as ''.
   */
  attributes?: Record<string, string>;
}

/** A labelled answer scale shared by Likert items, e.g. 1 "Strongly disagree" .. 5 "Strongly agree". */
export interface LikertScale {
  /** Substantive points in display order, with numeric values (the values are what is scored). */
  points: { value: number; label: LocalizedText }[];
  /** Non-substantive answers such as "Don't know": stored by `name`, scored as missing. */
  nonSubstantive?: Choice[];
}

export interface Item {
  /** Stable, unique within the instrument; matches /^[A-Za-z_][A-Za-z0-9_.-]*$/. */
  name: string;
  type: ItemType;
  label: LocalizedText;
  hint?: LocalizedText;
  required?: boolean;
  requiredMessage?: LocalizedText;
  /** Expression (docs/expressions.md); the item is shown and kept only when it is true. */
  relevant?: string;
  /** Expression over `.` (this answer); an answer for which it is false is refused. */
  constraint?: string;
  constraintMessage?: LocalizedText;
  /** `select_one` / `select_multiple`: key into `Instrument.choiceLists`. */
  choices?: string;
  /**
   * `select_one` / `select_multiple`: an expression evaluated for each choice of the list; only the
   * choices for which it is true are offered (cascading selects: `region = ${region}`). In it a bare
   * name is an attribute of that choice (`name` is its code); `${item}` is an answer as everywhere.
   */
  choiceFilter?: string;
  /** Adds "Other (specify)" to the list; its text is stored as `<name>_other`. */
  other?: boolean;
  /** `likert`: key into `Instrument.likertScales`. */
  likert?: string;
  /** `calculate`: the expression computed. */
  calculation?: string;
  /** Initial value of a new answer (a literal, as stored). */
  default?: string;
  readOnly?: boolean;
  /** Rendering hints: "multiline", "minimal", "likert", "field-list", ... */
  appearance?: string;
  /** The answer identifies a person: excluded from pseudonymous exports unless asked for. */
  personal?: boolean;
  /** The interviewer may add a free note to this item. */
  note?: boolean;
  /** Who answers it; default: its section's. */
  who?: Who;
  /**
   * Guidance for the interviewer and the researcher (XLSForm's `guidance_hint`): how to ask, where an
   * option comes from. Never shown to a respondent.
   */
  guidance?: LocalizedText;
  /** Not in the source instrument: added by the study's authors (e.g. the Leadership statements). */
  added?: boolean;
}

export interface Section {
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  relevant?: string;
  items: Item[];
  /** Who answers it (default 'both'): only 'respondent' and 'both' reach a respondent alone. */
  who?: Who;
  /** Guidance for the interviewer and the researcher; never shown to a respondent. */
  guidance?: LocalizedText;
}

/** A scale (factor): Likert items whose mean is the respondent's score. */
export interface ScaleDef {
  name: string;
  label: LocalizedText;
  /** Item names, in order. */
  items: string[];
  /** Item names (a subset of `items`) that are reverse coded: x' = min + max - x. */
  reversed: string[];
}

export interface Consent {
  /** Recorded with each agreement, so a changed text is a new version. */
  version: string;
  text: LocalizedText;
}

export interface Instrument {
  type: typeof INSTRUMENT_TYPE;
  version: typeof INSTRUMENT_VERSION;
  /** Study id: stable across versions of the same study. */
  id: string;
  /** The study's own version (free text, e.g. "2020-01" or "3"). */
  studyVersion: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Language codes the study's texts are written in; the first is the default. */
  languages: string[];
  /** Names shown for the language codes ("English", "Русский", "Қазақша"). */
  languageNames?: Record<string, string>;
  consent?: Consent;
  choiceLists: Record<string, Choice[]>;
  likertScales: Record<string, LikertScale>;
  sections: Section[];
  scales: ScaleDef[];
  /** age X25519 recipients (age1...) bundles of this study are encrypted to. */
  recipients?: string[];
  /** Self-completion (kiosk mode, study links). */
  selfCompletion?: {
    /** Ask items marked `personal` of the respondent's part too (by default they are never asked of a respondent alone). */
    askPersonal?: boolean;
  };
}

/** Every item of an instrument in order, with its section. */
export function allItems(instrument: Instrument): { item: Item; section: Section }[] {
  const out: { item: Item; section: Section }[] = [];
  for (const section of instrument.sections) for (const item of section.items) out.push({ item, section });
  return out;
}

/**
 * Whether a respondent alone (kiosk mode, a study link) is asked this item: its `who` (else its
 * section's, else 'both') is 'respondent' or 'both', and it is not `personal` unless the study says
 * personal items are asked in self-completion.
 */
export function isForRespondent(instrument: Instrument, section: Section, item: Item): boolean {
  const who = item.who ?? section.who ?? 'both';
  if (who === 'interviewer') return false;
  return !item.personal || instrument.selfCompletion?.askPersonal === true;
}

/** Whether a section has anything a respondent alone is asked. */
export function sectionForRespondent(instrument: Instrument, section: Section): boolean {
  return section.items.some((item) => item.type !== 'calculate' && isForRespondent(instrument, section, item));
}

/** The text for `lang`, else the instrument's default language, else any: never undefined. */
export function localize(text: LocalizedText | undefined, lang: string, fallback = 'en'): string {
  if (!text) return '';
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
