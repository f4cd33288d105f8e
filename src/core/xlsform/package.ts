/**
 * A form with its files, as a researcher gives it: several files at once (the workbook and the
 * .csv/.xml files it reads), or a .zip of them (folders inside are ignored: only names count), or
 * a folder (the CLI lists it and passes its files here). One workbook (.xlsx or .xls) is the form;
 * the others are its attachments (./external.ts).
 *
 * An .xlsx is itself a zip: a zip with `[Content_Types].xml` is a workbook, any other zip a
 * package. A package is read with the same caps as a workbook (entries, bytes inflated).
 */
import type { Problem } from '../errors';
import { isCfb } from './cfb';
import type { XlsFormResult } from './convert';
import type { FormFile } from './external';
import { importXlsForm } from './import';
import { DEFAULT_XLSX_LIMITS } from './xlsx';
import { listZipEntries, readZipEntries, ZipError } from './zip';

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** The last part of a path: `forms/districts.csv` -> `districts.csv`. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

const isWorkbookName = (name: string) => /\.(xlsx|xls)$/i.test(name);

/** Whether the bytes are a zip that is not a workbook: a form packed with its files. */
export function isFormPackage(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  try {
    return !listZipEntries(bytes, DEFAULT_XLSX_LIMITS).some((e) => e.name === '[Content_Types].xml');
  } catch {
    return false;
  }
}

/** The files of a .zip package (not a workbook), by base name; hidden and system files skipped. */
export function unpackFormPackage(bytes: Uint8Array, zipName: string): { files: FormFile[] } | { problem: Problem } {
  try {
    const entries = listZipEntries(bytes, DEFAULT_XLSX_LIMITS).filter((e) => !e.name.endsWith('/') && !/(^|\/)(__MACOSX|\.)/.test(e.name));
    const read = readZipEntries(bytes, entries, entries.map((e) => e.name), DEFAULT_XLSX_LIMITS);
    return { files: entries.flatMap((e) => (read.has(e.name) ? [{ name: baseName(e.name), bytes: read.get(e.name)! }] : [])) };
  } catch (e) {
    const message = e instanceof ZipError ? e.message : String(e);
    return { problem: { severity: 'error', file: zipName, message: `the archive cannot be read: ${message}` } };
  }
}

/**
 * A form from the files given together: a .zip package is unpacked first; exactly one workbook
 * must be among them. `label` names the whole in messages (a folder's or a zip's name).
 */
export function importFormFiles(given: readonly FormFile[], label = given.map((f) => f.name).join(', ')): XlsFormResult {
  const files: FormFile[] = [];
  for (const f of given) {
    if (/\.zip$/i.test(f.name) || (!isWorkbookName(f.name) && isFormPackage(f.bytes))) {
      const unpacked = unpackFormPackage(f.bytes, f.name);
      if ('problem' in unpacked) return { ok: false, problems: [unpacked.problem] };
      files.push(...unpacked.files);
    } else files.push({ name: baseName(f.name), bytes: f.bytes });
  }
  const forms = files.filter((f) => isWorkbookName(f.name) || (!/\.(csv|xml)$/i.test(f.name) && (isCfb(f.bytes) || isZip(f.bytes))));
  if (forms.length !== 1) {
    const message = forms.length
      ? `${forms.length} workbooks (${forms.map((f) => f.name).join(', ')}): give one form with its files`
      : 'no XLSForm (.xlsx or .xls) among the files';
    return { ok: false, problems: [{ severity: 'error', file: label, message }] };
  }
  const form = forms[0]!;
  const names = new Set<string>();
  for (const f of files) {
    const key = f.name.toLowerCase();
    if (names.has(key)) return { ok: false, problems: [{ severity: 'error', file: label, message: `two files are named ${f.name}: a form reads its files by name` }] };
    names.add(key);
  }
  return importXlsForm(form.bytes, form.name, { files: files.filter((f) => f !== form) });
}
