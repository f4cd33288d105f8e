/**
 * CSV files of a study's data on this device: wide or long, codes or labels, comma or semicolon,
 * a codebook, and R and SPSS scripts that read the wide CSV with labels (docs/csv.md); the long
 * layout of a form with repeats adds one table per repeat, and its R script reads them all. Loaded
 * only when asked for.
 */
import { codebookTable, csvText, longTable, repeatFileName, repeatTables, rScript, rScriptTables, spssDataCsv, spssDataName, spssSyntax, wideTable, type Separator } from '../core/csv/index';
import type { Store } from '../adapters/storage-idb/store';
import type { StudyRecord } from '../adapters/storage-idb/records';
import { sessionToResponse } from './transfer';

export interface CsvChoice {
  layout: 'wide' | 'long';
  /** null: codes; else labels in this language. */
  labels: string | null;
  separator: Separator;
  includePersonal: boolean;
  includeNotes: boolean;
  /** Include example data (the paper's published answers); left out unless asked. */
  includeExamples: boolean;
  /** The language of the labels in the R and SPSS scripts (made for the wide table of codes). */
  scriptLang: string;
}

export interface CsvFiles {
  data: { name: string; text: string };
  codebook: { name: string; text: string };
  r?: { name: string; text: string };
  spss?: { name: string; text: string };
  /** The copy of the wide CSV the SPSS syntax reads (one line per response): download it beside the syntax. */
  spssData?: { name: string; text: string };
  /** The long layout of a form with repeats: one table per repeat (`...-long-member.csv`), joined by parentKey. */
  tables?: { name: string; text: string }[];
  rows: number;
}

export async function studyCsv(store: Store, study: StudyRecord, choice: CsvChoice): Promise<CsvFiles> {
  const { sessions } = await store.readStudyData(study.id, study.studyVersion);
  const responses = sessions
    .filter(({ session }) => choice.includeExamples || !session.example)
    .map(({ session, answers }) => sessionToResponse(session, answers))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const options = {
    ...(choice.labels ? { labels: choice.labels } : {}),
    includePersonal: choice.includePersonal,
    includeNotes: choice.includeNotes,
  };
  const base = `${study.id}-${study.studyVersion}`;
  const table = choice.layout === 'wide' ? wideTable(study.instrument, responses, options) : longTable(study.instrument, responses, options);
  const csvName = `${base}-${choice.layout}.csv`;
  const cb = codebookTable(study.instrument, options);
  const files: CsvFiles = {
    data: { name: csvName, text: csvText(table.columns.map((c) => c.name), table.rows, { separator: choice.separator }) },
    codebook: { name: `${base}-codebook.csv`, text: csvText(cb.header, cb.rows, { separator: choice.separator }) },
    rows: table.rows.length,
  };
  const tables = choice.layout === 'long' ? repeatTables(study.instrument, responses, options) : [];
  if (tables.length > 0) files.tables = tables.map(({ repeat, table: t }) => ({ name: repeatFileName(csvName, repeat), text: csvText(t.columns.map((c) => c.name), t.rows, { separator: choice.separator }) }));
  const scriptOptions = { csvFile: csvName, separator: choice.separator, lang: choice.scriptLang, fallback: study.instrument.languages[0] ?? 'en' };
  // The long layout of a form with repeats: an R script with one data frame per table.
  if (tables.length > 0 && !choice.labels) files.r = { name: `${base}.R`, text: rScriptTables(table, tables, scriptOptions) };
  if (choice.layout === 'wide' && !choice.labels) {
    files.r = { name: `${base}.R`, text: rScript(table, scriptOptions) };
    const spssName = `${base}.sps`;
    const spssData = spssDataName(spssName);
    files.spss = { name: spssName, text: spssSyntax(table, { ...scriptOptions, csvFile: spssData }) };
    files.spssData = { name: spssData, text: spssDataCsv(table, choice.separator) };
  }
  return files;
}
