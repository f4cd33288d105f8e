/**
 * A sheet read as a table: its header row (first non-empty row) names the columns, case-insensitively
 * and with the usual spellings (`list name` = `list_name`, `constraint message` = `constraint_message`),
 * and per-language columns (`label::English (en)`, `hint::ru`, old-style `label:English`) carry the
 * language they are written in.
 */
import { INSTRUMENT_LIMITS, RESERVED_NAMES } from '../instrument/schema';
import type { LocalizedText } from '../instrument/types';
import { type LanguageRef, resolveLanguage } from './languages';
import { lookup } from './lookup';
import type { Problems } from './problems';
import { type Sheet, type SheetRow, columnLetter } from './workbook';

export interface Column {
  /** 0-based column index. */
  index: number;
  /** The header as written (trimmed): what problems name. */
  header: string;
  /** Normalized name: "label", "list_name", "media::image", ... */
  key: string;
  /** For translatable columns with a language suffix: the language. */
  language?: LanguageRef;
}

/** Columns whose text may be given per language. */
export const TRANSLATABLE = new Set([
  'label',
  'hint',
  'guidance_hint',
  'constraint_message',
  'required_message',
  'image',
  'audio',
  'video',
  'big-image',
  'media::image',
  'media::audio',
  'media::video',
  'media::big-image',
  'form_title',
]);

/** Spellings of the same column, after lower-casing and turning spaces into underscores. */
const ALIASES: ReadonlyMap<string, string> = lookup({
  caption: 'label',
  listname: 'list_name',
  value: 'name',
  command: 'type',
  requiredmsg: 'required_message',
  constraintmsg: 'constraint_message',
  'jr:constraintmsg': 'constraint_message',
  'jr:requiredmsg': 'required_message',
  constraining_message: 'constraint_message',
  readonly: 'read_only',
  'bind::readonly': 'read_only',
  relevance: 'relevant',
  'bind::relevant': 'relevant',
  'bind::required': 'required',
  'bind::constraint': 'constraint',
  calculate: 'calculation',
  'bind::calculate': 'calculation',
  'control::appearance': 'appearance',
  choice_filters: 'choice_filter',
  reversed: 'reverse',
  'jr:count': 'repeat_count',
  count: 'repeat_count',
  'set_form_title': 'form_title',
  'set_form_id': 'form_id',
  // pyxform's own names for them (settings_header).
  title: 'form_title',
  id_string: 'form_id',
  form_version: 'version',
});

/** Prefixes that make a two-part column name ("media::image", "bind::readonly"). */
const PREFIXES = new Set(['media', 'bind', 'body', 'control', 'instance']);

function normalizeKey(base: string): string {
  const k = base.trim().toLowerCase().replace(/\s+/g, '_');
  return ALIASES.get(k) ?? k;
}

/** "label::English (en)" -> key label, language en; "LIST NAME" -> list_name. */
export function parseHeader(header: string): { key: string; language?: LanguageRef } {
  const text = header.trim();
  if (text.includes('::')) {
    const parts = text.split('::');
    let base = parts[0]!;
    let rest = parts.slice(1);
    if (PREFIXES.has(base.trim().toLowerCase()) && rest.length) {
      base = `${base.trim()}::${rest[0]!.trim()}`;
      rest = rest.slice(1);
    }
    const key = normalizeKey(base);
    const lang = rest.join('::').trim();
    if (lang && TRANSLATABLE.has(key)) return { key, language: resolveLanguage(lang) };
    return { key: lang ? `${key}::${lang.toLowerCase()}` : key };
  }
  // Old-style single colon, only for translatable columns ("label:English"); "jr:count" stays whole.
  const colon = text.indexOf(':');
  if (colon > 0) {
    const key = normalizeKey(text.slice(0, colon));
    const lang = text.slice(colon + 1).trim();
    if (TRANSLATABLE.has(key) && lang) return { key, language: resolveLanguage(lang) };
  }
  return { key: normalizeKey(text) };
}

export interface Table {
  sheet: Sheet;
  /** Row number of the header. */
  headerRow: number;
  columns: Column[];
  /** Data rows: after the header. */
  rows: SheetRow[];
}

/** The table of a sheet; duplicate columns are errors. An empty sheet has no columns and no rows. */
export function readTable(sheet: Sheet, problems: Problems): Table {
  const [header, ...rows] = sheet.rows;
  if (!header) return { sheet, headerRow: 1, columns: [], rows: [] };
  const columns: Column[] = [];
  const seen = new Map<string, Column>();
  header.cells.forEach((raw, index) => {
    const text = raw.trim();
    if (!text) return;
    const { key, language } = parseHeader(text);
    const column: Column = { index, header: text, key, ...(language ? { language } : {}) };
    const id = `${key}\u0000${language ? language.code : ''}`;
    const before = seen.get(id);
    if (before) {
      problems.error(
        { sheet: sheet.name, row: header.row, column: text },
        `duplicate column '${text}' (also column ${columnLetter(before.index)}, '${before.header}'): only one is read`,
      );
      return;
    }
    seen.set(id, column);
    columns.push(column);
  });
  // A text longer than an instrument may hold: said here, where the cell can be named.
  for (const r of sheet.rows) {
    r.cells.forEach((v, i) => {
      if (v.length > INSTRUMENT_LIMITS.text) {
        problems.error(
          { sheet: sheet.name, row: r.row, column: header.cells[i]?.trim() || columnLetter(i) },
          `this cell has ${v.length} characters; Dala keeps texts of up to ${INSTRUMENT_LIMITS.text}`,
        );
      }
    });
  }
  // Values in a column without a header are lost: say so once per column.
  const headed = new Set(columns.map((c) => c.index));
  const reported = new Set<number>();
  for (const r of rows) {
    r.cells.forEach((v, i) => {
      if (v.trim() && !headed.has(i) && !reported.has(i) && !header.cells[i]?.trim()) {
        reported.add(i);
        problems.warn(
          { sheet: sheet.name, row: r.row, column: columnLetter(i) },
          `column ${columnLetter(i)} has values but no header in row ${header.row}: ignored`,
        );
      }
    });
  }
  return { sheet, headerRow: header.row, columns, rows };
}

/** The trimmed text of a cell ('' when empty or absent). */
export function cellText(row: SheetRow, column: Column | undefined): string {
  if (!column) return '';
  return (row.cells[column.index] ?? '').trim();
}

/** The first column with this key and no language. */
export function findColumn(table: Table, key: string): Column | undefined {
  return table.columns.find((c) => c.key === key && !c.language);
}

/** Every column of a translatable key, with or without a language. */
export function textColumns(table: Table, key: string): Column[] {
  return table.columns.filter((c) => c.key === key);
}

/**
 * A text given per language. Columns without a language give `defaultLanguage`. When two columns
 * give the same language (`label` and `label::English (en)` with English the default), the one with
 * an explicit language wins.
 */
export function localizedText(row: SheetRow, columns: Column[], defaultLanguage: string): LocalizedText | undefined {
  let out: LocalizedText | undefined;
  for (const c of columns) {
    const v = cellText(row, c);
    if (!v) continue;
    const lang = c.language?.code ?? defaultLanguage;
    // A language named like an object's property is refused with its column (./form-languages.ts).
    if (RESERVED_NAMES.has(lang)) continue;
    out ??= {};
    if (out[lang] === undefined || c.language) out[lang] = v;
  }
  return out;
}

/** pyxform's yes and no (aliases.yes_no, any case), XPath's true() and false(), 1 and 0. */
const YES = new Set(['yes', 'true', '1', 'true()']);
const NO = new Set(['no', 'false', '0', 'false()']);
/**
 * Single letters authors write for yes and no. pyxform passes them on and ODK reads them as the
 * name of a question (so as no); Dala reads them as their author means them, and says so.
 */
const LETTERS = new Map([
  ['y', true],
  ['t', true],
  ['n', false],
  ['f', false],
]);

/** yes/true/1 -> true, no/false/0 -> false, '' -> undefined, anything else -> 'invalid'. */
export function yesNo(text: string): boolean | undefined | 'invalid' {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return LETTERS.get(t) ?? 'invalid';
}

/** Whether a yes/no cell is a single letter (T, Y, F, N): read as meant, with a warning. */
export function isLetterYesNo(text: string): boolean {
  return LETTERS.has(text.trim().toLowerCase());
}
