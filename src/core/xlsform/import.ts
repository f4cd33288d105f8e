/**
 * importXlsForm: .xlsx or .xls bytes -> a Dala instrument, or every reason it cannot be one.
 *
 * Never throws for bad input: an unreadable file (not an xlsx, a zip bomb, damaged XML) is
 * `{ ok: false }` with one problem that names the file and what is wrong, exactly as a form with
 * problems is. Reading (./xlsx.ts) and converting (./convert.ts) are separate steps; use them
 * directly to test the converter with tables written in code.
 */
import { type XlsFormResult, convertXlsForm, isFormSheet } from './convert';
import { XlsFormError } from './xlsform-error';
import type { FormFile } from './external';
import { isCfb } from './cfb';
import { readXls } from './xls';
import { type XlsxLimits, readXlsx } from './xlsx';

export interface ImportXlsFormOptions {
  /** Caps on the file (see DEFAULT_XLSX_LIMITS). */
  limits?: Partial<XlsxLimits>;
  /** The files given with the form: its external data (.csv, .xml; ./external.ts). */
  files?: readonly FormFile[];
}

export function importXlsForm(bytes: Uint8Array, fileName: string, options: ImportXlsFormOptions = {}): XlsFormResult {
  let workbook;
  try {
    // The bytes say what the file is, whatever its name: a zip is an .xlsx, a compound file an .xls
    // (or an .xlsx with a password, which ./xls.ts names as such).
    const read = isCfb(bytes) ? readXls : readXlsx;
    const limits = options.limits ? { limits: options.limits } : {};
    workbook = read(bytes, fileName, { wanted: isFormSheet, ...limits });
    // As pyxform: a workbook of one sheet, whatever its name, is the survey.
    if (workbook.sheets.length === 0 && workbook.otherSheets?.length === 1) {
      const only = workbook.otherSheets[0]!;
      workbook = read(bytes, fileName, { wanted: (name) => name === only, ...limits });
    }
  } catch (e) {
    if (e instanceof XlsFormError) return { ok: false, problems: e.problems };
    throw e;
  }
  return convertXlsForm(workbook, fileName, options.files ?? []);
}
