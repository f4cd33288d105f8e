/**
 * An SPSS syntax file that reads a wide CSV of codes (./export.ts) with variable and value labels
 * (docs/csv.md, "SPSS"): GET DATA /TYPE=TXT /ENCODING='UTF8' with every variable's format, then
 * VARIABLE LABELS and VALUE LABELS.
 *
 * GET DATA reads one case per line: a quoted cell that spans lines (an answer typed on two lines)
 * is not read as one cell, in SPSS nor in PSPP, and every case after it shifts (PSPP read 4 cases
 * of 3). So the syntax reads a CSV of its own, `spssDataCsv`: the wide CSV with each line break
 * inside a cell made a space, written beside the syntax as `spssDataName(syntax file)`. The wide
 * CSV itself keeps the line breaks (R and spreadsheets read them).
 *
 * SPSS names are stricter than Dala's: a name that is not a valid SPSS name (a leading _ or digit,
 * a -, too long, a reserved word such as BY or TO, a command word such as COMMENT, a clash ignoring
 * case) is changed (`v_1`, `q_1`, `by_`, `comment_`), and the VARIABLE LABELS keep the original name
 * visible. String widths are the
 * longest cell in bytes. Labels are cut to SPSS's limits (variable labels 255 bytes, value labels
 * 120) and long strings are split with `+` so no line is longer than SPSS accepts.
 */
import { localize, type LocalizedText } from '../instrument/types';
import { utf8 } from '../bundle/canonical';
import type { Column, Table } from './export';
import { csvText, protectText, type Cell, type Separator } from './write';
import type { ScriptOptions } from './r-script';

/** The labels of a 0/1 column (one choice of a select-multiple item), in the script's language. */
const NO: LocalizedText = { en: 'No', ru: 'Нет', kk: 'Жоқ' };
const YES: LocalizedText = { en: 'Yes', ru: 'Да', kk: 'Иә' };

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
/**
 * Names that open a line of their own are read as a new command when they spell COMMENT (from 4
 * letters) or DOCUMENT (from 3): the free-text commands. A variable named `comment` ended GET DATA
 * there, and every variable after it was lost (found by running the syntax in GNU PSPP).
 */
const COMMAND_WORD = /^(?:comm(?:e(?:n(?:t)?)?)?|doc(?:u(?:m(?:e(?:n(?:t)?)?)?)?)?)$/i;

/** Valid, unique (ignoring case) SPSS names for the columns, in order. */
export function spssNames(columns: readonly Column[]): string[] {
  const used = new Set<string>();
  return columns.map((c) => {
    let base = c.name.replace(/[^A-Za-z0-9_.@#$]/g, '_');
    if (!/^[A-Za-z@]/.test(base)) base = `v${base}`;
    if (base.startsWith('@')) base = `v${base}`;
    base = base.replace(/\.+$/, '');
    if (RESERVED.has(base.toUpperCase()) || COMMAND_WORD.test(base)) base = `${base}_`;
    base = cutBytes(base, 60);
    let name = base;
    for (let k = 2; used.has(name.toUpperCase()); k++) name = `${base}_${k}`;
    used.add(name.toUpperCase());
    return name;
  });
}

/** The longest prefix of `s` of at most `max` UTF-8 bytes. */
function cutBytes(s: string, max: number): string {
  if (utf8(s).length <= max) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const b = utf8(ch).length;
    if (n + b > max) break;
    out += ch;
    n += b;
  }
  return out;
}

/** An SPSS string literal of at most `max` bytes, split into pieces joined by + on new lines. */
function spssString(s: string, max: number, indent: string): string {
  const text = cutBytes(s.replace(/[\r\n\t]+/g, ' '), max);
  const pieces: string[] = [];
  let piece = '';
  let n = 0;
  for (const ch of text) {
    const b = utf8(ch).length + (ch === "'" ? 1 : 0);
    if (n + b > 100) {
      pieces.push(piece);
      piece = '';
      n = 0;
    }
    piece += ch === "'" ? "''" : ch;
    n += b;
  }
  pieces.push(piece);
  return pieces.map((p) => `'${p}'`).join(` +\n${indent}`);
}

/** Line breaks of any kind (CRLF, CR, LF, VT, FF, NEL, U+2028, U+2029), runs of them as one. */
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]+/g;

/** A cell as the SPSS data file holds it: a text on one line. */
function oneLine(cell: Cell): Cell {
  return typeof cell === 'string' ? cell.replace(LINE_BREAKS, ' ') : cell;
}

/**
 * The CSV the SPSS syntax reads: the wide table as `csvText` writes it (header, BOM, CRLF, quoting,
 * formula protection), with each run of line breaks inside a text cell made one space, so every
 * response is one line.
 */
export function spssDataCsv(table: Table, separator: Separator = ','): string {
  return csvText(
    table.columns.map((c) => c.name),
    table.rows.map((row) => row.map(oneLine)),
    { separator },
  );
}

/** The name of the SPSS data file that goes beside a syntax file: `data.sps` -> `data-spss.csv`. */
export function spssDataName(syntaxFile: string): string {
  return `${syntaxFile.replace(/\.sps$/i, '')}-spss.csv`;
}

function decimalsOf(cells: readonly (string | number | null)[]): number {
  let d = 0;
  for (const c of cells) {
    if (typeof c !== 'number') continue;
    const s = String(c);
    const dot = s.indexOf('.');
    if (dot >= 0 && !s.includes('e')) d = Math.max(d, s.length - dot - 1);
  }
  return Math.min(d, 16);
}

/** `options.csvFile` names the file made by `spssDataCsv` (see above), not the wide CSV. */
export function spssSyntax(table: Table, options: ScriptOptions): string {
  const lang = options.lang ?? options.fallback ?? 'en';
  const sep: Separator = options.separator ?? ',';
  const names = spssNames(table.columns);
  const formats = table.columns.map((c, i) => {
    const cells = table.rows.map((r) => r[i] ?? null);
    const numeric = c.type === 'number' || c.type === 'flag' || (c.type === 'codes' && (c.codes ?? []).every((x) => typeof x.code === 'number'));
    if (numeric) {
      const d = decimalsOf(cells);
      return d === 0 ? 'F8.0' : `F${Math.min(40, 18 + d)}.${d}`;
    }
    let width = 1;
    for (const cell of cells.map(oneLine)) if (cell !== null) width = Math.max(width, utf8(typeof cell === 'number' ? String(cell) : protectText(cell)).length);
    for (const x of c.codes ?? []) width = Math.max(width, utf8(String(x.code)).length);
    return `A${Math.min(width, 32767)}`;
  });
  const lines = [
    '* Generated by Dala: reads the wide CSV export with variable and value labels (docs/csv.md).',
    '* It reads the copy made for SPSS, one line per response (line breaks in answers made spaces).',
    '* Set the working folder to the one that holds the CSV first (File > Change Working Directory, or CD).',
    '* Encoding: UTF-8.',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(options.csvFile, 4000, '    ')}`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    `  /DELIMITERS="${sep}"`,
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...names.map((n, i) => `    ${n} ${formats[i]}`),
    '.',
    'VARIABLE LABELS',
    ...table.columns.map((c, i) => {
      const text = localize(c.label, lang, options.fallback ?? 'en');
      const label = names[i] === c.name ? text : `${c.name}: ${text}`;
      return `  ${i === 0 ? '' : '/'}${names[i]} ${spssString(label, 255, '    ')}`;
    }),
    '.',
  ];
  const valueLabels: string[] = [];
  table.columns.forEach((c, i) => {
    if (c.type === 'flag') {
      const [no, yes] = [localize(NO, lang, 'en'), localize(YES, lang, 'en')];
      valueLabels.push(`  ${valueLabels.length === 0 ? '' : '/'}${names[i]}`, `    0 ${spssString(no, 120, '')}`, `    1 ${spssString(yes, 120, '')}`);
      return;
    }
    if (c.type !== 'codes' || !c.codes || c.codes.length === 0) return;
    valueLabels.push(`  ${valueLabels.length === 0 ? '' : '/'}${names[i]}`);
    for (const x of c.codes) {
      const value = typeof x.code === 'number' ? String(x.code) : spssString(x.code, 120, '      ');
      valueLabels.push(`    ${value} ${spssString(localize(x.label, lang, options.fallback ?? 'en') || String(x.code), 120, '      ')}`);
    }
  });
  if (valueLabels.length > 0) lines.push('VALUE LABELS', ...valueLabels, '.');
  // A Likert item's non-substantive answers ("Prefer not to answer") are user-missing: labelled, never
  // counted as a point of the scale. Its points are its order (LEVEL ORDINAL).
  table.columns.forEach((c, i) => {
    if (!c.likert) return;
    const missing = c.likert.missing.slice(0, 3).map((m) => spssString(m, 8, ''));
    if (missing.length > 0) lines.push(`MISSING VALUES ${names[i]} (${missing.join(', ')}).`);
    lines.push(`VARIABLE LEVEL ${names[i]} (ORDINAL).`);
  });
  lines.push('EXECUTE.');
  return lines.join('\n') + '\n';
}
