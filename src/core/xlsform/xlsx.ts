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
import { XmlError, type XmlNode, attr, child, children, parseXml, text } from './xml';
import { type ZipEntry, type ZipLimits, ZipError, formatBytes, listZipEntries, readZipEntries } from './zip';

export interface XlsxLimits extends ZipLimits {
  /** Most bytes the .xlsx file itself may have. */
  maxBytes: number;
  /** Most non-empty rows a sheet may have. */
  maxRows: number;
  /** Most columns a sheet may use (a non-empty cell further right is an error). */
  maxColumns: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
  maxUncompressed: 100 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 1024,
};

export interface ReadXlsxOptions {
  limits?: Partial<XlsxLimits>;
  /** Which sheets to read (by name as written); the others are only listed. Default: all. */
  wanted?: (sheetName: string) => boolean;
}

const REL_OFFICE_DOCUMENT = '/officeDocument';
const REL_WORKSHEET = '/worksheet';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';

/** Reads the sheets of an .xlsx. Throws XlsFormError. */
export function readXlsx(bytes: Uint8Array, fileName: string, options: ReadXlsxOptions = {}): Workbook {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const fail = (message: string, where: Partial<Problem> = {}): never => {
    throw new XlsFormError(`${fileName}: ${message}`, [{ severity: 'error', file: fileName, ...where, message }]);
  };

  if (bytes.length > limits.maxBytes) {
    fail(`the file has ${formatBytes(bytes.length)}; Dala reads XLSForms of up to ${formatBytes(limits.maxBytes)}`);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    fail(
      'not an xlsx file: this is an old .xls workbook or a password-protected one; ' +
        'save it as Excel Workbook (.xlsx) without a password',
    );
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

  const readParts = (names: string[]): Map<string, Uint8Array> => {
    const real = names.map((n) => byName.get(n.toLowerCase())?.name).filter((n): n is string => !!n);
    try {
      const raw = readZipEntries(bytes, entries, real, limits);
      const out = new Map<string, Uint8Array>();
      for (const [k, v] of raw) out.set(k.toLowerCase(), v);
      return out;
    } catch (e) {
      if (e instanceof ZipError) return fail(`cannot be read: ${e.message}`);
      throw e;
    }
  };
  const xmlOf = (parts: Map<string, Uint8Array>, name: string): XmlNode | undefined => {
    const data = parts.get(name.toLowerCase());
    if (!data) return undefined;
    if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
      fail(`the part ${name} is UTF-16 encoded, which Dala does not read; save the file again from a spreadsheet program`);
    }
    try {
      return parseXml(strFromU8(data));
    } catch (e) {
      if (e instanceof XmlError) return fail(`the part ${name} is not valid: ${e.message}`);
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

  const sharedStrings = sharedStringsPath ? readSharedStrings(xmlOf(parts, sharedStringsPath)) : [];
  const dateStyles = stylesPath ? readDateStyles(xmlOf(parts, stylesPath)) : new Set<number>();

  // 3. The sheets' cells.
  const sheets: Sheet[] = [];
  for (const ref of wanted) {
    const sheetXml = ref.path ? xmlOf(parts, ref.path) : undefined;
    if (!sheetXml) {
      // A chart sheet or a dangling relationship: nothing a form could be written in.
      otherSheets.push(ref.name);
      continue;
    }
    sheets.push(readSheet(ref.name, sheetXml, { sharedStrings, dateStyles, date1904, limits }, fail));
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

/** The text of a <si> or <is>: its <t>, or its rich-text runs joined (phonetic runs left out). */
function stringItemText(node: XmlNode | undefined): string {
  if (!node) return '';
  const t = child(node, 't');
  if (t) return unescapeOoxml(text(t));
  return unescapeOoxml(children(node, 'r').map((r) => text(child(r, 't'))).join(''));
}

function readSharedStrings(doc: XmlNode | undefined): string[] {
  return children(child(doc, 'sst'), 'si').map(stringItemText);
}

/** Indexes into cellXfs whose number format shows a date or a time. */
function readDateStyles(doc: XmlNode | undefined): Set<number> {
  const styleSheet = child(doc, 'styleSheet');
  const custom = new Map<number, string>();
  for (const f of children(child(styleSheet, 'numFmts'), 'numFmt')) {
    custom.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? '');
  }
  const out = new Set<number>();
  children(child(styleSheet, 'cellXfs'), 'xf').forEach((xf, i) => {
    const id = Number(attr(xf, 'numFmtId') ?? '0');
    if (isDateFormat(id, custom.get(id))) out.add(i);
  });
  return out;
}

/** Built-in date/time formats (ECMA-376 18.8.30) or a format code with date/time letters. */
function isDateFormat(id: number, code: string | undefined): boolean {
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
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + (days + dayShift) * DAY_MS).toISOString().slice(0, 10);
  return seconds ? `${date}T${hh}:${mm}:${pad(ss)}` : date;
}

interface CellContext {
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  limits: XlsxLimits;
}

function readSheet(
  name: string,
  doc: XmlNode,
  ctx: CellContext,
  fail: (message: string, where?: Partial<Problem>) => never,
): Sheet {
  const rows: SheetRow[] = [];
  let previousRow = 0;
  for (const rowNode of children(child(child(doc, 'worksheet'), 'sheetData'), 'row')) {
    const r = Number(attr(rowNode, 'r'));
    const rowNumber = Number.isInteger(r) && r > 0 ? r : previousRow + 1;
    previousRow = rowNumber;
    if (rowNumber > 1_048_576) fail(`sheet '${name}' has a row number ${rowNumber}, beyond what a spreadsheet can have`);
    const cells: string[] = [];
    let previousColumn = -1;
    for (const c of children(rowNode, 'c')) {
      const ref = attr(c, 'r');
      const parsed = ref ? parseCellRef(ref) : undefined;
      const column = parsed ? parsed.column : previousColumn + 1;
      previousColumn = column;
      const value = cellValue(c, ctx, (m) => fail(m, { sheet: name, row: rowNumber, column: columnLetter(column) }));
      if (value === '') continue;
      if (column >= ctx.limits.maxColumns) {
        fail(`sheet '${name}' has a value in column ${columnLetter(column)}; Dala reads up to ${ctx.limits.maxColumns} columns`, {
          sheet: name,
          row: rowNumber,
        });
      }
      while (cells.length < column) cells.push('');
      cells[column] = value;
    }
    if (!cells.length) continue;
    if (rows.length >= ctx.limits.maxRows) fail(`sheet '${name}' has more than ${ctx.limits.maxRows} rows`, { sheet: name });
    rows.push({ row: rowNumber, cells });
  }
  return { name, rows };
}

function cellValue(c: XmlNode, ctx: CellContext, fail: (message: string) => never): string {
  const type = attr(c, 't') ?? 'n';
  const v = child(c, 'v');
  switch (type) {
    case 's': {
      if (!v) return '';
      const i = Number(text(v));
      const s = Number.isInteger(i) ? ctx.sharedStrings[i] : undefined;
      if (s === undefined) fail(`the file is damaged: a cell refers to shared string ${text(v)}, which does not exist`);
      return s ?? '';
    }
    case 'inlineStr':
      return stringItemText(child(c, 'is'));
    case 'str':
      return v ? unescapeOoxml(text(v)) : '';
    case 'b':
      return v ? (text(v).trim() === '1' ? 'TRUE' : 'FALSE') : '';
    case 'e':
      return v ? text(v) : '';
    case 'd': {
      const iso = v ? text(v).trim() : '';
      return iso.replace(/T00:00(:00(\.0+)?)?Z?$/, '');
    }
    default: {
      if (!v) return '';
      const raw = text(v).trim();
      const style = Number(attr(c, 's') ?? '0');
      const n = Number(raw);
      if (raw !== '' && Number.isFinite(n) && ctx.dateStyles.has(style) && n >= 0) return excelSerialToIso(n, ctx.date1904);
      return raw;
    }
  }
}
