import type { Location, Problem } from '../errors';

/** Where in the workbook: the sheet as written, the spreadsheet row, the column's header text. */
export type Where = Omit<Location, 'file'>;

/** Collects the problems of one conversion; every problem carries the file name. */
export class Problems {
  readonly list: Problem[] = [];
  constructor(readonly file: string) {}

  error(where: Where, message: string): void {
    this.list.push({ severity: 'error', file: this.file, ...where, message });
  }

  warn(where: Where, message: string): void {
    this.list.push({ severity: 'warning', file: this.file, ...where, message });
  }

  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === 'error');
  }

  /** Errors first, then warnings; each in sheet order (as given), then row order. */
  sorted(sheetOrder: string[]): Problem[] {
    const sheetRank = (p: Problem) => {
      if (p.sheet === undefined) return -1;
      const i = sheetOrder.indexOf(p.sheet);
      return i < 0 ? sheetOrder.length : i;
    };
    return this.list
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          (a.p.severity === b.p.severity ? 0 : a.p.severity === 'error' ? -1 : 1) ||
          sheetRank(a.p) - sheetRank(b.p) ||
          (a.p.row ?? 0) - (b.p.row ?? 0) ||
          a.i - b.i,
      )
      .map(({ p }) => p);
  }
}

/** "row 4" or "rows 4, 9, 12" (at most 10 listed). */
export function rowList(rows: number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  const shown = rows.slice(0, 10).join(', ');
  return `rows ${shown}${rows.length > 10 ? `, ... (${rows.length} in all)` : ''}`;
}
