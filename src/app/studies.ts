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
  const { importXlsForm } = await import('../core/xlsform/index');
  const r = importXlsForm(bytes, name);
  return r.ok ? { ok: true, instrument: r.instrument, warnings: r.warnings, fileName: name } : { ok: false, problems: r.problems, fileName: name };
}
