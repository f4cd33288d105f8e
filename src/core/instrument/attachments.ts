/**
 * Attachments (instrument format version 3): the external data files a form reads, as rows.
 *
 * A form names a file by its base name: `instance('districts')`, `pulldata('districts', ...)` and
 * `search('districts')` read `districts.csv` (or ODK's `districts.xml`). Each file is a list of rows
 * of named fields:
 *
 * - CSV (RFC 4180: commas, "quoted" fields with "" inside, CRLF or LF; a UTF-8 byte order mark is
 *   dropped): the first row names the columns; a row shorter than the header has '' for the rest;
 * - XML as ODK writes it: `<root><item><name>a</name><label>A</label>...</item>...</root>`: each
 *   child of the root is a row, each child of a row a field (its text). No DOCTYPE, no entities
 *   beyond the five predefined ones and character references.
 *
 * Both readers are small and linear, read untrusted text and never throw: a damaged file reads as
 * what can be read (`problem` says what was wrong, for the import to report). They live here, and
 * not with the XLSForm reader, because the runner needs them: they must not pull a parser library
 * into the first page.
 */
import type { Attachment, AttachmentType } from './types';

export type DataRow = Readonly<Record<string, string>>;

export interface AttachmentRows {
  /** Field names in the order of the file (the CSV header; for XML, in order of first use). */
  columns: string[];
  rows: DataRow[];
  /** What was wrong with the file, if anything (an unclosed quote, a DOCTYPE, no header). */
  problem?: string;
}

/** The name a form reads a file by: `districts.csv` -> `districts`. */
export function attachmentId(fileName: string): string {
  return fileName.replace(/\.(csv|xml)$/i, '');
}

/** The media type of a data file by its name, or undefined when Dala does not read it as data. */
export function attachmentType(fileName: string): AttachmentType | undefined {
  if (/\.csv$/i.test(fileName)) return 'text/csv';
  if (/\.xml$/i.test(fileName)) return 'application/xml';
  return undefined;
}

export function attachmentRows(attachment: Pick<Attachment, 'mediaType' | 'content'>): AttachmentRows {
  return attachment.mediaType === 'application/xml' ? xmlRows(attachment.content) : csvRows(attachment.content);
}

/**
 * The rows of each attachment by the id a form reads it by, read the first time one is asked for
 * (a form that never calls pulldata() or instance() never parses its files).
 */
export function attachmentReader(attachments: readonly Attachment[] | undefined): (id: string) => readonly DataRow[] | null {
  const read = new Map<string, readonly DataRow[]>();
  return (id) => {
    const done = read.get(id);
    if (done) return done;
    const att = attachments?.find((a) => attachmentId(a.name) === id);
    if (!att) return null;
    const rows = attachmentRows(att).rows;
    read.set(id, rows);
    return rows;
  };
}

/** A record with no prototype: a column named `__proto__` or `constructor` is plain data. */
function record(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** The cells of a CSV text, row by row. */
export function csvCells(text: string): { cells: string[][]; problem?: string } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let problem: string | undefined;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) out.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: up to the closing quote, "" being one quote.
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          value += text.slice(j);
          problem ??= `a quoted field that is never closed (from row ${out.length + 1})`;
          j = n;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      field = value;
      i = j;
      // Anything between the closing quote and the next separator is kept, as spreadsheets do.
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // A run of plain characters at once.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 0x2c || c === 0x0a || c === 0x0d) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || row.length) endRow();
  return problem ? { cells: out, problem } : { cells: out };
}

function csvRows(text: string): AttachmentRows {
  const { cells, problem } = csvCells(text);
  const header = (cells[0] ?? []).map((h) => h.trim());
  if (!header.length) return { columns: [], rows: [], problem: problem ?? 'the file is empty: its first row must name the columns' };
  const rows: DataRow[] = [];
  for (let r = 1; r < cells.length; r++) {
    const row = record();
    const line = cells[r]!;
    header.forEach((h, c) => {
      if (h !== '' && !(h in row)) row[h] = line[c] ?? '';
    });
    rows.push(row);
  }
  return problem ? { columns: header, rows, problem } : { columns: header, rows };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? m;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
  });
}

function xmlRows(text: string): AttachmentRows {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { columns: [], rows: [], problem: 'it declares a DOCTYPE or entities, which Dala does not read' };
  const columns: string[] = [];
  const rows: DataRow[] = [];
  let depth = 0;
  let row: Record<string, string> | null = null;
  let field: string | null = null;
  let value = '';
  let pos = 0;
  let problem: string | undefined;
  const n = text.length;
  while (pos < n) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (field !== null && depth === 3) value += decode(text.slice(pos, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      pos = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (field !== null && depth === 3) value += text.slice(lt + 9, end < 0 ? n : end);
      pos = end < 0 ? n : end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0) {
      problem ??= 'an unterminated tag';
      break;
    }
    const tag = text.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    const closing = tag.startsWith('/');
    const selfClosing = tag.endsWith('/');
    const name = (closing ? tag.slice(1) : tag).trim().split(/[\s/]/)[0]!.replace(/^[^:]*:/, '');
    if (closing) {
      if (depth === 3 && row && field !== null) {
        if (!(field in row)) {
          row[field] = value;
          if (!columns.includes(field)) columns.push(field);
        }
        field = null;
      } else if (depth === 2 && row) {
        rows.push(row);
        row = null;
      }
      depth = Math.max(0, depth - 1);
      continue;
    }
    depth++;
    if (depth === 2) row = record();
    if (depth === 3) {
      field = name;
      value = '';
    }
    if (selfClosing) {
      if (depth === 3 && row) {
        if (!(name in row)) row[name] = '';
        if (!columns.includes(name)) columns.push(name);
        field = null;
      } else if (depth === 2 && row) {
        rows.push(row);
        row = null;
      }
      depth--;
    }
  }
  if (depth !== 0) problem ??= 'an element that is never closed';
  return problem ? { columns, rows, problem } : { columns, rows };
}
