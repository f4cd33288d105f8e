/**
 * XLSForm -> Dala instrument (docs/xlsform.md). This file only re-exports.
 */
export { importXlsForm, type ImportXlsFormOptions } from './import';
export { convertXlsForm, isFormSheet, type XlsFormResult } from './convert';
export { readXlsx, DEFAULT_XLSX_LIMITS, type ReadXlsxOptions, type XlsxLimits } from './xlsx';
export { sheetFromRows, type Sheet, type SheetRow, type Workbook } from './workbook';
export { XlsFormError } from './xlsform-error';
export { likertScaleOf } from './likert';
export { resolveLanguage, type LanguageRef } from './languages';
export { parseSearch, type FormFile } from './external';
export { importFormFiles, isFormPackage, unpackFormPackage } from './package';
