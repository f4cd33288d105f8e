/**
 * Responses from a data table (a CSV already split into rows of cells), read against the instrument.
 *
 * The first row is the header. A column whose header names an item is read as that item's answers;
 * group paths as ODK and Kobo export them name the item by their last part (`profile/sector`,
 * `profile-sector` -> `sector`); every other column is ignored. The response id is the `instanceID`
 * column (also as `meta/instanceID`, `meta-instanceID`), else `_uuid`, else "<file>#<row>".
 *
 * Cells become answer values as the app stores them (responses/types.ts): Likert cells must be a
 * point value ("4", also "4.0") or a non-substantive code ("dk"); single-choice cells a choice name;
 * multiple-choice cells space-separated choice names; integer and decimal cells numbers; geopoint,
 * geotrace and geoshape cells ODK's text form ("lat lon alt acc", points joined by ";"); an empty
 * cell is unanswered. A geopoint with no column of its own is read from its split columns as ODK
 * Central writes them (`well-Latitude`, `well-Longitude`, `well-Altitude`, `well-Accuracy`). Other
 * types are kept as text. A cell that does not fit is a problem naming the
 * file, the row as a spreadsheet shows it (the header is row 1) and the column:
 * "data.csv, row 4, column s1: '7' is not a point of scale agree5". A cell anywhere in the file (the
 * header and columns not read too) with a control character other than tab, CR and LF (a NUL, an
 * ESC: ../control-chars.ts) is a problem too: the file is damaged, binary or not UTF-8. Nothing is
 * thrown; a caller with any error-severity problem should not use the responses.
 *
 * Parsing the CSV text into rows is the caller's (the CLI and the app use papaparse): papaparse's
 * type declarations pull Node's into any program that imports it, which the core's tsconfig must not.
 */
import { firstControlChar } from '../control-chars';
import type { Problem } from '../errors';
import { allItems, type Instrument, type Item } from '../instrument/types';
import { validateGeoValue } from '../responses/geo-value';
import type { AnswerValue } from '../responses/types';

/** At most this many problems are listed; one more says how many were left out. */
export const MAX_ROW_PROBLEMS = 100;

export interface ReadResponse {
  id: string;
  answers: Record<string, AnswerValue>;
}

export interface ResponsesRead {
  responses: ReadResponse[];
  /** The columns read, as header -> item name. */
  columns: { header: string; item: string }[];
  /** Headers that name no item, ignored. */
  ignored: string[];
  problems: Problem[];
}

const ID_HEADERS = ['instanceID', '_uuid'];
/** The split columns of a geopoint, as ODK Central names them. */
type GeoPart = 'Latitude' | 'Longitude' | 'Altitude' | 'Accuracy';
const INTEGER = /^[+-]?\d+$/;
/**
 * A plain number. Written so that it cannot backtrack: `\d+\.?\d*` splits a run of digits in every
 * way before it fails, and a cell of 100,000 digits and a letter took minutes (found by the fuzz run).
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const OTHER = 'other';

/** The item a header names: itself, else the part after the first '/' (or '-') that is an item's name. */
export function itemForHeader(header: string, names: ReadonlySet<string>): string | undefined {
  const h = header.trim();
  if (names.has(h)) return h;
  for (const sep of ['/', '-']) {
    for (let i = h.indexOf(sep); i >= 0; i = h.indexOf(sep, i + 1)) {
      const rest = h.slice(i + 1);
      if (names.has(rest)) return rest;
    }
  }
  return undefined;
}

function choiceCodes(instrument: Instrument, item: Item): Set<string> {
  const codes = new Set((item.choices ? instrument.choiceLists[item.choices] : undefined)?.map((c) => c.name) ?? []);
  if (item.other) codes.add(OTHER);
  return codes;
}

/** A cell's answer value for `item`, or the reason it is not one. */
type Cell = { value: AnswerValue } | { reason: string };

function readerFor(instrument: Instrument, item: Item): ((cell: string) => Cell) | null {
  switch (item.type) {
    case 'note':
      return null;
    case 'likert': {
      const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
      const points = new Set((scale?.points ?? []).map((p) => p.value));
      const codes = new Set((scale?.nonSubstantive ?? []).map((c) => c.name));
      return (cell) => {
        if (codes.has(cell)) return { value: cell };
        const n = DECIMAL.test(cell) ? Number(cell) : NaN;
        if (points.has(n)) return { value: String(n) };
        return { reason: `'${cell}' is not a point of scale ${item.likert ?? '(none)'}` };
      };
    }
    case 'select_one': {
      const codes = choiceCodes(instrument, item);
      return (cell) =>
        codes.has(cell) ? { value: cell } : { reason: `'${cell}' is not a choice of list ${item.choices ?? '(none)'}` };
    }
    case 'select_multiple': {
      const list = item.choices ? (instrument.choiceLists[item.choices] ?? []) : [];
      const order = new Map(list.map((c, i) => [c.name, i]));
      if (item.other && !order.has(OTHER)) order.set(OTHER, list.length);
      return (cell) => {
        const chosen = [...new Set(cell.split(/\s+/))];
        const bad = chosen.find((c) => !order.has(c));
        if (bad !== undefined) return { reason: `'${bad}' is not a choice of list ${item.choices ?? '(none)'}` };
        return { value: chosen.sort((a, b) => order.get(a)! - order.get(b)!) };
      };
    }
    case 'integer':
      return (cell) => {
        const n = Number(cell);
        return INTEGER.test(cell) && Number.isSafeInteger(n) ? { value: n } : { reason: `'${cell}' is not a whole number` };
      };
    case 'decimal':
      return (cell) => {
        const n = DECIMAL.test(cell) ? Number(cell) : NaN;
        return Number.isFinite(n) ? { value: n } : { reason: `'${cell}' is not a number` };
      };
    // Version 3, location: ODK's text form, as Collect and Central write it.
    case 'geopoint':
    case 'geotrace':
    case 'geoshape': {
      const type = item.type;
      return (cell) => {
        const reason = validateGeoValue(type, cell);
        return reason === null ? { value: cell } : { reason: `'${cell.length > 60 ? `${cell.slice(0, 60)}...` : cell}' is not a ${type}: ${reason}` };
      };
    }
    default:
      return (cell) => ({ value: cell });
  }
}

/** Reads the rows of one data file; `file` names it in ids and problems. */
export function responsesFromRows(
  instrument: Instrument,
  rows: readonly (readonly string[])[],
  file: string,
): ResponsesRead {
  const problems: Problem[] = [];
  let leftOut = 0;
  const problem = (row: number | undefined, column: string | undefined, message: string) => {
    if (problems.length >= MAX_ROW_PROBLEMS) {
      leftOut++;
      return;
    }
    const p: Problem = { severity: 'error', file, message };
    if (row !== undefined) p.row = row;
    if (column !== undefined) p.column = column;
    problems.push(p);
  };
  const result: ResponsesRead = { responses: [], columns: [], ignored: [], problems };
  const header = rows[0]?.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  if (!header || header.every((h) => h === '')) {
    problem(undefined, undefined, 'no header row: the first row must name the columns');
    return result;
  }

  const items = new Map<string, Item>();
  for (const { item } of allItems(instrument)) items.set(item.name, item);
  const names = new Set(items.keys());
  const readers: { index: number; header: string; item: string; read: (cell: string) => Cell }[] = [];
  const taken = new Map<string, string>();
  const geoSplit = new Map<string, Partial<Record<GeoPart, number>>>();
  let idIndex = -1;
  let idRank = ID_HEADERS.length;
  header.forEach((h, index) => {
    const idName = itemForHeader(h, new Set(ID_HEADERS));
    if (idName !== undefined && !items.has(idName)) {
      const rank = ID_HEADERS.indexOf(idName);
      if (rank < idRank) {
        idRank = rank;
        idIndex = index;
      }
      return;
    }
    const name = itemForHeader(h, names);
    const item = name === undefined ? undefined : items.get(name);
    const read = item ? readerFor(instrument, item) : null;
    if (!item || !read) {
      // A geopoint split as ODK Central writes it (`well-Latitude`, ...): joined below.
      const part = /^(.+)-(Latitude|Longitude|Altitude|Accuracy)$/.exec(h);
      const geoName = part ? itemForHeader(part[1]!, names) : undefined;
      if (part && geoName !== undefined && items.get(geoName)?.type === 'geopoint') {
        const parts = geoSplit.get(geoName) ?? {};
        parts[part[2] as GeoPart] = index;
        geoSplit.set(geoName, parts);
      }
      result.ignored.push(h);
      return;
    }
    const earlier = taken.get(item.name);
    if (earlier !== undefined) {
      problem(1, h, `columns '${earlier}' and '${h}' both name item ${item.name}`);
      return;
    }
    taken.set(item.name, h);
    readers.push({ index, header: h, item: item.name, read });
    result.columns.push({ header: h, item: item.name });
  });

  // A geopoint given only as its split columns (ODK Central's export): read from them, when there
  // is no column of its own and both latitude and longitude are there.
  const joined: { item: string; header: string; parts: Partial<Record<GeoPart, number>>; read: (cell: string) => Cell }[] = [];
  for (const [item, parts] of geoSplit) {
    if (taken.has(item) || parts.Latitude === undefined || parts.Longitude === undefined) continue;
    const first = header[parts.Latitude]!;
    joined.push({ item, header: first, parts, read: readerFor(instrument, items.get(item)!)! });
    result.columns.push({ header: first, item });
    const used = new Set(Object.values(parts).map((i) => header[i]));
    result.ignored = result.ignored.filter((h) => !used.has(h));
  }

  // Control characters, anywhere: such a cell is not read further.
  const damaged = new Set<string>();
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    for (let c = 0; c < cells.length; c++) {
      const found = firstControlChar(cells[c]!);
      if (found === null) continue;
      damaged.add(`${r}:${c}`);
      const name = header[c];
      const column = name && firstControlChar(name) === null ? name : String(c + 1);
      problem(r + 1, column, `a control character (${found}) in the text; a CSV holds none: is it a CSV saved as UTF-8? (a UTF-16 file is full of them)`);
    }
  }

  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNumber = r + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const idCell = idIndex >= 0 ? (cells[idIndex] ?? '').trim() : '';
    const id = idCell !== '' ? idCell : `${file}#${rowNumber}`;
    const first = seen.get(id);
    if (first !== undefined) {
      problem(rowNumber, header[idIndex], `response id '${id}' is already used by row ${first}`);
      continue;
    }
    seen.set(id, rowNumber);
    const answers: Record<string, AnswerValue> = {};
    for (const { index, header: h, item, read } of readers) {
      const cell = (cells[index] ?? '').trim();
      if (cell === '' || damaged.has(`${r}:${index}`)) {
        answers[item] = null;
        continue;
      }
      const got = read(cell);
      if ('reason' in got) {
        problem(rowNumber, h, got.reason);
        answers[item] = null;
      } else answers[item] = got.value;
    }
    for (const { item, header: h, parts, read } of joined) {
      const cell = (k: GeoPart) => (parts[k] === undefined || damaged.has(`${r}:${parts[k]}`) ? '' : (cells[parts[k]] ?? '').trim());
      if (cell('Latitude') === '' && cell('Longitude') === '') {
        answers[item] = null;
        continue;
      }
      const got = read([cell('Latitude'), cell('Longitude'), cell('Altitude') || '0', cell('Accuracy') || '0'].join(' '));
      if ('reason' in got) {
        problem(rowNumber, h, got.reason);
        answers[item] = null;
      } else answers[item] = got.value;
    }
    result.responses.push({ id, answers });
  }
  if (leftOut > 0) problems.push({ severity: 'error', file, message: `${leftOut} more problems not listed` });
  return result;
}
