/**
 * A text as a QR code, as data the UI draws: one SVG path of the dark modules, in a square of
 * `size` x `size` units that includes the 4-module quiet zone the standard asks for. The UI renders
 * `<svg viewBox="0 0 size size"><rect width=size height=size fill=white/><path d={svgPath}/></svg>`
 * (no innerHTML needed).
 *
 * A study link (`studyQr`) is at error correction L (7%), which holds the most: a screen is not a
 * damaged sticker. The text is encoded as UTF-8 bytes, so at most QR_MAX_BYTES (2,953) bytes fit, in
 * version 40 (177 x 177 modules); above that the answer is 'too-long', and the UI offers the link as
 * a sequence of codes (./parts.ts) or the study file. A researcher's key, short, is at M (15%).
 */
import { strToU8 } from 'fflate';
import { encode } from 'uqr';
import { QR_MAX_BYTES } from './limits';

export const QR_QUIET_ZONE = 4;
/** Bytes a version-40 code holds in byte mode, by error correction level (ISO/IEC 18004, table 7). */
const MAX_BYTES = { L: QR_MAX_BYTES, M: 2331 } as const;

export type StudyQr =
  | { ok: true; svgPath: string; size: number; version: number }
  | { ok: false; reason: 'too-long'; max: number };

/** `text` as a QR code at error correction `ecc` (L by default), or 'too-long'. */
export function qrCode(text: string, ecc: 'L' | 'M' = 'L'): StudyQr {
  const bytes = strToU8(text);
  const max = MAX_BYTES[ecc];
  if (bytes.length > max) return { ok: false, reason: 'too-long', max };
  const qr = encode(Array.from(bytes), { ecc, border: QR_QUIET_ZONE });
  // One subpath per horizontal run of dark modules: "M x y h n v 1 h -n z".
  let path = '';
  qr.data.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let end = x + 1;
      while (end < row.length && row[end]) end++;
      path += `M${x} ${y}h${end - x}v1h${x - end}z`;
      x = end;
    }
  });
  return { ok: true, svgPath: path, size: qr.size, version: qr.version };
}

/** A study link (or one part of it) as a QR code at error correction L. */
export function studyQr(link: string): StudyQr {
  return qrCode(link, 'L');
}
