/**
 * base64url without padding (RFC 4648 section 5): the alphabet A-Z a-z 0-9 - _, which a URL fragment
 * carries unescaped and messengers do not break. `btoa`/`atob` are not used: they are not part of
 * the core's ES2022 library, and they work on strings, not bytes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

export type Base64Result =
  /**
   * `canonical` is false when the unused low bits of the last character are not zero: no encoder
   * writes that, so the text was changed (the bytes are still the ones the other bits give).
   */
  | { ok: true; bytes: Uint8Array; canonical: boolean }
  /** `position` is the 0-based index of the first character that is not base64url. */
  | { ok: false; problem: 'character'; position: number; character: string }
  /** A length no encoder produces: one character left over (the text was cut). */
  | { ok: false; problem: 'cut' };

/**
 * Strict decoding: only the base64url alphabet, no padding. The caller decides what a non-canonical
 * last character means (a study link refuses it, after saying first whether the rest is cut off).
 */
export function fromBase64Url(text: string): Base64Result {
  const values = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v =
      c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 45 ? 62 : c === 95 ? 63 : -1;
    if (v < 0) return { ok: false, problem: 'character', position: i, character: String.fromCodePoint(text.codePointAt(i)!) };
    values[i] = v;
  }
  const rest = text.length % 4;
  if (rest === 1) return { ok: false, problem: 'cut' };
  const bytes = new Uint8Array(Math.floor(text.length / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  let i = 0;
  let canonical = true;
  for (; i + 3 < text.length; i += 4) {
    const n = (values[i]! << 18) | (values[i + 1]! << 12) | (values[i + 2]! << 6) | values[i + 3]!;
    bytes[o++] = n >> 16;
    bytes[o++] = (n >> 8) & 255;
    bytes[o++] = n & 255;
  }
  if (rest === 2) {
    canonical = (values[i + 1]! & 15) === 0;
    bytes[o] = (values[i]! << 2) | (values[i + 1]! >> 4);
  } else if (rest === 3) {
    canonical = (values[i + 2]! & 3) === 0;
    const n = (values[i]! << 10) | (values[i + 1]! << 4) | (values[i + 2]! >> 2);
    bytes[o++] = n >> 8;
    bytes[o] = n & 255;
  }
  return { ok: true, bytes, canonical };
}
