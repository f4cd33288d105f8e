/**
 * digest() and base64-decode(): MD5, SHA-1, SHA-256, SHA-384 and SHA-512 of a text's UTF-8 bytes,
 * as hex or base64, and base64 back to text. Synchronous and pure (the core has no crypto and the
 * Web Crypto API is asynchronous). These hashes fingerprint a value; they are not a way to keep
 * one secret.
 *
 * The SHA-2 round constants and initial values are computed from their definitions (the fractional
 * parts of the square and cube roots of the first primes, FIPS 180-4) rather than copied as tables;
 * the tests check every algorithm against the published test vectors.
 *
 * The 'digest' function group (../catalog.ts), loaded on demand (../library.ts); randomize() hashes
 * a seed that is not a number with sha256Bytes.
 */
import type { Expr } from '../ast';
import { ExpressionError } from '../error';
import { text, type FunctionDef, type FunctionGroupModule } from '../functions';
import { LIMITS } from '../limits';

export type DigestAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
const ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** Why `algorithm` or `encoding` (null: not a literal, checked when evaluated) cannot be used, or null. */
export function digestAlgorithmProblem(algorithm: string | null, encoding: string | null): string | null {
  if (algorithm !== null && !ALGORITHMS.includes(algorithm as DigestAlgorithm)) {
    return `digest() algorithm '${algorithm}' is not one of ${ALGORITHMS.join(', ')}`;
  }
  if (encoding !== null && encoding !== 'hex' && encoding !== 'base64') {
    return `digest() encoding '${encoding}' is not hex or base64`;
  }
  return null;
}

export function digest(text: string, algorithm: DigestAlgorithm, encoding: 'hex' | 'base64'): string {
  const data = utf8Encode(text);
  const bytes =
    algorithm === 'MD5'
      ? md5(data)
      : algorithm === 'SHA-1'
        ? sha1(data)
        : algorithm === 'SHA-256'
          ? sha256(data)
          : sha512(data, algorithm === 'SHA-384');
  return encoding === 'hex' ? [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('') : base64Encode(bytes);
}

/** The SHA-256 of a text's UTF-8 bytes (randomize() derives a seed from a text with it). */
export function sha256Bytes(text: string): Uint8Array {
  return sha256(utf8Encode(text));
}

export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** UTF-8 bytes as text; a malformed sequence becomes U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0) {
      out += '\ufffd';
      i++;
      continue;
    }
    let c = need === 0 ? b : b & (0x3f >> need);
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (next & 63);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : need === 3 ? 0x10000 : 0;
    if (!ok || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(c);
    i += need + 1;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

/** Standard base64 (spaces and line breaks ignored, padding optional), or null when it is not base64. */
export function base64Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[ \t\r\n]/g, '').replace(/={1,2}$/, '');
  if (clean.length % 4 === 1) return null;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** The message padded to whole 64- or 128-byte blocks, with its bit length at the end (big-endian unless `little`). */
function pad(data: Uint8Array, block: 64 | 128, little = false): Uint8Array {
  const lengthBytes = block === 64 ? 8 : 16;
  const total = Math.ceil((data.length + 1 + lengthBytes) / block) * block;
  const out = new Uint8Array(total);
  out.set(data);
  out[data.length] = 0x80;
  let bitLength = BigInt(data.length) * 8n;
  for (let k = 0; k < 8; k++) {
    out[little ? total - lengthBytes + k : total - 1 - k] = Number(bitLength & 0xffn);
    bitLength >>= 8n;
  }
  return out;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function words32(block: Uint8Array, at: number, little: boolean): number[] {
  const w: number[] = [];
  for (let i = 0; i < 16; i++) {
    const j = at + i * 4;
    w.push(
      little
        ? (block[j]! | (block[j + 1]! << 8) | (block[j + 2]! << 16) | (block[j + 3]! << 24)) >>> 0
        : ((block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!) >>> 0,
    );
  }
  return w;
}

function bytes32(words: readonly number[], little: boolean): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  words.forEach((w, i) => {
    for (let k = 0; k < 4; k++) out[i * 4 + k] = little ? (w >>> (8 * k)) & 0xff : (w >>> (24 - 8 * k)) & 0xff;
  });
  return out;
}

function md5(data: Uint8Array): Uint8Array {
  const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
  const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const msg = pad(data, 64, true);
  for (let at = 0; at < msg.length; at += 64) {
    const w = words32(msg, at, true);
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
      const sum = (a + f + K[i]! + w[g]!) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotl(sum, S[round * 4 + (i % 4)]!)) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
  }
  return bytes32(h.map((x) => x >>> 0), true);
}

function sha1(data: Uint8Array): Uint8Array {
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const msg = pad(data, 64);
  for (let at = 0; at < msg.length; at += 64) {
    const w = words32(msg, at, false);
    for (let i = 16; i < 80; i++) w.push(rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1));
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
  return bytes32(h.map((x) => x >>> 0), false);
}

/** The first `count` primes. */
function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}

/** floor(n^(1/k)) for a non-negative BigInt (Newton's method). */
function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)) + 1);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** The first `bits` bits of the fractional part of the k-th root of p. */
function rootFraction(p: number, k: 2 | 3, bits: number): bigint {
  return integerRoot(BigInt(p) << BigInt(k * bits), BigInt(k)) & ((1n << BigInt(bits)) - 1n);
}

function sha256(data: Uint8Array): Uint8Array {
  const P = primes(64);
  const K = P.map((p) => Number(rootFraction(p, 3, 32)));
  const h = P.slice(0, 8).map((p) => Number(rootFraction(p, 2, 32)));
  const msg = pad(data, 64);
  for (let at = 0; at < msg.length; at += 64) {
    const w = words32(msg, at, false);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w.push((w[i - 16]! + s0 + w[i - 7]! + s1) | 0);
    }
    const v = [...h];
    for (let i = 0; i < 64; i++) {
      const [a, b, c, d, e, f, g, hh] = v as [number, number, number, number, number, number, number, number];
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      v.splice(0, 8, (t1 + t2) | 0, a, b, c, (d + t1) | 0, e, f, g);
    }
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + v[i]!) | 0;
  }
  return bytes32(h.map((x) => x >>> 0), false);
}

function sha512(data: Uint8Array, truncateTo384: boolean): Uint8Array {
  const M = (1n << 64n) - 1n;
  const P = primes(80);
  const K = P.map((p) => rootFraction(p, 3, 64));
  const h = (truncateTo384 ? P.slice(8, 16) : P.slice(0, 8)).map((p) => rootFraction(p, 2, 64));
  const rot = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M;
  const msg = pad(data, 128);
  for (let at = 0; at < msg.length; at += 128) {
    const w: bigint[] = [];
    for (let i = 0; i < 16; i++) {
      let x = 0n;
      for (let k = 0; k < 8; k++) x = (x << 8n) | BigInt(msg[at + i * 8 + k]!);
      w.push(x);
    }
    for (let i = 16; i < 80; i++) {
      const s0 = rot(w[i - 15]!, 1n) ^ rot(w[i - 15]!, 8n) ^ (w[i - 15]! >> 7n);
      const s1 = rot(w[i - 2]!, 19n) ^ rot(w[i - 2]!, 61n) ^ (w[i - 2]! >> 6n);
      w.push((w[i - 16]! + s0 + w[i - 7]! + s1) & M);
    }
    const v = [...h];
    for (let i = 0; i < 80; i++) {
      const [a, b, c, d, e, f, g, hh] = v as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
      const t1 = (hh + (rot(e, 14n) ^ rot(e, 18n) ^ rot(e, 41n)) + ((e & f) ^ (~e & M & g)) + K[i]! + w[i]!) & M;
      const t2 = ((rot(a, 28n) ^ rot(a, 34n) ^ rot(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M;
      v.splice(0, 8, (t1 + t2) & M, a, b, c, (d + t1) & M, e, f, g);
    }
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + v[i]!) & M;
  }
  const out = new Uint8Array(truncateTo384 ? 48 : 64);
  for (let i = 0; i < out.length; i++) out[i] = Number((h[i >> 3]! >> BigInt(56 - 8 * (i % 8))) & 0xffn);
  return out;
}

/** An algorithm and an encoding written in quotes, checked when the expression is parsed. */
function checkAlgorithm(args: readonly Expr[], node: { pos: number }, source: string): void {
  const problem = digestAlgorithmProblem(args[1]?.kind === 'string' ? args[1].value : null, args[2]?.kind === 'string' ? args[2].value : null);
  if (problem) throw new ExpressionError(problem, args[1]?.pos ?? node.pos, source);
}

export const DIGEST: FunctionGroupModule = {
  group: 'digest',
  functions: new Map<string, FunctionDef>([
    [
      'digest',
      {
        signature: "digest(text, 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'[, 'hex' | 'base64'])",
        call: (a, _c, n) => {
          const algorithm = text(a, 1);
          const encoding = a.length > 2 ? text(a, 2) : 'base64';
          const problem = digestAlgorithmProblem(algorithm, encoding);
          if (problem) throw new ExpressionError(problem, n.args[1]?.pos ?? n.pos, '');
          const input = text(a, 0);
          if (input.length > LIMITS.textLength) throw new ExpressionError(`digest() input longer than ${LIMITS.textLength} characters`, n.pos, '');
          return digest(input, algorithm as DigestAlgorithm, encoding as 'hex' | 'base64');
        },
        check: checkAlgorithm,
      },
    ],
    [
      'base64-decode',
      {
        signature: 'base64-decode(text)',
        call: (a) => {
          const bytes = base64Decode(text(a, 0));
          return bytes ? utf8Decode(bytes) : '';
        },
      },
    ],
  ]),
};
