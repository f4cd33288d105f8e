/**
 * Responses -> tables for CSV (docs/csv.md): the wide layout (one row per response), the long
 * layout (one row per answer). `csvText` (./write.ts) writes either; the R and SPSS scripts
 * (./r-script.ts, ./spss-syntax.ts) read the wide one.
 *
 * Wide columns: id, studyId, studyVersion, respondentCode, status, createdAt, completedAt,
 * interviewer, lang, example (1 for example data such as the paper's published answers, else 0),
 * referralCode, referralParent, referralWave (snowball sampling over study links; empty for other
 * responses), then per item in instrument order (notes left out; items marked `personal`
 * left out unless `includePersonal`):
 * - `item`: the answer; a multiple choice as its codes separated by spaces;
 * - `item_other`: the "Other (specify)" text, for items with `other`;
 * - `item_CHOICE`: for a multiple choice, one column per choice: 1 chosen, 0 not, empty unanswered
 *   (the flag of "Other" is `item_other_chosen`, apart from the other text `item_other`);
 * - `item-Latitude`, `item-Longitude`, `item-Altitude`, `item-Accuracy`: a geopoint's parts as
 *   numbers, named as ODK Central names them (the `item` column holds ODK's text form
 *   "lat lon alt acc", as it does for a geotrace or a geoshape: points joined by ";");
 * - `item_note`: the interviewer's note, with `includeNotes`: for items with `note`, and for every
 *   item that has a note in one of the responses exported (any question of an interviewer's screen can).
 * A column name already taken gets `_2` (then `_3`, ...).
 *
 * With `labels: LANG`, choice and Likert cells hold the label in LANG (else the form's first
 * language) instead of the code; a multiple choice's labels are separated by " | ".
 * Codes that are numbers (Likert points, numeric choice codes) are number cells.
 */
import type { BundleAnswer, BundleResponse } from '../bundle/types';
import { allItems, localize, type Instrument, type Item, type LocalizedText } from '../instrument/types';
import { answerKey, parseAnswerKey } from '../responses/answer-key';
import { parseGeoPoint, type GeoPoint } from '../responses/geo-value';
import { instancePaths, responseInstances, rowKey } from './repeat-rows';
import type { Cell } from './write';

export interface ExportOptions {
  /** Cells as labels in this language instead of codes. */
  labels?: string;
  /** Include the items marked `personal` (left out by default). */
  includePersonal?: boolean;
  /** Include `item_note` columns (wide) or notes (long). */
  includeNotes?: boolean;
  /** Items with a note in the data (wideTable fills it in): they get an `item_note` column too. */
  noted?: ReadonlySet<string>;
}

export type ColumnKind = 'meta' | 'value' | 'other' | 'choice' | 'note' | 'position' | 'geo';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** The item the column belongs to (not for meta columns). */
  item?: string;
  /** For `choice` columns: the choice code. */
  choice?: string;
  /** For `position` columns (a ranking): the place, 1 = ranked highest. */
  position?: number;
  /** For `geo` columns: which part of a geopoint (version 3, location). */
  part?: keyof GeoPoint;
  /** What the cells are: numbers, texts, or codes of a list (`codes`). */
  type: 'number' | 'text' | 'codes' | 'flag';
  /** The variable label, per language. */
  label: LocalizedText;
  /** For `codes` columns: the codes and their labels, in order. */
  codes?: { code: string | number; label: LocalizedText }[];
  /**
   * Instrument version 3, the wide layout: the column of an item asked in a repeat, in the instance
   * at these positions (1-based, outermost first): `member_2_age` is [{member, 2}].
   */
  at?: { repeat: string; index: number }[];
  /**
   * For a Likert item's column: the codes of its scale's points, in order (an ordinal scale), and of
   * its non-substantive answers ("Prefer not to answer"), which analysis reads as missing.
   */
  likert?: { points: (string | number)[]; missing: string[] };
}

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

export const META_COLUMNS = [
  'id', 'studyId', 'studyVersion', 'respondentCode', 'status', 'createdAt', 'completedAt', 'interviewer', 'lang', 'example',
  'referralCode', 'referralParent', 'referralWave',
] as const;

const META_LABELS: Record<(typeof META_COLUMNS)[number], string> = {
  id: 'Response id',
  studyId: 'Study id',
  studyVersion: 'Study version',
  respondentCode: 'Respondent code',
  status: 'Status (draft or complete)',
  createdAt: 'Started at',
  completedAt: 'Completed at',
  interviewer: 'Interviewer',
  lang: 'Language of the interview',
  example: 'Example data, not fieldwork (1: the paper\'s published answers)',
  referralCode: 'Referral code of the respondent',
  referralParent: 'Referral code of the respondent who passed the link on',
  referralWave: 'Referral wave (0: a seed link)',
};

type MetaColumn = (typeof META_COLUMNS)[number];

/** A meta cell of a response: its own field, or a part of its referral. */
function metaCell(r: BundleResponse, name: MetaColumn): Cell {
  switch (name) {
    case 'referralCode':
      return r.referral?.code ?? null;
    case 'referralParent':
      return r.referral?.parent ?? null;
    case 'referralWave':
      return r.referral?.wave ?? null;
    case 'example':
      return r.example ? 1 : 0;
    default: {
      const v: unknown = r[name];
      return typeof v === 'string' ? v : null;
    }
  }
}

const NUMERIC_CODE = /^-?\d+(\.\d+)?$/;

/** An item's codes and labels: choices (with "other"), or Likert points and non-substantive codes. */
export function codesOf(instrument: Instrument, item: Item): { code: string; label: LocalizedText }[] | null {
  if (item.type === 'select_one' || item.type === 'select_multiple') {
    const list = (item.choices ? instrument.choiceLists[item.choices] : undefined) ?? [];
    const out = list.map((c) => ({ code: c.name, label: c.label }));
    if (item.other && !out.some((c) => c.code === 'other')) out.push({ code: 'other', label: { en: 'Other', ru: 'Другое', kk: 'Басқа' } });
    return out;
  }
  if (item.type === 'likert') {
    const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
    if (!scale) return [];
    return [...scale.points.map((p) => ({ code: String(p.value), label: p.label })), ...(scale.nonSubstantive ?? []).map((c) => ({ code: c.name, label: c.label }))];
  }
  return null;
}

/** The items exported, in order. */
export function exportedItems(instrument: Instrument, options: ExportOptions): Item[] {
  return allItems(instrument)
    .map((x) => x.item)
    .filter((item) => item.type !== 'note' && (options.includePersonal || !item.personal));
}

/** A code as a cell: a number when it reads as one. */
const codeCell = (code: string): Cell => (NUMERIC_CODE.test(code) ? Number(code) : code);

function labelOf(codes: Map<string, LocalizedText>, code: string, lang: string, fallback: string): string {
  const label = codes.get(code);
  return label ? localize(label, lang, fallback) : code;
}

/** The columns of the wide layout. */
export function wideColumns(instrument: Instrument, options: ExportOptions = {}, responses?: readonly BundleResponse[]): Column[] {
  const columns: Column[] = META_COLUMNS.map((name) => ({
    name,
    kind: 'meta' as const,
    type: name === 'referralWave' ? ('number' as const) : name === 'example' ? ('flag' as const) : ('text' as const),
    label: { en: META_LABELS[name] },
  }));
  // Items asked in a repeat have their own tables (repeatTables), or numbered columns (below).
  for (const item of exportedItems(instrument, options)) if (item.repeat === undefined) columns.push(...itemColumns(instrument, item, options));
  if (responses) columns.push(...numberedColumns(instrument, responses, options));
  // Unique names: a later column that takes a name already used gets _2, _3, ...
  const used = new Set<string>();
  for (const c of columns) {
    let name = c.name;
    for (let k = 2; used.has(name); k++) name = `${c.name}_${k}`;
    c.name = name;
    used.add(name);
  }
  return columns;
}

/** The columns of one item: its value, its "Other" text, a flag per choice of a multiple choice, its note. */
function itemColumns(instrument: Instrument, item: Item, options: ExportOptions): Column[] {
  const out: Column[] = [];
  const codes = codesOf(instrument, item);
  const value: Column = { name: item.name, kind: 'value', item: item.name, type: 'text', label: item.label };
  if (item.type === 'integer' || item.type === 'decimal' || item.type === 'range') value.type = 'number';
  else if (codes && item.type !== 'select_multiple') {
    const numeric = codes.length > 0 && codes.every((c) => NUMERIC_CODE.test(c.code));
    value.type = options.labels !== undefined ? 'text' : 'codes';
    if (!options.labels) value.codes = codes.map((c) => ({ code: numeric ? Number(c.code) : c.code, label: c.label }));
    const scale = item.type === 'likert' && item.likert ? instrument.likertScales[item.likert] : undefined;
    if (scale && !options.labels) value.likert = { points: scale.points.map((p) => p.value), missing: (scale.nonSubstantive ?? []).map((c) => c.name) };
  }
  out.push(value);
  if (item.other) {
    out.push({ name: `${item.name}_other`, kind: 'other', item: item.name, type: 'text', label: suffixed(item.label, 'other (specify)') });
  }
  if (item.type === 'select_multiple' && codes) {
    for (const c of codes) {
      // The flag of "Other" is `item_other_chosen`, never to be taken for the other text `item_other`.
      const name = item.other && c.code === 'other' ? `${item.name}_other_chosen` : `${item.name}_${c.code}`;
      out.push({ name, kind: 'choice', item: item.name, choice: c.code, type: 'flag', label: joined(item.label, c.label) });
    }
  }
  // A ranking: its order as written (codes, space-separated, as ODK stores it) and, as Kobo
  // exports it, one column per place with the code ranked there (ITEM_1 is the highest).
  if (item.type === 'rank') {
    const list = (item.choices ? instrument.choiceLists[item.choices] : undefined) ?? [];
    const numeric = list.length > 0 && list.every((c) => NUMERIC_CODE.test(c.name));
    for (let p = 1; p <= list.length; p++) {
      const col: Column = { name: `${item.name}_${p}`, kind: 'position', item: item.name, position: p, type: options.labels !== undefined ? 'text' : 'codes', label: suffixed(item.label, `rank ${p}`) };
      if (!options.labels) col.codes = list.map((c) => ({ code: numeric ? Number(c.name) : c.name, label: c.label }));
      out.push(col);
    }
  }
  if (item.type === 'geopoint') {
    for (const [part, suffix] of GEO_PARTS) {
      out.push({ name: `${item.name}-${suffix}`, kind: 'geo', item: item.name, part, type: 'number', label: suffixed(item.label, GEO_UNITS[part]) });
    }
  }
  if (options.includeNotes && (item.note || options.noted?.has(item.name))) {
    out.push({ name: `${item.name}_note`, kind: 'note', item: item.name, type: 'text', label: suffixed(item.label, 'note') });
  }
  return out;
}

/**
 * The wide layout's numbered columns of items asked in repeats: `member_1_name`, `member_2_name`, ...
 * (nested: `member_1_job_2_job_title`), as many as the response with the most instances has.
 */
function numberedColumns(instrument: Instrument, responses: readonly BundleResponse[], options: ExportOptions): Column[] {
  if (!instrument.repeats?.length) return [];
  const instances = responses.map((r) => responseInstances(instrument, r));
  const out: Column[] = [];
  const items = exportedItems(instrument, options).filter((i) => i.repeat !== undefined);
  for (const repeat of instrument.repeats) {
    const own = items.filter((i) => i.repeat === repeat.name);
    if (!own.length) continue;
    // Every combination of positions any response has, in order.
    const seen = new Map<string, { repeat: string; index: number }[]>();
    for (const inst of instances) {
      for (const { path } of instancePaths(instrument, inst, repeat.name)) {
        const at: { repeat: string; index: number }[] = [];
        for (let d = 0; d < path.length; d++) at.push({ repeat: path[d]!.repeat, index: (inst.get(answerKey(path[d]!.repeat, path.slice(0, d))) ?? []).indexOf(path[d]!.id) + 1 });
        seen.set(at.map((a) => a.index).join('.'), at);
      }
    }
    const combos = [...seen.values()].sort((a, b) => {
      for (let d = 0; d < a.length; d++) if (a[d]!.index !== b[d]!.index) return a[d]!.index - b[d]!.index;
      return 0;
    });
    for (const at of combos) {
      const prefix = at.map((a) => `${a.repeat}_${a.index}`).join('_');
      for (const item of own) {
        for (const c of itemColumns(instrument, item, options)) {
          const label: LocalizedText = {};
          for (const [lang, text] of Object.entries(c.label)) label[lang] = `${text} (${at.map((a) => `${a.repeat} ${a.index}`).join(', ')})`;
          out.push({ ...c, name: `${prefix}_${c.name}`, label, at });
        }
      }
    }
  }
  return out;
}

/**
 * The long layout's tables of repeats (docs/csv.md, "Repeats"), as Kobo and ODK Central export
 * them: one table per repeat, one row per instance, with its `key`, its parent's key `parentKey`
 * (the response's id for a repeat at the top, else the enclosing instance's key), the response's
 * `id` and the instance's `position`, then its own items' columns as in the wide layout.
 */
export function repeatTables(instrument: Instrument, responses: readonly BundleResponse[], options: ExportOptions = {}): { repeat: string; table: Table }[] {
  const fallback = instrument.languages[0] ?? 'en';
  const items = exportedItems(instrument, options).filter((i) => i.repeat !== undefined);
  const instances = responses.map((r) => responseInstances(instrument, r));
  return (instrument.repeats ?? []).map((repeat) => {
    const own = items.filter((i) => i.repeat === repeat.name);
    const columns: Column[] = [
      { name: 'key', kind: 'meta', type: 'text', label: { en: `Key of the ${repeat.name} instance` } },
      { name: 'parentKey', kind: 'meta', type: 'text', label: { en: repeat.parent ? `Key of the ${repeat.parent} instance it is in` : 'Response id' } },
      { name: 'id', kind: 'meta', type: 'text', label: { en: 'Response id' } },
      { name: 'position', kind: 'meta', type: 'number', label: { en: 'Position of the instance' } },
      ...own.flatMap((item) => itemColumns(instrument, item, options)),
    ];
    const byName = new Map(own.map((i) => [i.name, i]));
    const codeLabels = codeLabelsOf(instrument, own);
    const rankLabels = rankLabelsOf(instrument, own);
    const rows: Cell[][] = [];
    responses.forEach((r, k) => {
      for (const { path, position } of instancePaths(instrument, instances[k]!, repeat.name)) {
        const row: Cell[] = [rowKey(r.id, path), rowKey(r.id, path.slice(0, -1)), r.id, position];
        for (const col of columns.slice(4)) row.push(itemCell(col, byName.get(col.item!)!, r.answers, answerKey(col.item!, path), codeLabels, rankLabels, options.labels, fallback));
        rows.push(row);
      }
    });
    return { repeat: repeat.name, table: { columns, rows } };
  });
}

function codeLabelsOf(instrument: Instrument, items: readonly Item[]): Map<string, Map<string, LocalizedText>> {
  const out = new Map<string, Map<string, LocalizedText>>();
  for (const item of items) {
    const codes = codesOf(instrument, item);
    if (codes) out.set(item.name, new Map(codes.map((c) => [c.code, c.label])));
  }
  return out;
}

/** The labels of a ranking's choices, by item. */
function rankLabelsOf(instrument: Instrument, items: readonly Item[]): Map<string, Map<string, LocalizedText>> {
  const out = new Map<string, Map<string, LocalizedText>>();
  for (const item of items) {
    if (item.type === 'rank') out.set(item.name, new Map(((item.choices ? instrument.choiceLists[item.choices] : undefined) ?? []).map((c) => [c.name, c.label])));
  }
  return out;
}

/** The cell of an item's column (value, other, note, a choice's flag, a rank's place, a geopoint's part) for the answer under `key`. */
function itemCell(
  col: Column,
  item: Item,
  answers: BundleResponse['answers'],
  key: string,
  codeLabels: Map<string, Map<string, LocalizedText>>,
  rankLabels: Map<string, Map<string, LocalizedText>>,
  lang: string | undefined,
  fallback: string,
): Cell {
  const answer: BundleAnswer | undefined = Object.hasOwn(answers, key) ? answers[key] : undefined;
  const value = analysedValue(answer);
  switch (col.kind) {
    case 'value':
      return valueCell(item, value, codeLabels.get(item.name), lang, fallback);
    case 'other':
      return answer?.other ?? null;
    case 'note':
      return answer?.note ?? null;
    case 'choice':
      return Array.isArray(value) ? (value.includes(col.choice!) ? 1 : 0) : null;
    case 'position': {
      const code = Array.isArray(value) ? value[col.position! - 1] : undefined;
      const labels = rankLabels.get(item.name);
      return code === undefined ? null : lang !== undefined && labels ? labelOf(labels, code, lang, fallback) : codeCell(code);
    }
    case 'geo': {
      const point = typeof value === 'string' ? parseGeoPoint(value) : null;
      return point !== null && typeof point === 'object' ? point[col.part!] : null;
    }
    default:
      return null;
  }
}

/** A geopoint's split columns, named as ODK Central names them. */
const GEO_PARTS: [keyof GeoPoint, string][] = [
  ['lat', 'Latitude'],
  ['lon', 'Longitude'],
  ['alt', 'Altitude'],
  ['acc', 'Accuracy'],
];
const GEO_UNITS: Record<keyof GeoPoint, string> = {
  lat: 'latitude, degrees',
  lon: 'longitude, degrees',
  alt: 'altitude, m',
  acc: 'accuracy, m',
};

function suffixed(label: LocalizedText, suffix: string): LocalizedText {
  const out: LocalizedText = {};
  for (const [lang, text] of Object.entries(label)) out[lang] = `${text} (${suffix})`;
  if (Object.keys(out).length === 0) out.en = suffix;
  return out;
}

function joined(a: LocalizedText, b: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of new Set([...Object.keys(a), ...Object.keys(b)])) out[lang] = `${localize(a, lang)}: ${localize(b, lang)}`;
  return out;
}

/** The wide layout: one row per response. */
export function wideTable(instrument: Instrument, responses: readonly BundleResponse[], options: ExportOptions = {}): Table {
  // A note kept under an instance's key (`member[a8]/age`) gives its item a note column.
  const noted = new Set<string>();
  if (options.includeNotes) for (const r of responses) for (const [key, a] of Object.entries(r.answers)) if (a.note) noted.add(parseAnswerKey(key)?.item ?? key);
  const columns = wideColumns(instrument, { ...options, noted }, responses);
  const fallback = instrument.languages[0] ?? 'en';
  const exported = exportedItems(instrument, options);
  const items = new Map(exported.map((i) => [i.name, i]));
  const codeLabels = codeLabelsOf(instrument, exported);
  const rankLabels = rankLabelsOf(instrument, exported);
  const lang = options.labels;
  const rows = responses.map((r) => {
    const instances = columns.some((c) => c.at) ? responseInstances(instrument, r) : undefined;
    const row: Cell[] = [];
    for (const col of columns) {
      if (col.kind === 'meta') {
        row.push(metaCell(r, col.name as MetaColumn));
        continue;
      }
      const item = items.get(col.item!)!;
      let key = item.name;
      if (col.at) {
        // The instance at these positions in this response, if it has one.
        const path: { repeat: string; id: string }[] = [];
        for (const { repeat, index } of col.at) {
          const id = instances!.get(answerKey(repeat, path))?.[index - 1];
          if (id === undefined) break;
          path.push({ repeat, id });
        }
        if (path.length < col.at.length) {
          row.push(null);
          continue;
        }
        key = answerKey(item.name, path);
      }
      row.push(itemCell(col, item, r.answers, key, codeLabels, rankLabels, lang, fallback));
    }
    return row;
  });
  return { columns, rows };
}

/**
 * The value analysis reads: none for a value flagged invalid (a draft's "abc" in a whole-number
 * item), which the bundle and the app keep but no table may present as an answer.
 */
export function analysedValue(answer: BundleAnswer | undefined): BundleAnswer['value'] {
  return answer === undefined || answer.invalid !== undefined ? null : answer.value;
}

function valueCell(item: Item, value: BundleAnswer['value'], codes: Map<string, LocalizedText> | undefined, lang: string | undefined, fallback: string): Cell {
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (lang !== undefined && codes) return value.map((c) => labelOf(codes, c, lang, fallback)).join(' | ');
    return value.join(' ');
  }
  if (typeof value === 'number') return value;
  if (codes && (item.type === 'select_one' || item.type === 'likert')) {
    return lang !== undefined ? labelOf(codes, value, lang, fallback) : codeCell(value);
  }
  return value;
}

/** The long layout: one row per answer (id, item, value, other, note), items in instrument order. */
export function longTable(instrument: Instrument, responses: readonly BundleResponse[], options: ExportOptions = {}): Table {
  const columns: Column[] = [
    { name: 'id', kind: 'meta', type: 'text', label: { en: 'Response id' } },
    { name: 'item', kind: 'meta', type: 'text', label: { en: 'Item' } },
    { name: 'value', kind: 'meta', type: 'text', label: { en: 'Answer' } },
    { name: 'other', kind: 'meta', type: 'text', label: { en: 'Other (specify)' } },
    { name: 'note', kind: 'meta', type: 'text', label: { en: 'Note' } },
  ];
  if (!options.includeNotes) columns.pop();
  const fallback = instrument.languages[0] ?? 'en';
  const items = exportedItems(instrument, options);
  const codeLabels = new Map<string, Map<string, LocalizedText>>();
  for (const item of items) {
    const codes = codesOf(instrument, item);
    if (codes) codeLabels.set(item.name, new Map(codes.map((c) => [c.code, c.label])));
  }
  const rows: Cell[][] = [];
  for (const r of responses) {
    for (const item of items) {
      if (!Object.hasOwn(r.answers, item.name)) continue;
      const a = r.answers[item.name]!;
      const note = options.includeNotes ? (a.note ?? null) : null;
      const value = analysedValue(a);
      if (value === null && a.other === undefined && note === null) continue;
      const row: Cell[] = [r.id, item.name, valueCell(item, value, codeLabels.get(item.name), options.labels, fallback), a.other ?? null];
      if (options.includeNotes) row.push(note);
      rows.push(row);
    }
  }
  return { columns, rows };
}

/**
 * The codebook: one row per item (item, type, its label in each language, its scales and the
 * scales it is reverse coded in), followed by one row per code of its list or Likert scale
 * (value and label in each language).
 */
export function codebookTable(instrument: Instrument, options: ExportOptions = {}): { header: string[]; rows: Cell[][] } {
  const langs = instrument.languages;
  // A form with repeats: the repeat an item is asked in (its table in the long layout, its numbered
  // columns `member_1_name` in the wide one), and a row per repeat (type `repeat`).
  const withRepeats = (instrument.repeats?.length ?? 0) > 0;
  const header = ['item', 'type', 'value', ...langs.map((l) => `label_${l}`), 'scale', 'reverse', ...(withRepeats ? ['repeat'] : [])];
  const rows: Cell[][] = [];
  for (const repeat of instrument.repeats ?? []) {
    rows.push([repeat.name, 'repeat', null, ...langs.map((l) => repeat.label[l] ?? null), null, null, repeat.parent ?? null]);
  }
  for (const item of exportedItems(instrument, options)) {
    const scales = instrument.scales.filter((s) => s.items.includes(item.name));
    const repeat = withRepeats ? [item.repeat ?? null] : [];
    rows.push([
      item.name,
      item.type,
      null,
      ...langs.map((l) => item.label[l] ?? null),
      scales.map((s) => s.name).join(' ') || null,
      scales.filter((s) => s.reversed.includes(item.name)).map((s) => s.name).join(' ') || null,
      ...repeat,
    ]);
    for (const c of codesOf(instrument, item) ?? []) {
      rows.push([item.name, null, codeCell(c.code), ...langs.map((l) => c.label[l] ?? null), null, null, ...repeat]);
    }
  }
  return { header, rows };
}
