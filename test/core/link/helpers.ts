/** Shared by the link tests: the fixtures that import, and a link's parts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instrument } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';

export const BASE = 'https://example.org/dala/';
const FIXTURES = join(__dirname, '../../fixtures/xlsform');

/** Every XLSForm fixture that imports without errors, as [file name, instrument]. */
export function importableFixtures(): [string, Instrument][] {
  const out: [string, Instrument][] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort()) {
    const result = importXlsForm(new Uint8Array(readFileSync(join(FIXTURES, file))), file);
    if (result.ok) out.push([file, result.instrument]);
  }
  return out;
}

/** The payload of a link: between "#/s/" and "?". */
export function payloadOf(link: string): string {
  const start = link.indexOf('#/s/') + 4;
  const q = link.indexOf('?', start);
  return q < 0 ? link.slice(start) : link.slice(start, q);
}

/** `link` with the payload replaced. */
export function withPayload(link: string, payload: string): string {
  return link.replace(payloadOf(link), payload);
}
