/**
 * A workbook as the XLSForm converter sees it: named sheets of rows of text cells.
 *
 * This is the seam between reading a file (./xlsx.ts) and understanding a form (./convert.ts), so
 * the converter can be tested with small tables written in code (`sheetFromRows`).
 */

export interface SheetRow {
  /** The row number the spreadsheet shows (the first row is 1). */
  row: number;
  /** Cell texts by 0-based column index; '' for an empty cell. Trailing empty cells are dropped. */
  cells: string[];
}

export interface Sheet {
  /** As written in the workbook ("survey", "SURVEY", "Sheet1"). */
  name: string;
  /** Only rows with at least one non-empty cell, in order. */
  rows: SheetRow[];
}

export interface Workbook {
  /** The sheets that were read. */
  sheets: Sheet[];
  /** Names of sheets present in the file but not read (not survey, choices or settings). */
  otherSheets?: string[];
}

/**
 * A sheet from a table written in code: `rows[0]` is spreadsheet row 1 (the header).
 * Empty rows keep their place, so row numbers match what a spreadsheet would show.
 */
export function sheetFromRows(name: string, rows: (string | number | boolean | null | undefined)[][]): Sheet {
  const out: SheetRow[] = [];
  rows.forEach((values, i) => {
    const cells = values.map((v) => (v === null || v === undefined ? '' : String(v)));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) out.push({ row: i + 1, cells });
  });
  return { name, rows: out };
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AB12" -> { column: 27, row: 12 }; undefined when it is not a cell reference. */
export function parseCellRef(ref: string): { column: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return undefined;
  const letters = m[1]!.toUpperCase();
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
  return { column: column - 1, row: Number(m[2]) };
}
