/**
 * Writing CSV (docs/csv.md): RFC 4180 with CRLF line ends, a UTF-8 byte order mark so Excel reads
 * Cyrillic and Kazakh, `,` or `;` between cells, and protection against formula injection.
 *
 * A cell is a number, a text or empty (null). Numbers are written as numbers. A text cell is
 * written with a leading `'` when it starts with = + - @ (or their full-width forms ＝＋－＠),
 * also after leading white space or invisible characters, or with a tab, CR or LF, unless the
 * whole text is a plain number ("-3", "+5", "1e3"): a spreadsheet would otherwise run it as a
 * formula (=HYPERLINK(...), @SUM(...)). RISKY_START below lists the characters. A cell is quoted ("...", inner quotes doubled) when it holds
 * the separator, a quote, a CR or an LF, or starts or ends with a space.
 *
 * Written here, not with papaparse: papaparse's type declarations pull Node's into the core.
 */
export type Cell = string | number | null;

export type Separator = ',' | ';';

/**
 * A plain number. Written so that it cannot backtrack: `\d+\.?\d*` splits a run of digits in every
 * way before it fails, and a cell of 100,000 digits and a letter took minutes (found by the fuzz run).
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * What starts a formula: = + - @, their full-width (＝＋－＠) and small (﹦﹢﹣﹫) forms and the minus
 * sign (U+2212), which spreadsheets with East Asian input read as the ASCII ones, after any run of
 * characters a spreadsheet may drop or not show: white space (space, tab, line breaks, no-break and
 * ideographic spaces), control characters, zero-width and direction marks, the byte order mark,
 * the soft hyphen. A cell that starts with a tab, a CR or an LF is protected whatever follows
 * (OWASP, "CSV Injection").
 */
const RISKY_START =
  /^(?:[\t\r\n]|[\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212])/;

/** The text a cell holds after formula protection (before quoting). */
export function protectText(text: string): string {
  return RISKY_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}

function quote(text: string, separator: Separator): string {
  if (text === '') return '';
  const needs =
    text.includes(separator) || text.includes('"') || text.includes('\n') || text.includes('\r') || text[0] === ' ' || text[text.length - 1] === ' ';
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCell(cell: Cell, separator: Separator): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell);
  return quote(protectText(cell), separator);
}

export interface CsvTextOptions {
  separator?: Separator;
  /** A UTF-8 byte order mark first (default true: Excel needs it for Cyrillic). */
  bom?: boolean;
}

/** Header and rows as CSV text: CRLF after every row, the header's cells protected and quoted too. */
export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[], options: CsvTextOptions = {}): string {
  const sep = options.separator ?? ',';
  const lines: string[] = [header.map((h) => formatCell(h, sep)).join(sep)];
  for (const row of rows) lines.push(row.map((c) => formatCell(c, sep)).join(sep));
  return (options.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
