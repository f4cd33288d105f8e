/**
 * A CSV of responses (already split into rows) -> a bundle, so CSV exports from Kobo, ODK or Dala
 * itself merge with bundles (docs/bundle-format.md, "Responses from a CSV").
 *
 * Answers are read by `responsesFromRows` (./read-responses.ts). Besides the items, these columns
 * are read when present: `studyId`, `studyVersion` (must be the form's), `respondentCode`,
 * `interviewer` (else `_submitted_by`), `status` (draft or complete, any other is a problem;
 * empty: complete), `lang`,
 * `createdAt` (else `start`), `completedAt` (else `end`), `<item>_other`, `<item>_note`, and the
 * referral of a response from a study link: `referralCode`, `referralParent`, `referralWave` (a row
 * with a code needs its wave; a parent or wave without a code is a problem).
 *
 * The response id is the row's `instanceID`, `_uuid` or (as Dala's own export names it) `id`
 * when it is a UUID (a `uuid:` prefix is dropped); another id is turned into a UUID by SHA-256 of the form id, version and that id; a row
 * without an id gets a UUID from SHA-256 of the form id, version and all the row's cells, so the
 * same row read twice is the same response. A CSV carries no consent record (`consent: null`) and
 * no version vector: each response is one write by the device "csv" (`vv: {"csv": 1}`), at its
 * completedAt, else createdAt, else `fileTime` (the caller passes the file's modification time).
 * Any problem refuses the whole file with a CsvError naming rows and columns.
 */
import { canonicalJson, uuidFromText } from '../bundle/canonical';
import { BundleRecordError } from '../bundle/errors';
import { parseBundle } from '../bundle/parse';
import { isIsoTime, UUID_PATTERN } from '../bundle/schema';
import { BUNDLE_TYPE, BUNDLE_VERSION, type Bundle, type BundleAnswer, type BundleReferral, type BundleResponse } from '../bundle/types';
import { counted } from '../count';
import type { Problem } from '../errors';
import { LANGUAGE_PATTERN } from '../instrument/schema';
import { allItems, type Instrument } from '../instrument/types';
import { CsvError } from './csv-error';
import { responsesFromRows } from './read-responses';

export const CSV_DEVICE = 'csv';

export interface CsvToBundleOptions {
  /** The file's name, in ids and problems. */
  file: string;
  /** ISO time for what the CSV does not say: the file's modification time. */
  fileTime: string;
  appVersion?: string;
}

type MetaKey =
  | 'studyId'
  | 'studyVersion'
  | 'respondentCode'
  | 'interviewer'
  | 'status'
  | 'lang'
  | 'createdAt'
  | 'completedAt'
  | 'example'
  | 'referralCode'
  | 'referralParent'
  | 'referralWave';

const META: Record<MetaKey, readonly string[]> = {
  studyId: ['studyId'],
  studyVersion: ['studyVersion'],
  respondentCode: ['respondentCode'],
  interviewer: ['interviewer', '_submitted_by'],
  status: ['status'],
  lang: ['lang'],
  createdAt: ['createdAt', 'start'],
  completedAt: ['completedAt', 'end'],
  example: ['example'],
  referralCode: ['referralCode'],
  referralParent: ['referralParent'],
  referralWave: ['referralWave'],
};

export async function bundleFromCsvRows(instrument: Instrument, rows: readonly (readonly string[])[], options: CsvToBundleOptions): Promise<Bundle> {
  const { file, fileTime } = options;
  const read = responsesFromRows(instrument, rows, file);
  const problems: Problem[] = [...read.problems];
  if (read.columns.length === 0 && problems.length === 0) {
    problems.push({ severity: 'error', file, message: 'no column names an item of the form (is it the right form?)' });
  }
  const fail = () => {
    const n = problems.length;
    return new CsvError(`${file} cannot be read against form ${instrument.id}: ${counted(n, 'problem')}`, problems);
  };
  if (problems.some((p) => p.severity === 'error')) throw fail();

  const header = rows[0]!.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const lastPart = (h: string) => h.slice(h.lastIndexOf('/') + 1);
  const columnOf = (names: readonly string[]): number => {
    for (const n of names) {
      const i = header.findIndex((h) => h === n || lastPart(h) === n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const meta = {} as Record<MetaKey, number>;
  for (const key of Object.keys(META) as MetaKey[]) meta[key] = columnOf(META[key]);
  const itemNames = new Set(allItems(instrument).map((x) => x.item.name));
  const idColumn = itemNames.has('id') ? -1 : header.indexOf('id');
  const extra: { item: string; other: number; note: number }[] = [];
  for (const { item } of read.columns) {
    const other = itemNames.has(`${item}_other`) ? -1 : columnOf([`${item}_other`]);
    const note = itemNames.has(`${item}_note`) ? -1 : columnOf([`${item}_note`]);
    if (other >= 0 || note >= 0) extra.push({ item, other, note });
  }

  // The data rows responsesFromRows read, in its order (it skips rows of empty cells).
  const dataRows: { cells: readonly string[]; row: number }[] = [];
  for (let r = 1; r < rows.length; r++) {
    if (rows[r]!.every((c) => c.trim() === '')) continue;
    dataRows.push({ cells: rows[r]!, row: r + 1 });
  }
  const cell = (cells: readonly string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');

  const responses: BundleResponse[] = [];
  for (let k = 0; k < read.responses.length; k++) {
    const got = read.responses[k]!;
    const { cells, row } = dataRows[k]!;
    const problem = (column: string | undefined, message: string) => {
      const p: Problem = { severity: 'error', file, row, message };
      if (column !== undefined) p.column = column;
      problems.push(p);
    };
    for (const [key, expectedValue] of [['studyId', instrument.id], ['studyVersion', instrument.studyVersion]] as const) {
      const v = cell(cells, meta[key]);
      if (v !== '' && v !== expectedValue) problem(header[meta[key]], `${key} '${v}' is not the form's ('${expectedValue}')`);
    }
    const fallback = `${file}#${row}`;
    const ownId = got.id === fallback ? cell(cells, idColumn) : '';
    const id = await responseId(instrument, ownId !== '' ? ownId : got.id, fallback, cells);
    const time = (key: 'createdAt' | 'completedAt') => {
      const v = cell(cells, meta[key]);
      return v !== '' && isIsoTime(v) ? v : undefined;
    };
    const createdAt = time('createdAt') ?? fileTime;
    const completedAt = time('completedAt');
    const at = completedAt ?? createdAt;
    const status = cell(cells, meta.status);
    if (status !== '' && status !== 'draft' && status !== 'complete') problem(header[meta.status], `status '${status}' is neither draft nor complete`);
    const lang = cell(cells, meta.lang);
    const answers: Record<string, BundleAnswer> = {};
    for (const [item, value] of Object.entries(got.answers)) {
      if (value !== null) answers[item] = { value, at };
    }
    for (const x of extra) {
      const other = cell(cells, x.other);
      const note = cell(cells, x.note);
      if (other === '' && note === '') continue;
      const a = answers[x.item] ?? (answers[x.item] = { value: null, at });
      if (other !== '') a.other = other;
      if (note !== '') a.note = note;
    }
    const response: BundleResponse = {
      id,
      studyId: instrument.id,
      studyVersion: instrument.studyVersion,
      respondentCode: cell(cells, meta.respondentCode),
      interviewer: cell(cells, meta.interviewer),
      status: status === 'draft' ? 'draft' : 'complete', // anything else is a problem, below
      lang: lang !== '' && LANGUAGE_PATTERN.test(lang) ? lang : (instrument.languages[0] ?? 'en'),
      createdAt,
      consent: null,
      answers,
      revision: { device: CSV_DEVICE, at, vv: { [CSV_DEVICE]: 1 } },
    };
    if (completedAt !== undefined) response.completedAt = completedAt;
    // Example data (Dala's own wide export writes 1 for it) stays marked as such.
    if (cell(cells, meta.example) === '1') response.example = true;
    const referral = readReferral(cell(cells, meta.referralCode), cell(cells, meta.referralParent), cell(cells, meta.referralWave));
    if (referral && 'problem' in referral) problem(header[meta[referral.column]], referral.problem);
    else if (referral) response.referral = referral;
    responses.push(response);
  }
  if (problems.length > 0) throw fail();

  const bundle: Bundle = {
    type: BUNDLE_TYPE,
    version: BUNDLE_VERSION,
    bundleId: await uuidFromText(canonicalJson(['dala-csv-bundle', file, fileTime, instrument.id, instrument.studyVersion])),
    createdAt: fileTime,
    device: { id: CSV_DEVICE, label: file },
    app: { name: 'dala', version: options.appVersion ?? '' },
    studies: [{ id: instrument.id, studyVersion: instrument.studyVersion, instrument }],
    responses,
  };
  // The same checks as any bundle (lengths, codes): a failure names the CSV row.
  try {
    return parseBundle(bundle, { file });
  } catch (e) {
    if (e instanceof BundleRecordError && e.place.list === 'responses') {
      const { row } = dataRows[e.place.index]!;
      throw new CsvError(`${file} cannot be read against form ${instrument.id}: 1 problem`, [{ severity: 'error', file, row, message: e.place.reason }]);
    }
    throw e;
  }
}

/** A row's referral (its format is checked with the bundle's), none, or what is wrong with it. */
function readReferral(code: string, parent: string, wave: string): BundleReferral | undefined | { problem: string; column: MetaKey } {
  if (code === '') {
    if (parent === '' && wave === '') return undefined;
    return { problem: 'a referral parent or wave without a referral code', column: parent !== '' ? 'referralParent' : 'referralWave' };
  }
  if (wave === '') return { problem: `referral code '${code}' without its wave`, column: 'referralCode' };
  if (!/^\d{1,9}$/.test(wave)) return { problem: `referral wave '${wave}' is not a whole number`, column: 'referralWave' };
  return parent === '' ? { code, wave: Number(wave) } : { code, parent, wave: Number(wave) };
}

async function responseId(instrument: Instrument, id: string, fallback: string, cells: readonly string[]): Promise<string> {
  if (id === fallback) return uuidFromText(canonicalJson(['dala-csv-row', instrument.id, instrument.studyVersion, cells.map((c) => c.trim())]));
  const bare = id.replace(/^uuid:/i, '');
  if (UUID_PATTERN.test(bare)) return bare.toLowerCase();
  return uuidFromText(canonicalJson(['dala-csv-id', instrument.id, instrument.studyVersion, id]));
}
