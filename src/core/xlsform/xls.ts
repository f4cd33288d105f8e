/**
 * .xls bytes (Excel 97-2003, BIFF8 in a compound file) -> sheets of text cells (./workbook.ts), read
 * like .xlsx (./xlsx.ts): the same limits, the same cell texts, the same messages.
 *
 * BIFF8 is a stream of records (type, length, data). The workbook globals come first: the sheets
 * (BOUNDSHEET, with the offset of each sheet's records), the shared strings (SST), the number
 * formats and cell formats (to tell a date from a number), the date system (DATEMODE) and a
 * password (FILEPASS, which is refused). Each sheet's records then give its cells: LABELSST (a shared
 * string), LABEL and RSTRING (a string), NUMBER and RK/MULRK (numbers), BOOLERR, and FORMULA with its
 * cached value (a string result follows in a STRING record). A record longer than 8,224 bytes goes
 * on in CONTINUE records; a string split there starts again with its own flags byte.
 *
 * Hostile input: every read is bounded by the record it is in, every offset is checked, a sheet
 * may have only so many rows, columns and characters (one shared string in many cells is bounded
 * by the characters of the cells, as in .xlsx). Nothing here inflates, so there is no bomb.
 */
import type { Problem } from '../errors';
import { CfbError, CompoundFile } from './cfb';
import { type Sheet, type SheetRow, type Workbook, columnLetter } from './workbook';
import { XlsFormError } from './xlsform-error';
import { type ReadXlsxOptions, type XlsxLimits, DEFAULT_XLSX_LIMITS, excelSerialToIso, isDateFormat, tooMuchText } from './xlsx';
import { formatBytes } from './zip';

const BOF = 0x0809;
const EOF = 0x000a;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;

const ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
]);

/** A record: its type, and its data with that of the CONTINUE records after it, as segments. */
interface BiffRecord {
  type: number;
  /** Offset of the record's header in the stream. */
  at: number;
  segments: Uint8Array[];
}

/** Reads across a record's segments; a string's characters that go on in the next segment start with a flags byte. */
class SegmentReader {
  private seg = 0;
  private pos = 0;
  constructor(private readonly segments: Uint8Array[]) {}

  private current(): Uint8Array {
    while (this.seg < this.segments.length && this.pos >= this.segments[this.seg]!.length) {
      this.seg++;
      this.pos = 0;
    }
    const s = this.segments[this.seg];
    if (!s) throw new BiffError('a record ends before its data does');
    return s;
  }

  u8(): number {
    const s = this.current();
    return s[this.pos++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let left = n; left > 0; ) {
      const s = this.current();
      const take = Math.min(left, s.length - this.pos);
      this.pos += take;
      left -= take;
    }
  }
  /**
   * `count` characters, one or two bytes each (`high`). When the segment ends before they do, the
   * rest is in the next segment after its own flags byte, even when none fitted in this one.
   */
  chars(count: number, high: boolean): string {
    const parts: string[] = [];
    let left = count;
    let wide = high;
    while (left > 0) {
      let s = this.segments[this.seg];
      if (!s || this.pos >= s.length) {
        this.seg++;
        this.pos = 0;
        s = this.segments[this.seg];
        if (!s || s.length === 0) throw new BiffError('a string ends before its characters do');
        wide = (s[this.pos++]! & 1) === 1;
      }
      const take = Math.min(left, Math.floor((s.length - this.pos) / (wide ? 2 : 1)));
      if (take === 0) throw new BiffError('a string character is cut in two');
      let text = '';
      for (let i = 0; i < take; i++) {
        text += String.fromCharCode(wide ? s[this.pos]! | (s[this.pos + 1]! << 8) : s[this.pos]!);
        this.pos += wide ? 2 : 1;
      }
      parts.push(text);
      left -= take;
    }
    return parts.join('');
  }
  /** XLUnicodeRichExtendedString (shared strings, LABEL): count, flags, runs and extension skipped. */
  richString(countBytes: 1 | 2): string {
    const count = countBytes === 2 ? this.u16() : this.u8();
    const flags = this.u8();
    const runs = flags & 0x8 ? this.u16() : 0;
    const ext = flags & 0x4 ? this.u32() : 0;
    const text = this.chars(count, (flags & 1) === 1);
    this.skip(runs * 4);
    this.skip(ext);
    return text;
  }
}

class BiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BiffError';
  }
}

/** The records of a stream from `start` to its EOF (or the stream's end), CONTINUE records joined. */
function recordsFrom(stream: Uint8Array, start: number): BiffRecord[] {
  const out: BiffRecord[] = [];
  let at = start;
  while (at + 4 <= stream.length) {
    const type = stream[at]! | (stream[at + 1]! << 8);
    const length = stream[at + 2]! | (stream[at + 3]! << 8);
    const end = at + 4 + length;
    if (end > stream.length) throw new BiffError('a record goes past the end of the workbook');
    const data = stream.subarray(at + 4, end);
    if (type === CONTINUE && out.length) out[out.length - 1]!.segments.push(data);
    else out.push({ type, at, segments: [data] });
    at = end;
    if (type === EOF) break;
  }
  return out;
}

/** Reads the sheets of an .xls. Throws XlsFormError. */
export function readXls(bytes: Uint8Array, fileName: string, options: ReadXlsxOptions = {}): Workbook {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  const fail = (message: string, where: Partial<Problem> = {}): never => {
    throw new XlsFormError(`${fileName}: ${message}`, [{ severity: 'error', file: fileName, ...where, message }]);
  };
  if (bytes.length > limits.maxBytes) {
    fail(`the file has ${formatBytes(bytes.length)}; Dala reads XLSForms of up to ${formatBytes(limits.maxBytes)}`);
  }
  let stream: Uint8Array | undefined;
  try {
    const cfb = new CompoundFile(bytes);
    stream = cfb.stream('Workbook') ?? cfb.stream('Book');
    if (!stream && cfb.stream('EncryptedPackage')) {
      fail('the workbook is protected by a password: save it again without a password');
    }
  } catch (e) {
    if (e instanceof CfbError) return fail(`not an Excel workbook (${e.message})`);
    throw e;
  }
  if (!stream) return fail('not an Excel workbook (it has no Workbook stream)');
  try {
    return readWorkbookStream(stream, limits, options, fail);
  } catch (e) {
    if (e instanceof BiffError) return fail(`the workbook is damaged: ${e.message}`);
    throw e;
  }
}

function readWorkbookStream(
  stream: Uint8Array,
  limits: XlsxLimits,
  options: ReadXlsxOptions,
  fail: (message: string, where?: Partial<Problem>) => never,
): Workbook {
  const globals = recordsFrom(stream, 0);
  const bof = globals[0];
  if (!bof || bof.type !== BOF) fail('not an Excel workbook (no BOF record at the start)');
  const version = bof!.segments[0]!.length >= 2 ? bof!.segments[0]![0]! | (bof!.segments[0]![1]! << 8) : 0;
  if (version !== 0x0600) {
    fail('an Excel 5.0/95 workbook (or older), which Dala does not read: save it as Excel 97-2003 (.xls) or Excel Workbook (.xlsx)');
  }

  const sheets: { name: string; at: number; kind: number }[] = [];
  let sharedStrings: string[] = [];
  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  for (const r of globals) {
    const reader = new SegmentReader(r.segments);
    switch (r.type) {
      case FILEPASS:
        fail('the workbook is protected by a password: save it again without a password');
        break;
      case DATEMODE:
        date1904 = reader.u16() === 1;
        break;
      case BOUNDSHEET: {
        const at = reader.u32();
        reader.u8(); // visibility: hidden sheets are read as any other
        const kind = reader.u8();
        sheets.push({ name: reader.richString(1), at, kind });
        break;
      }
      case FORMAT: {
        const id = reader.u16();
        formats.set(id, reader.richString(2));
        break;
      }
      case XF: {
        reader.u16(); // font
        xfFormats.push(reader.u16());
        break;
      }
      case SST: {
        reader.u32(); // total references
        const unique = reader.u32();
        // Each string takes at least 3 bytes: a count larger than the record can hold is a lie.
        const room = r.segments.reduce((n, s) => n + s.length, 0);
        if (unique > room / 3) throw new BiffError(`the shared string table says ${unique} strings but has room for fewer`);
        sharedStrings = new Array<string>(unique);
        for (let i = 0; i < unique; i++) sharedStrings[i] = reader.richString(2);
        break;
      }
      default:
        break;
    }
  }
  const dateStyles = new Set<number>();
  xfFormats.forEach((id, i) => {
    if (isDateFormat(id, formats.get(id))) dateStyles.add(i);
  });

  const wantedSheets = sheets.filter((s) => s.kind === 0 && (options.wanted ? options.wanted(s.name) : true));
  const otherSheets = sheets.filter((s) => !wantedSheets.includes(s)).map((s) => s.name);
  const text = { characters: 0 };
  const out: Sheet[] = [];
  for (const s of wantedSheets) {
    if (s.at >= stream.length) {
      otherSheets.push(s.name);
      continue;
    }
    out.push(readSheet(s.name, recordsFrom(stream, s.at), { sharedStrings, dateStyles, date1904, limits, text }, fail));
  }
  return { sheets: out, otherSheets };
}

interface SheetContext {
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  limits: XlsxLimits;
  text: { characters: number };
}

function readSheet(name: string, records: BiffRecord[], ctx: SheetContext, fail: (message: string, where?: Partial<Problem>) => never): Sheet {
  const rows = new Map<number, string[]>();
  const set = (row: number, column: number, value: string) => {
    if (value === '') return;
    if (column >= ctx.limits.maxColumns) {
      fail(`sheet '${name}' has a value in column ${columnLetter(column)}; Dala reads up to ${ctx.limits.maxColumns} columns`, { sheet: name, row: row + 1 });
    }
    ctx.text.characters += value.length;
    if (ctx.text.characters > ctx.limits.maxText) fail(tooMuchText(ctx.limits.maxText), { sheet: name, row: row + 1 });
    let cells = rows.get(row);
    if (!cells) {
      if (rows.size >= ctx.limits.maxRows) fail(`sheet '${name}' has more than ${ctx.limits.maxRows} rows`, { sheet: name });
      rows.set(row, (cells = []));
    }
    while (cells.length < column) cells.push('');
    cells[column] = value;
  };
  const number = (n: number, xf: number): string => {
    if (!Number.isFinite(n)) return '';
    if (n >= 0 && ctx.dateStyles.has(xf)) return excelSerialToIso(n, ctx.date1904);
    return String(n);
  };

  let pendingString: { row: number; column: number } | undefined;
  for (const r of records) {
    const reader = new SegmentReader(r.segments);
    switch (r.type) {
      case LABELSST: {
        const row = reader.u16();
        const column = reader.u16();
        reader.u16();
        const i = reader.u32();
        const s = ctx.sharedStrings[i];
        if (s === undefined) fail(`the file is damaged: a cell refers to shared string ${i}, which does not exist`, { sheet: name, row: row + 1, column: columnLetter(column) });
        set(row, column, s ?? '');
        break;
      }
      case LABEL:
      case RSTRING: {
        const row = reader.u16();
        const column = reader.u16();
        reader.u16();
        set(row, column, reader.richString(2));
        break;
      }
      case NUMBER: {
        const row = reader.u16();
        const column = reader.u16();
        const xf = reader.u16();
        set(row, column, number(float64(reader), xf));
        break;
      }
      case RK: {
        const row = reader.u16();
        const column = reader.u16();
        const xf = reader.u16();
        set(row, column, number(rkNumber(reader.u32()), xf));
        break;
      }
      case MULRK: {
        const row = reader.u16();
        const first = reader.u16();
        const length = r.segments.reduce((n, s) => n + s.length, 0);
        const count = Math.max(0, Math.floor((length - 6) / 6));
        for (let i = 0; i < count; i++) {
          const xf = reader.u16();
          set(row, first + i, number(rkNumber(reader.u32()), xf));
        }
        break;
      }
      case BOOLERR: {
        const row = reader.u16();
        const column = reader.u16();
        reader.u16();
        const value = reader.u8();
        const isError = reader.u8() === 1;
        set(row, column, isError ? (ERRORS.get(value) ?? '#ERROR') : value ? 'TRUE' : 'FALSE');
        break;
      }
      case FORMULA: {
        const row = reader.u16();
        const column = reader.u16();
        const xf = reader.u16();
        const bytes = [0, 1, 2, 3, 4, 5, 6, 7].map(() => reader.u8());
        if (bytes[6] === 0xff && bytes[7] === 0xff) {
          // A string (its text in the STRING record that follows), a boolean, an error or empty.
          if (bytes[0] === 0) pendingString = { row, column };
          else if (bytes[0] === 1) set(row, column, bytes[2] ? 'TRUE' : 'FALSE');
          else if (bytes[0] === 2) set(row, column, ERRORS.get(bytes[2]!) ?? '#ERROR');
        } else {
          const view = new DataView(new Uint8Array(bytes).buffer);
          set(row, column, number(view.getFloat64(0, true), xf));
        }
        break;
      }
      case STRING:
        if (pendingString) set(pendingString.row, pendingString.column, reader.richString(2));
        pendingString = undefined;
        break;
      default:
        break;
    }
  }
  const out: SheetRow[] = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, cells]) => {
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      return { row: row + 1, cells };
    })
    .filter((r) => r.cells.length > 0);
  return { name, rows: out };
}

function float64(reader: SegmentReader): number {
  const bytes = new Uint8Array(8);
  for (let i = 0; i < 8; i++) bytes[i] = reader.u8();
  return new DataView(bytes.buffer).getFloat64(0, true);
}

/** An RK number: 30 bits of an integer or of a double's high half, maybe divided by 100. */
function rkNumber(rk: number): number {
  const div100 = (rk & 1) === 1;
  let n: number;
  if (rk & 2) n = (rk | 0) >> 2;
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, rk & 0xfffffffc, true);
    n = view.getFloat64(0, true);
  }
  return div100 ? n / 100 : n;
}
