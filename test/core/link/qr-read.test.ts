/**
 * The QR codes Dala draws are read back by a real decoder (jsQR, the one the app's camera falls back
 * to): the researcher's key, and every part of the demo study's link. And what a scan got is named.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import { encodeStudyLink, formatResearcherKey, qrCode, scannedKind, splitIntoParts, type StudyQr } from '../../../src/core/link/index';
import { BASE } from './helpers';

const KEY = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj';

/** The code as an RGBA image, `scale` pixels a module, then read by jsQR. */
function read(qr: StudyQr, scale = 3): string | null {
  if (!qr.ok) throw new Error('too long');
  const side = qr.size * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y, w] of qr.svgPath.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let r = 0; r < scale; r++) {
      for (let c = 0; c < Number(w) * scale; c++) {
        const at = ((Number(y) * scale + r) * side + Number(x) * scale + c) * 4;
        rgba[at] = rgba[at + 1] = rgba[at + 2] = 0;
      }
    }
  }
  return jsQR(rgba, side, side, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

describe('the QR codes Dala draws, read back', () => {
  it("the researcher's key: Dala's form at error correction M, a small code", () => {
    const text = formatResearcherKey({ recipient: KEY, fields: {} });
    const qr = qrCode(text, 'M');
    expect(qr.ok && qr.version).toBeLessThanOrEqual(5);
    expect(read(qr)).toBe(text);
  });

  it("every part of the demo study's link", () => {
    const parts = splitIntoParts(encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } }), demoStudy);
    for (const p of parts) expect(read(qrCode(p))).toBe(p);
  });

  it('a scan is named by what it holds', () => {
    expect(scannedKind(KEY)).toBe('key');
    expect(scannedKind(`DALA-KEY-1 ${KEY}`)).toBe('key');
    expect(scannedKind('DALA-PARTS-1 1/2 ...')).toBe('study-part');
    expect(scannedKind(`${BASE}#/s/1abc?r=K7M2QX.0`)).toBe('study-link');
    expect(scannedKind('https://example.org/')).toBe('other');
    expect(scannedKind('WIFI:S:office;T:WPA;P:secret;;')).toBe('other');
  });
});
