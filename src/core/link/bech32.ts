/**
 * Bech32 (BIP 173) as age writes its X25519 recipients: "age1" and 58 characters, 32 bytes of key
 * and a 6-character checksum. Checking the checksum catches a mistyped or misread key (any one or
 * two changed characters, and most other changes) before data is encrypted to a key nobody holds.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

export type Bech32Check =
  | { ok: true; hrp: string; bytes: Uint8Array }
  | { ok: false; problem: 'form' | 'character' | 'checksum' | 'padding' };

/**
 * Decodes a lowercase bech32 string (no length limit: age's are longer than BIP 173's 90). `form`: no
 * separator, an empty prefix or a data part shorter than the checksum; `character`: a character
 * bech32 never has; `checksum`: the checksum does not match (a typo); `padding`: bits no encoder writes.
 */
export function decodeBech32(text: string): Bech32Check {
  const sep = text.lastIndexOf('1');
  if (sep < 1 || text.length - sep - 1 < 6) return { ok: false, problem: 'form' };
  const hrp = text.slice(0, sep);
  for (let i = 0; i < hrp.length; i++) {
    const c = hrp.charCodeAt(i);
    if (c < 33 || c > 126 || (c >= 65 && c <= 90)) return { ok: false, problem: 'character' };
  }
  const data: number[] = [];
  for (const ch of text.slice(sep + 1)) {
    const v = CHARSET.indexOf(ch);
    if (v < 0) return { ok: false, problem: 'character' };
    data.push(v);
  }
  if (polymod([...hrpExpand(hrp), ...data]) !== 1) return { ok: false, problem: 'checksum' };
  // 5-bit groups to bytes; the leftover bits must be fewer than 5 and all zero.
  const groups = data.slice(0, -6);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const g of groups) {
    acc = (acc << 5) | g;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return { ok: false, problem: 'padding' };
  return { ok: true, hrp, bytes: Uint8Array.from(bytes) };
}
