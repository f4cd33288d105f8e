/**
 * The instrument model: what a study asks, in which languages, and how its Likert items form scales.
 *
 * This is the in-memory and on-disk shape of `docs/instrument-format.md` (type "dala-instrument",
 * version 3; version 1 and 2 documents are migrated by ./migrations.ts, and the fields marked
 * "Version 2" and "Version 3" are what they lack). Everything here is plain JSON: no functions, no classes, no Dates, so an instrument
 * can be stored in IndexedDB, put in a bundle, sent to a Web Worker or printed by the CLI as is.
 * Untrusted JSON becomes an `Instrument` only through `parseInstrument` (./parse.ts).
 */

import type { Repeat } from './repeats';

/** A text in several languages, keyed by language code ("en", "ru", "kk", ...). */
export type LocalizedText = Record<string, string>;

export const INSTRUMENT_TYPE = 'dala-instrument';
export const INSTRUMENT_VERSION = 3;

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
  | 'calculate' // a value computed from `calculation`, never shown
  // Version 2 (docs/instrument-format.md, "Version 2"):
  | 'range' // a number on a slider from range.start to range.end by range.step
  | 'rank' // the choices of `choices` put in order: a list of codes, first = ranked highest
  | 'datetime' // ISO yyyy-mm-ddTHH:MM, local time as given
  | 'barcode' // a code read from a barcode (typed when the device has no decoder): text
  | 'hidden' // a value never shown, from `default`, `defaultExpression`, `calculation` or a trigger
  | 'meta' // a value the device records itself (see `MetaKind`), never shown
  // Version 3, location (docs/instrument-format.md, "Location"); ../responses/geo-value.ts reads the values:
  | 'geopoint' // a point: "lat lon alt acc" (ODK's text form; degrees WGS84, metres)
  | 'geotrace' // a line: at least 2 points, ";"-separated
  | 'geoshape' // an area: at least 3 points, ";"-separated, the first repeated last (closed)
  // Version 3, media (docs/instrument-format.md, "Media"; src/core/media/):
  | 'image' // a photo or picture; appearances: new (camera), signature, draw, annotate
  | 'audio' // a recording (or a chosen audio file)
  | 'video'
  | 'file' // any file
  | 'background-audio'; // recorded while the form is open
  // Version 3, media: end

/**
 * What a `meta` item records (XLSForm's metadata types), given by `metaValues` (../responses/meta.ts)
 * from facts the app passes in: the session's start, its completion, the device and the interviewer.
 */
export type MetaKind =
  | 'start' // when the session started: ISO date-time
  | 'end' // when it was completed: ISO date-time
  | 'today' // the day it started: yyyy-mm-dd
  | 'deviceid' // this device's id (Dala's own, random; no hardware id is read)
  | 'username' // the interviewer
  | 'email' // not known to a web app: left empty
  | 'phonenumber' // not known to a web app: left empty
  | 'simserial' // not known to a web app: left empty
  | 'subscriberid' // not known to a web app: left empty
  | 'audit' // the form asks for an audit log: the session's paradata; the value stays empty
  | 'instanceID' // the session's id, as "uuid:<id>"
  | 'instanceName' // the record's name, computed from `calculation` (XLSForm's instance_name)
  // Version 3, location:
  | 'start-geopoint'; // where the session started: a geopoint the device takes once, when it can

// Version 3, location -------------------------------------------------------------------------
/** How a geopoint, geotrace or geoshape item takes the device's location (XLSForm's parameters). */
export interface LocationSettings {
  /**
   * Metres: a fix at least this accurate is taken by itself (ODK's accuracyThreshold, XLSForm's
   * `capture-accuracy`); until then the runner waits for a better one, and the person may take the
   * current one anyway. Unset: the person takes a fix when they judge it good enough.
   */
  accuracyThreshold?: number;
  /** Metres: a fix less accurate than this is shown as poor (ODK's unacceptableAccuracyThreshold, XLSForm's `warning-accuracy`). */
  unacceptableAccuracy?: number;
}

/** The parameters of a `range` item (XLSForm: start, end and step in the parameters column). */
export interface RangeParameters {
  start: number;
  end: number;
  /** Positive; (end - start) is a multiple of it. */
  step: number;
}

export interface Choice {
  /** Stable code stored in the data ("A", "public", "1"). */
  name: string;
  label: LocalizedText;
  /**
   * Values a choice filter reads by name (XLSForm's extra columns of the choices sheet): a district's
   * `region`, say. A filter reads a missing one as ''.
   */
  attributes?: Record<string, string>;
  // Version 3, label media: the files shown with its label (XLSForm's image/audio/video columns).
  media?: LabelMedia;
  // Version 3, label media: end
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
  // Version 2 ----------------------------------------------------------------------------------
  /** Expression: the item is required while it is true (XLSForm's `required` with a condition). */
  requiredIf?: string;
  /** Expression: the item is shown but not editable while it is true. */
  readOnlyIf?: string;
  /**
   * Expression evaluated once, when a session starts, for the initial value (a dynamic default such
   * as `today()`); `default` is the fixed alternative.
   */
  defaultExpression?: string;
  /**
   * Names of items whose change recomputes this item's `calculation` (or clears the item when it has
   * none): XLSForm's `trigger`. An item with a trigger is not computed continuously.
   */
  trigger?: string[];
  /** `range`: its bounds and step. */
  range?: RangeParameters;
  /** `meta`: which value the device records. */
  meta?: MetaKind;
  /** XLSForm's `parameters` as written, by name (`randomize`, `seed`, `max-pixels`, ...). */
  parameters?: Record<string, string>;
  // Version 3, location ------------------------------------------------------------------------
  /** geopoint, geotrace, geoshape: how the device's location is taken. */
  location?: LocationSettings;
  // Version 3: repeats (./repeats.ts) ---------------------------------------------------------
  /** The innermost repeat the item is asked in, once per instance (`Instrument.repeats`). */
  repeat?: string;
  // End of version 3: repeats -----------------------------------------------------------------
  // Version 3, media --------------------------------------------------------------------------
  /** Media items: the largest file accepted, in bytes (else the study's `media.maxBytes`). */
  maxBytes?: number;
  // Version 3, media: end
  // Version 3, label media: the files shown with its label and hint (XLSForm's image/audio/video columns).
  media?: LabelMedia;
  // Version 3, label media: end
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
  /** Version 2: layout hints of its XLSForm group ("field-list", "table-list", ...). */
  appearance?: string;
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
  // Version 2 ----------------------------------------------------------------------------------
  /**
   * The researcher's signature (src/core/trust/study.ts): Ed25519 over the canonical JSON of the
   * study without this field. A study that travels (a link, a file, a bundle) must carry it.
   */
  signature?: { by: string; value: string };
  /** Self-completion (kiosk mode, study links). */
  selfCompletion?: {
    /** Ask items marked `personal` of the respondent's part too (by default they are never asked of a respondent alone). */
    askPersonal?: boolean;
  };
  /**
   * A choice name may appear more than once in a list (XLSForm's allow_choice_duplicates, for
   * cascading selects whose filter tells the copies apart); the answer is the name either way.
   */
  allowChoiceDuplicates?: boolean;
  /** Layout of the whole form as written (XLSForm's `style`: "pages", "theme-grid", ...). */
  style?: string;
  // Version 3: external data (attachments) ------------------------------------------------------
  /**
   * Files the form reads (XLSForm's external data: pulldata(), instance('name'), search(), and the
   * source of select_one_from_file lists), carried with the study wherever it goes (bundles, links).
   * See ./attachments.ts.
   */
  attachments?: Attachment[];
  // End of version 3: external data -------------------------------------------------------------
  // Version 3: repeats (./repeats.ts) ---------------------------------------------------------
  /** The repeat groups, outer before inner; their items say `repeat` and stand together in one section. */
  repeats?: Repeat[];
  // End of version 3: repeats -----------------------------------------------------------------
  // Version 3, media --------------------------------------------------------------------------
  /** Settings of media items (src/core/media/): the largest file any of them accepts, in bytes. */
  media?: { maxBytes?: number };
  // Version 3, media: end
}

// Version 3: external data (attachments) --------------------------------------------------------
/** The media types of the files a form may read as data: CSV, and ODK's XML (root/item/field). */
export type AttachmentType = 'text/csv' | 'application/xml';

/**
 * A file carried by the instrument: `instance('districts')` and `pulldata('districts', ...)` read
 * `districts.csv` (or `districts.xml`). Text only (UTF-8); `sha256` is the hex SHA-256 of its UTF-8
 * bytes, checked when the instrument is made from files and shown so a researcher can compare it.
 */
export interface Attachment {
  /** The file name as the form names it: `districts.csv` (no folders). */
  name: string;
  mediaType: AttachmentType | LabelMediaType;
  /** The text; for label media (version 3, label media) the bytes in base64. */
  content: string;
  sha256: string;
}
// End of version 3: external data ---------------------------------------------------------------

// Version 3, label media -------------------------------------------------------------------------
/**
 * Files shown with a label (XLSForm's `image`, `big-image`, `audio`, `video` and `media::...`
 * columns of the survey and choices sheets): each the name of one of the instrument's attachments,
 * by language (a column without a language gives the default one). The text label is always kept:
 * it is the picture's alt text and what is shown when a file cannot be drawn.
 */
export interface LabelMedia {
  image?: LocalizedText;
  'big-image'?: LocalizedText;
  audio?: LocalizedText;
  video?: LocalizedText;
}
export type LabelMediaKind = keyof LabelMedia;
export const LABEL_MEDIA_KINDS: readonly LabelMediaKind[] = ['image', 'big-image', 'audio', 'video'];
/** The media types of attached label media; their attachment's `content` is the file in base64. */
export type LabelMediaType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'audio/mpeg'
  | 'audio/ogg'
  | 'audio/wav'
  | 'audio/mp4'
  | 'video/mp4'
  | 'video/webm';
// End of version 3: label media ------------------------------------------------------------------

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
