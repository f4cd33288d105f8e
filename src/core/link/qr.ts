/**
 * A study link as a QR code, as data the UI draws: one SVG path of the dark modules, in a square of
 * `size` x `size` units that includes the 4-module quiet zone the standard asks for. The UI renders
 * `<svg viewBox="0 0 size size"><rect width=size height=size fill=white/><path d={svgPath}/></svg>`
 * (no innerHTML needed).
 *
 * Error correction L (7%) holds the most: a screen is not a damaged sticker. The link is encoded as
 * UTF-8 bytes, so at most QR_MAX_BYTES (2,953) bytes fit, in version 40 (177 x 177 modules); above
 * that the answer is 'too-long', and the UI offers the link or the study file instead.
 */
import { strToU8 } from 'fflate';
import { encode } from 'uqr';
import { QR_MAX_BYTES } from './limits';

export const QR_QUIET_ZONE = 4;

export type StudyQr =
  | { ok: true; svgPath: string; size: number; version: number }
  | { ok: false; reason: 'too-long'; max: number };

export function studyQr(link: string): StudyQr {
  const bytes = strToU8(link);
  if (bytes.length > QR_MAX_BYTES) return { ok: false, reason: 'too-long', max: QR_MAX_BYTES };
  const qr = encode(Array.from(bytes), { ecc: 'L', border: QR_QUIET_ZONE });
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
