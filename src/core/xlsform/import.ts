/**
 * importXlsForm: .xlsx bytes -> a Dala instrument, or every reason it cannot be one.
 *
 * Never throws for bad input: an unreadable file (not an xlsx, a zip bomb, damaged XML) is
 * `{ ok: false }` with one problem that names the file and what is wrong, exactly as a form with
 * problems is. Reading (./xlsx.ts) and converting (./convert.ts) are separate steps; use them
 * directly to test the converter with tables written in code.
 */
import { type XlsFormResult, convertXlsForm, isFormSheet } from './convert';
import { XlsFormError } from './xlsform-error';
import { type XlsxLimits, readXlsx } from './xlsx';

export interface ImportXlsFormOptions {
  /** Caps on the file (see DEFAULT_XLSX_LIMITS). */
  limits?: Partial<XlsxLimits>;
}

export function importXlsForm(bytes: Uint8Array, fileName: string, options: ImportXlsFormOptions = {}): XlsFormResult {
  let workbook;
  try {
    workbook = readXlsx(bytes, fileName, { wanted: isFormSheet, ...(options.limits ? { limits: options.limits } : {}) });
  } catch (e) {
    if (e instanceof XlsFormError) return { ok: false, problems: e.problems };
    throw e;
  }
  return convertXlsForm(workbook, fileName);
}
