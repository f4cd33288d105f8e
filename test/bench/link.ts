/**
 * The study link's figures (issue "Self-completion"): the demo study as plain JSON and as a link,
 * the ratio and the saving (the goal: at least 30% shorter), and whether the link fits in a QR code.
 * Also the Likert demo XLSForm, a study of the size that does fit. Sizes, not timings: the same on
 * every machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8 } from 'fflate';
import { demoStudy } from '../../src/core/demo/index';
import type { Instrument } from '../../src/core/instrument/types';
import { encodeStudyLink, QR_QUIET_ZONE, studyQr } from '../../src/core/link/index';
import { importXlsForm } from '../../src/core/xlsform/index';

/** A realistic address and a seed referral (`?r=K7M2QX.0`): the link as a researcher shares it. */
export const BENCH_BASE = 'https://example.org/dala/';

export interface LinkFigures {
  /** Bytes of the compact JSON (JSON.stringify, UTF-8), and of the JSON as `dala form` prints it. */
  plainJsonBytes: number;
  prettyJsonBytes: number;
  /** Characters of the whole link (ASCII, so also its bytes), address and referral included. */
  linkLength: number;
  /** linkLength / plainJsonBytes; the goal is at most 0.70. */
  ratio: number;
  /** (1 - ratio) x 100. */
  savingPercent: number;
  qr: { fits: true; version: number; modules: number } | { fits: false; reason: 'too-long'; max: number };
}

function figures(instrument: Instrument): LinkFigures {
  const plainJsonBytes = strToU8(JSON.stringify(instrument)).length;
  const link = encodeStudyLink(instrument, { base: BENCH_BASE, referral: { code: 'K7M2QX', wave: 0 } });
  const ratio = strToU8(link).length / plainJsonBytes;
  const qr = studyQr(link);
  return {
    plainJsonBytes,
    prettyJsonBytes: strToU8(JSON.stringify(instrument, null, 2)).length,
    linkLength: link.length,
    ratio,
    savingPercent: (1 - ratio) * 100,
    qr: qr.ok ? { fits: true, version: qr.version, modules: qr.size - 2 * QR_QUIET_ZONE } : { fits: false, reason: qr.reason, max: qr.max },
  };
}

/** The demo study's link figures. */
export function linkFigures(): LinkFigures {
  return figures(demoStudy);
}

/** The same for test/fixtures/xlsform/likert-demo.xlsx (the demo's Likert part, English only). */
export function smallLinkFigures(): LinkFigures {
  const file = fileURLToPath(new URL('../fixtures/xlsform/likert-demo.xlsx', import.meta.url));
  const result = importXlsForm(new Uint8Array(readFileSync(file)), 'likert-demo.xlsx');
  if (!result.ok) throw new Error('likert-demo.xlsx did not import');
  return figures(result.instrument);
}
