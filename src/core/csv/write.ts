/**
 * Writing CSV (docs/csv.md): RFC 4180 with CRLF line ends, a UTF-8 byte order mark so Excel reads
 * Cyrillic and Kazakh, `,` or `;` between cells, and protection against formula injection.
 *
 * A cell is a number, a text or empty (null). Numbers are written as numbers. A text cell is
 * written with a leading `'` when it starts with = + - @, a tab or a carriage return, unless the
 * whole text is a plain number ("-3", "+5", "1e3"): a spreadsheet would otherwise run it as a
 * formula (=HYPERLINK(...), @SUM(...)). A cell is quoted ("...", inner quotes doubled) when it holds
 * the separator, a quote, a CR or an LF, or starts or ends with a space.
 *
 * Written here, not with papaparse: papaparse's type declarations pull Node's into the core.
 */
export type Cell = string | number | null;

export type Separator = ',' | ';';

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RISKY_START = /^[=+\-@\t\r]/;

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
