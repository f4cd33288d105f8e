/**
 * Bringing a study onto the device: from an XLSForm (.xlsx) or an instrument JSON file. The XLSForm
 * reader is loaded only when a file is opened. Nothing is saved until the researcher says so, and a
 * study version already on the device is never replaced (sessions refer to it).
 */
import type { Instrument } from '../core/instrument/types';
import type { Problem } from '../core/errors';

export const MAX_FORM_BYTES = 20 * 1024 * 1024;

export type OpenedForm =
  | { ok: true; instrument: Instrument; warnings: Problem[]; fileName: string }
  | { ok: false; problems: Problem[]; fileName: string };

/** Reads an .xlsx XLSForm or a .json instrument; every failure is a problem naming the file. */
export async function openFormFile(name: string, bytes: Uint8Array): Promise<OpenedForm> {
  if (bytes.length > MAX_FORM_BYTES) {
    return { ok: false, fileName: name, problems: [{ severity: 'error', file: name, message: `the file is ${(bytes.length / 1048576).toFixed(1)} MB; a form may be at most 20 MB` }] };
  }
  if (/\.json$/i.test(name)) {
    const { parseInstrument } = await import('../core/instrument/parse');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (e) {
      return { ok: false, fileName: name, problems: [{ severity: 'error', file: name, message: `not valid UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    const r = parseInstrument(json, name);
    return r.ok ? { ok: true, instrument: r.instrument, warnings: r.warnings, fileName: name } : { ok: false, problems: r.problems, fileName: name };
  }
  const { importXlsForm, importFormFiles, isFormPackage } = await import('../core/xlsform/index');
  const r = /\.zip$/i.test(name) || isFormPackage(bytes) ? importFormFiles([{ name, bytes }], name) : importXlsForm(bytes, name);
  return r.ok ? { ok: true, instrument: r.instrument, warnings: r.warnings, fileName: name } : { ok: false, problems: r.problems, fileName: name };
}

/**
 * A form given with its files (an XLSForm and the .csv/.xml files it reads, or a .zip of them):
 * one file is read as `openFormFile` reads it; several are one form and its attachments.
 */
export async function openFormFiles(files: readonly { name: string; bytes: Uint8Array }[]): Promise<OpenedForm> {
  if (files.length === 1) return openFormFile(files[0]!.name, files[0]!.bytes);
  const label = files.map((f) => f.name).join(', ');
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > 2 * MAX_FORM_BYTES) {
    return { ok: false, fileName: label, problems: [{ severity: 'error', file: label, message: `the files are ${(total / 1048576).toFixed(1)} MB together; a form and its files may be at most 40 MB` }] };
  }
  const { importFormFiles } = await import('../core/xlsform/index');
  const r = importFormFiles(files, label);
  const form = files.find((f) => /\.(xlsx|xls)$/i.test(f.name))?.name ?? label;
  return r.ok ? { ok: true, instrument: r.instrument, warnings: r.warnings, fileName: form } : { ok: false, problems: r.problems, fileName: label };
}
