/**
 * .xlsx bytes -> sheets of text cells (./workbook.ts). Pure TypeScript: runs in the browser, a worker
 * and Node alike.
 *
 * The file is treated as hostile: its size, the zip's entry count and the bytes it may inflate to are
 * capped (./zip.ts), XML with a DOCTYPE is refused (./xml.ts), and a sheet may have only so many rows
 * and columns. Every failure is an `XlsFormError` (code 'xlsform') whose message names the file and
 * what is wrong: "form.xlsx: not an xlsx file (no zip directory found ...)".
 *
 * Cells become the text a researcher sees: shared and inline strings (rich text runs joined), numbers
 * as written, booleans as TRUE/FALSE, numbers formatted as dates as ISO dates (yyyy-mm-dd, HH:MM or
 * yyyy-mm-ddTHH:MM:SS), formula cells by their cached value.
 */
import { strFromU8 } from 'fflate';
import type { Problem } from '../errors';
import { type Sheet, type SheetRow, type Workbook, columnLetter, parseCellRef } from './workbook';
import { XlsFormError } from './xlsform-error';
import { XmlError, type XmlNode, attr, child, children, parseXml } from './xml';
import { attrOf, attrs, scanXml } from './xml-scan';
import { type ZipEntry, type ZipLimits, ZipError, formatBytes, listZipEntries, readZipEntries } from './zip';

export interface XlsxLimits extends ZipLimits {
  /** Most bytes the .xlsx file itself may have. */
  maxBytes: number;
  /** Most non-empty rows a sheet may have. */
  maxRows: number;
  /** Most columns a sheet may use (a non-empty cell further right is an error). */
  maxColumns: number;
  /**
   * Most characters the cells of the sheets read may have together. One shared string may fill
   * every cell (issue 14: 128 KB of xlsx, 400 MB of JSON), so each cell within the text limit is not
   * enough: the whole is bounded. The largest real form we know has under 450,000.
   */
  maxText: number;
}

export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
  maxUncompressed: 100 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 1024,
  maxText: 8_000_000,
});

export interface ReadXlsxOptions {
  limits?: Partial<XlsxLimits>;
  /** Which sheets to read (by name as written); the others are only listed. Default: all. */
  wanted?: (sheetName: string) => boolean;
}

const REL_OFFICE_DOCUMENT = '/officeDocument';
const REL_WORKSHEET = '/worksheet';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';
/** Relationships and workbook parts are a few kilobytes; anything near this is not a workbook. */
const MAX_STRUCTURE_PART = 2 * 1024 * 1024;

/** Reads the sheets of an .xlsx. Throws XlsFormError. */
export function readXlsx(bytes: Uint8Array, fileName: string, options: ReadXlsxOptions = {}): Workbook {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const fail = (message: string, where: Partial<Problem> = {}): never => {
    throw new XlsFormError(`${fileName}: ${message}`, [{ severity: 'error', file: fileName, ...where, message }]);
  };

  if (bytes.length > limits.maxBytes) {
    fail(`the file has ${formatBytes(bytes.length)}; Dala reads XLSForms of up to ${formatBytes(limits.maxBytes)}`);
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) fail('not an xlsx file (it is not a zip archive)');

  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes, limits);
  } catch (e) {
    return fail(`not an xlsx file (${e instanceof Error ? e.message : String(e)})`);
  }
  // Part names in a package are case-insensitive.
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name.toLowerCase(), e);

  // Parts are read in three steps; the cap on inflated bytes holds for all of them together.
  let inflated = 0;
  const readParts = (names: string[]): Map<string, Uint8Array> => {
    const real = names.map((n) => byName.get(n.toLowerCase())?.name).filter((n): n is string => !!n);
    try {
      const raw = readZipEntries(bytes, entries, real, limits, inflated);
      for (const data of raw.values()) inflated += data.length;
      const out = new Map<string, Uint8Array>();
      for (const [k, v] of raw) out.set(k.toLowerCase(), v);
      return out;
    } catch (e) {
      if (e instanceof ZipError) return fail(`cannot be read: ${e.message}`);
      throw e;
    }
  };
  const textOf = (parts: Map<string, Uint8Array>, name: string): string | undefined => {
    const data = parts.get(name.toLowerCase());
    if (!data) return undefined;
    if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
      fail(`the part ${name} is UTF-16 encoded, which Dala does not read; save the file again from a spreadsheet program`);
    }
    return strFromU8(data);
  };
  /** The small structural parts (relationships, workbook) as a tree. */
  const xmlOf = (parts: Map<string, Uint8Array>, name: string): XmlNode | undefined => {
    const xml = textOf(parts, name);
    if (xml === undefined) return undefined;
    if (xml.length > MAX_STRUCTURE_PART) fail(`the part ${name} is ${formatBytes(xml.length)}, far more than a workbook needs`);
    try {
      return parseXml(xml);
    } catch (e) {
      if (e instanceof XmlError) return fail(`the part ${name} is not valid XML: ${e.message}`);
      throw e;
    }
  };
  /** The big parts (sheets, shared strings, styles) with the streaming scanner. */
  const scanned = <T>(parts: Map<string, Uint8Array>, name: string, read: (xml: string) => T): T | undefined => {
    const xml = textOf(parts, name);
    if (xml === undefined) return undefined;
    try {
      return read(xml);
    } catch (e) {
      if (e instanceof XmlError) return fail(`the part ${name} is not valid XML: ${e.message}`);
      throw e;
    }
  };

  // 1. The package relationships name the workbook part (almost always xl/workbook.xml).
  const rootParts = readParts(['_rels/.rels']);
  let workbookPath = 'xl/workbook.xml';
  const rootRels = xmlOf(rootParts, '_rels/.rels');
  if (rootRels) {
    const office = relationships(rootRels, '').find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT));
    if (office) workbookPath = office.target;
  }
  const workbookRelsPath = relsPathOf(workbookPath);
  const wbParts = readParts([workbookPath, workbookRelsPath]);
  const workbookXml = xmlOf(wbParts, workbookPath);
  if (!workbookXml) fail(`not an xlsx file (it has no workbook part ${workbookPath})`);
  const workbook = child(workbookXml, 'workbook');
  const date1904 = ['1', 'true'].includes((attr(child(workbook, 'workbookPr'), 'date1904') ?? '').toLowerCase());
  const rels = relationships(xmlOf(wbParts, workbookRelsPath), dirOf(workbookPath));
  const relById = new Map(rels.map((r) => [r.id, r]));

  // 2. The sheets, by name, and the parts they live in.
  const sheetRefs: { name: string; path: string | undefined }[] = [];
  for (const s of children(child(workbook, 'sheets'), 'sheet')) {
    const name = attr(s, 'name') ?? '';
    const rel = relById.get(attr(s, 'id') ?? '');
    sheetRefs.push({ name, path: rel && rel.type.endsWith(REL_WORKSHEET) ? rel.target : undefined });
  }
  const wanted = sheetRefs.filter((s) => (options.wanted ? options.wanted(s.name) : true));
  const otherSheets = sheetRefs.filter((s) => !wanted.includes(s)).map((s) => s.name);
  const sharedStringsPath = rels.find((r) => r.type.endsWith(REL_SHARED_STRINGS))?.target;
  const stylesPath = rels.find((r) => r.type.endsWith(REL_STYLES))?.target;

  const partNames = wanted.map((s) => s.path).filter((p): p is string => !!p);
  if (sharedStringsPath) partNames.push(sharedStringsPath);
  if (stylesPath) partNames.push(stylesPath);
  const parts = readParts(partNames);

  const sharedStrings = (sharedStringsPath && scanned(parts, sharedStringsPath, readSharedStrings)) || [];
  const dateStyles = (stylesPath && scanned(parts, stylesPath, readDateStyles)) || new Set<number>();

  // 3. The sheets' cells.
  const sheets: Sheet[] = [];
  const text = { characters: 0 };
  for (const ref of wanted) {
    const ctx: CellContext = { sharedStrings, dateStyles, date1904, limits, text };
    const sheet = ref.path ? scanned(parts, ref.path, (xml) => readSheet(ref.name, xml, ctx, fail)) : undefined;
    if (!sheet) {
      // A chart sheet or a dangling relationship: nothing a form could be written in.
      otherSheets.push(ref.name);
      continue;
    }
    sheets.push(sheet);
  }
  return { sheets, otherSheets };
}

interface Relationship {
  id: string;
  type: string;
  /** Resolved to a part name without a leading slash ("xl/worksheets/sheet1.xml"). */
  target: string;
}

function relationships(doc: XmlNode | undefined, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const r of children(child(doc, 'Relationships'), 'Relationship')) {
    if ((attr(r, 'TargetMode') ?? '').toLowerCase() === 'external') continue;
    const target = attr(r, 'Target');
    if (!target) continue;
    out.push({ id: attr(r, 'Id') ?? '', type: attr(r, 'Type') ?? '', target: resolvePart(baseDir, target) });
  }
  return out;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function relsPathOf(path: string): string {
  const dir = dirOf(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

function resolvePart(baseDir: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Shared strings: the text of each <si>, rich-text runs joined, phonetic runs (<rPh>) left out. */
function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si' && current) {
        out.push(unescapeOoxml(current.join('')));
        current = undefined;
      } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 't') inT = false;
    },
    text(data) {
      current?.push(data);
    },
    wantText: () => inT,
  });
  return out;
}

/** Indexes into cellXfs whose number format shows a date or a time. */
function readDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, tag, selfClosing) {
      if (name === 'numFmt') {
        const a = attrs(tag);
        custom.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs' && !selfClosing) inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attrs(tag).numFmtId ?? '0'));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
    wantText: () => false,
  });
  const out = new Set<number>();
  formats.forEach((id, i) => {
    if (isDateFormat(id, custom.get(id))) out.add(i);
  });
  return out;
}

/** Built-in date/time formats (ECMA-376 18.8.30) or a format code with date/time letters. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
  if (code === undefined) return false;
  // Drop quoted text, escaped characters and [colour]/[locale] sections, then look for date letters.
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare);
}

const DAY_MS = 86_400_000;

/** An Excel serial date as ISO text: a date, a time, or both. */
export function excelSerialToIso(serial: number, date1904: boolean): string {
  const days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  let dayShift = 0;
  if (seconds >= 86400) {
    seconds -= 86400;
    dayShift = 1;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const hh = pad(Math.floor(seconds / 3600));
  const mm = pad(Math.floor((seconds % 3600) / 60));
  const ss = seconds % 60;
  const time = ss ? `${hh}:${mm}:${pad(ss)}` : `${hh}:${mm}`;
  // Serial 0 in the 1900 system is no real day: a value below 1 is a time of day.
  if (!date1904 && days === 0 && dayShift === 0) return time;
  // Excel counts 1900 as a leap year (serial 60 is 29 February 1900), so serials 1..59 are a day later
  // than the epoch 1899-12-30 that is right from 1 March 1900 on.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days + dayShift < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + (days + dayShift) * DAY_MS).toISOString().slice(0, 10);
  return seconds ? `${date}T${hh}:${mm}:${pad(ss)}` : date;
}

interface CellContext {
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  limits: XlsxLimits;
  /** Characters of the cells read so far, in all sheets. */
  text: { characters: number };
}

interface RawCell {
  ref?: string;
  type?: string;
  style?: string;
  /** The <v> text, or the inline string's text. */
  value?: string;
  inline?: string[];
}

function readSheet(
  name: string,
  xml: string,
  ctx: CellContext,
  fail: (message: string, where?: Partial<Problem>) => never,
): Sheet {
  const rows: SheetRow[] = [];
  let previousRow = 0;
  let rowNumber = 0;
  let cells: string[] | undefined;
  let previousColumn = -1;
  let cell: RawCell | undefined;
  let capture: string[] | undefined;
  let inInline = false;
  let phonetic = 0;

  const endCell = (c: RawCell) => {
    const parsed = c.ref ? parseCellRef(c.ref) : undefined;
    const column = parsed ? parsed.column : previousColumn + 1;
    previousColumn = column;
    const value = cellValue(c, ctx, (m) => fail(m, { sheet: name, row: rowNumber, column: columnLetter(column) }));
    if (value === '' || !cells) return;
    if (column >= ctx.limits.maxColumns) {
      fail(`sheet '${name}' has a value in column ${columnLetter(column)}; Dala reads up to ${ctx.limits.maxColumns} columns`, {
        sheet: name,
        row: rowNumber,
      });
    }
    ctx.text.characters += value.length;
    if (ctx.text.characters > ctx.limits.maxText) fail(tooMuchText(ctx.limits.maxText), { sheet: name, row: rowNumber });
    while (cells.length < column) cells.push('');
    cells[column] = value;
  };

  scanXml(xml, {
    open(element, tag, selfClosing) {
      switch (element) {
        case 'row': {
          const r = Number(attrOf(tag, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : previousRow + 1;
          previousRow = rowNumber;
          if (rowNumber > 1_048_576) fail(`sheet '${name}' has a row number ${rowNumber}, beyond what a spreadsheet can have`);
          cells = [];
          previousColumn = -1;
          return;
        }
        case 'c': {
          if (selfClosing) {
            // An empty cell (spreadsheet programs write thousands): only its column matters.
            const column = columnOfRef(tag);
            previousColumn = column ?? previousColumn + 1;
            cell = undefined;
            return;
          }
          const ref = attrOf(tag, 'r');
          const type = attrOf(tag, 't');
          const style = attrOf(tag, 's');
          cell = { ...(ref !== undefined ? { ref } : {}), ...(type !== undefined ? { type } : {}), ...(style !== undefined ? { style } : {}) };
          return;
        }
        case 'v':
          if (cell && !selfClosing) capture = [];
          return;
        case 'is':
          if (cell) {
            inInline = true;
            cell.inline ??= [];
          }
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (cell && inInline && !phonetic && !selfClosing) capture = [];
          return;
        default:
          return;
      }
    },
    close(element) {
      switch (element) {
        case 'row':
          if (cells && cells.length) {
            if (rows.length >= ctx.limits.maxRows) fail(`sheet '${name}' has more than ${ctx.limits.maxRows} rows`, { sheet: name });
            rows.push({ row: rowNumber, cells });
          }
          cells = undefined;
          return;
        case 'c':
          if (cell) endCell(cell);
          cell = undefined;
          inInline = false;
          return;
        case 'v':
          if (cell && capture) cell.value = capture.join('');
          capture = undefined;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          phonetic = Math.max(0, phonetic - 1);
          return;
        case 't':
          if (cell?.inline && capture) cell.inline.push(capture.join(''));
          capture = undefined;
          return;
        default:
          return;
      }
    },
    text(data) {
      capture?.push(data);
    },
    wantText: () => capture !== undefined,
  });
  return { name, rows };
}

/** The message when the cells together have more than `max` characters (./xls.ts says the same). */
export function tooMuchText(max: number): string {
  return (
    `the cells of the form's sheets hold more than ${max.toLocaleString('en-US')} characters together ` +
    `(one long text repeated in many cells?): Dala reads XLSForms of at most ${max.toLocaleString('en-US')}`
  );
}

/**
 * The column of an empty cell's tag text (`c r="AB12" s="3"/`): spreadsheet programs write tens of
 * thousands of them, so the letters are read in place, without a regular expression.
 */
function columnOfRef(tag: string): number | undefined {
  const ref = attrOf(tag, 'r');
  if (ref === undefined) return undefined;
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    column = column * 26 + (c - 0x60);
  }
  return i > 0 && i < 4 ? column - 1 : parseCellRef(ref)?.column;
}

function cellValue(c: RawCell, ctx: CellContext, fail: (message: string) => never): string {
  const type = c.type ?? 'n';
  const v = c.value;
  switch (type) {
    case 's': {
      if (v === undefined) return '';
      const i = Number(v);
      const s = Number.isInteger(i) ? ctx.sharedStrings[i] : undefined;
      if (s === undefined) fail(`the file is damaged: a cell refers to shared string ${v.trim()}, which does not exist`);
      return s ?? '';
    }
    case 'inlineStr':
      return unescapeOoxml((c.inline ?? []).join(''));
    case 'str':
      return v === undefined ? '' : unescapeOoxml(v);
    case 'b':
      return v === undefined ? '' : v.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return v ?? '';
    case 'd':
      return (v ?? '').trim().replace(/T00:00(:00(\.0+)?)?Z?$/, '');
    default: {
      if (v === undefined) return '';
      const raw = v.trim();
      const n = Number(raw);
      if (raw !== '' && Number.isFinite(n) && n >= 0 && ctx.dateStyles.has(Number(c.style ?? '0'))) {
        return excelSerialToIso(n, ctx.date1904);
      }
      return raw;
    }
  }
}
