/**
 * openBundleFile: the bytes of a file a researcher picked -> a validated bundle with the records
 * set aside (each with its reason: src/core/bundle/parse.ts), or a typed DalaError whose message
 * names the file when the file as a whole cannot be read (wrong key, damaged, not a bundle).
 *
 * What the file is comes from its content first, then its name: an age file (binary or armored,
 * whatever its name) is decrypted and its JSON parsed as a bundle; a `.csv` is read against a form
 * (`bundleFromCsvRows`); anything else is parsed as bundle JSON. Answers are checked against the
 * bundle's own instruments and `options.instruments`.
 */
import Papa from 'papaparse';
import { restoreBundleText, instrumentLookup, type RestoredBundle } from '../../core/bundle/parse';
import type { BundleLimits } from '../../core/bundle/limits';
import { CsvError } from '../../core/csv/csv-error';
import { itemForHeader } from '../../core/csv/read-responses';
import { bundleFromCsvRows } from '../../core/csv/to-bundle';
import { DalaError, type Problem } from '../../core/errors';
import { allItems, type Instrument } from '../../core/instrument/types';
import { decryptBundle, isAgeFile, type DecryptKeys } from './crypto';

export interface OpenOptions {
  /** Forms: to check answers against, and to read CSV files with. */
  instruments?: readonly Instrument[];
  /** The highest scrypt work factor accepted (default DEFAULT_MAX_WORK_FACTOR, 18). */
  maxWorkFactor?: number;
  /** The most bytes of an encrypted file (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** For a CSV: ISO time of what it does not say (the file's modification time). */
  fileTime?: string;
  limits?: Partial<BundleLimits>;
  appVersion?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function openBundleFile(name: string, bytes: Uint8Array, keys: DecryptKeys = {}, options: OpenOptions = {}): Promise<RestoredBundle> {
  const instruments = options.instruments ?? [];
  const parseOptions = {
    file: name,
    instruments: instrumentLookup(instruments),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const lower = name.toLowerCase();
  if (isAgeFile(bytes) || lower.endsWith('.age')) {
    const decryptOptions = { file: name, ...(options.maxWorkFactor !== undefined ? { maxWorkFactor: options.maxWorkFactor } : {}), ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) };
    const text = await decryptBundle(bytes, keys, decryptOptions);
    return restoreBundleText(text, parseOptions);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    if (lower.endsWith('.csv')) throw new DalaError('csv', `${name}: not UTF-8 text (save it as "CSV UTF-8")`);
    throw new DalaError('bundle-format', `${name}: not a Dala bundle (neither an age file nor UTF-8 JSON)`);
  }
  if (lower.endsWith('.csv')) return { bundle: await openCsv(name, text, instruments, options), setAside: [], signature: { status: 'csv' } };
  return restoreBundleText(text, parseOptions);
}

async function openCsv(name: string, text: string, instruments: readonly Instrument[], options: OpenOptions) {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const problems: Problem[] = parsed.errors.map((e) => {
    const p: Problem = { severity: 'error', file: name, message: e.message };
    if (e.row !== undefined) p.row = e.row + 1;
    return p;
  });
  if (problems.length > 0) throw new CsvError(`${name} is not valid CSV`, problems);
  const rows = parsed.data;
  const instrument = formForCsv(name, rows, instruments);
  return bundleFromCsvRows(instrument, rows, {
    file: name,
    fileTime: options.fileTime ?? new Date(0).toISOString(),
    ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
  });
}

/**
 * The form a CSV is read with: the one its studyId (and studyVersion) column names; else the only
 * form given; else the form whose items the most columns name (refused on a tie).
 */
export function formForCsv(name: string, rows: readonly (readonly string[])[], instruments: readonly Instrument[]): Instrument {
  if (instruments.length === 0) throw new DalaError('csv', `${name}: a CSV is read against its form; give the form (an instrument JSON or XLSForm)`);
  const header = (rows[0] ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const col = (n: string) => header.indexOf(n);
  const studyCol = col('studyId');
  if (studyCol >= 0) {
    const ids = new Set(rows.slice(1).map((r) => (r[studyCol] ?? '').trim()).filter((x) => x !== ''));
    const versionCol = col('studyVersion');
    const versions = new Set(versionCol >= 0 ? rows.slice(1).map((r) => (r[versionCol] ?? '').trim()).filter((x) => x !== '') : []);
    if (ids.size === 1) {
      const id = [...ids][0]!;
      const matching = instruments.filter((i) => i.id === id && (versions.size !== 1 || versions.has(i.studyVersion)));
      if (matching.length === 1) return matching[0]!;
      if (matching.length === 0) throw new DalaError('csv', `${name}: its studyId column says ${id}${versions.size === 1 ? ` version ${[...versions][0]}` : ''}, and no form given is that study`);
    }
  }
  if (instruments.length === 1) return instruments[0]!;
  const scored = instruments.map((i) => {
    const names = new Set(allItems(i).map((x) => x.item.name));
    return { i, n: header.filter((h) => itemForHeader(h, names) !== undefined).length };
  });
  scored.sort((a, b) => b.n - a.n);
  if (scored[0]!.n === 0) throw new DalaError('csv', `${name}: no column names an item of any form given`);
  if (scored[1] && scored[1].n === scored[0]!.n) {
    throw new DalaError('csv', `${name}: its columns fit forms ${scored[0]!.i.id} and ${scored[1].i.id} equally; add a studyId column or give one form`);
  }
  return scored[0]!.i;
}
