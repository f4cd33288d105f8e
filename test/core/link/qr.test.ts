import { strToU8 } from 'fflate';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import { encodeStudyLink, QR_MAX_BYTES, QR_QUIET_ZONE, studyQr } from '../../../src/core/link/index';
import { BASE, importableFixtures } from './helpers';

/** The dark modules an svgPath draws, as a size x size matrix. */
function drawn(path: string, size: number): boolean[][] {
  const m = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(w); i++) m[Number(y)]![Number(x) + i] = true;
  }
  return m;
}

describe('a study link as a QR code', () => {
  it('a short link fits: a small version, and the path draws exactly the modules of the code', () => {
    const link = `${BASE}#/s/1abcdefgh?r=K7M2QX.0`;
    const qr = studyQr(link);
    expect(qr.ok).toBe(true);
    if (!qr.ok) return;
    expect(qr.version).toBeLessThanOrEqual(4);
    expect(qr.size).toBe(17 + 4 * qr.version + 2 * QR_QUIET_ZONE);
    expect(qr.svgPath).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const expected = encode(Array.from(strToU8(link)), { ecc: 'L', border: QR_QUIET_ZONE });
    expect(drawn(qr.svgPath, qr.size)).toEqual(expected.data);
    // The quiet zone stays white.
    const m = drawn(qr.svgPath, qr.size);
    for (let i = 0; i < qr.size; i++) for (const j of [0, 1, 2, 3, qr.size - 1]) expect(m[j]![i] || m[i]![j]).toBe(false);
  });

  it('a small study from an XLSForm fits', () => {
    const instrument = importableFixtures().find(([f]) => f === 'languages.xlsx')![1];
    const qr = studyQr(encodeStudyLink(instrument, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } }));
    expect(qr.ok).toBe(true);
  });

  it('fits up to 2,953 bytes (version 40, error correction L) and not one byte more', () => {
    const at = (n: number) => `${BASE}#/s/1${'a'.repeat(n - BASE.length - 5)}`;
    const largest = studyQr(at(QR_MAX_BYTES));
    expect(largest.ok && largest.version).toBe(40);
    expect(largest.ok && largest.size).toBe(177 + 2 * QR_QUIET_ZONE);
    expect(studyQr(at(QR_MAX_BYTES + 1))).toEqual({ ok: false, reason: 'too-long', max: 2953 });
    // Bytes, not characters: a non-ASCII address counts as its UTF-8.
    expect(studyQr('ж'.repeat(1477)).ok).toBe(false);
  });

  it('the demo study link is far too long for a QR code: the UI offers the link or the file', () => {
    const link = encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } });
    expect(link.length).toBeGreaterThan(QR_MAX_BYTES);
    expect(studyQr(link)).toEqual({ ok: false, reason: 'too-long', max: QR_MAX_BYTES });
  });
});
