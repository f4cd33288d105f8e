/** CSV: reading responses, export layouts, codebook, R and SPSS scripts (docs/csv.md). This file only re-exports. */
export { responsesFromRows, itemForHeader, MAX_ROW_PROBLEMS, type ReadResponse, type ResponsesRead } from './read-responses';
export { bundleFromCsvRows, CSV_DEVICE, type CsvToBundleOptions } from './to-bundle';
export { CsvError } from './csv-error';
export { csvText, formatCell, protectText, type Cell, type CsvTextOptions, type Separator } from './write';
export {
  codebookTable,
  codesOf,
  exportedItems,
  longTable,
  repeatTables,
  META_COLUMNS,
  wideColumns,
  wideTable,
  type Column,
  type ColumnKind,
  type ExportOptions,
  type Table,
} from './export';
export { repeatFileName, rScript, rScriptTables, rString, type ScriptOptions } from './r-script';
export { spssDataCsv, spssDataName, spssNames, spssSyntax } from './spss-syntax';
