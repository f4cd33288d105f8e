/**
 * Reading the few entries of a zip archive we need, from bytes nobody vouches for.
 *
 * An .xlsx is a zip of XML parts. We do not trust its central directory: the entry count, each
 * entry's declared sizes and the total we are willing to inflate are capped before anything is
 * decompressed, and inflating stops as soon as an entry grows past the size it declared. So a zip
 * bomb (a few kilobytes that inflate to gigabytes) costs at most the cap, not the machine.
 *
 * Only the classic zip format is read: stored (0) and deflated (8) entries, no encryption, no zip64
 * (an .xlsx under the size cap never needs zip64, and Excel, LibreOffice and openpyxl do not write it).
 */
import { Inflate, strFromU8 } from 'fflate';

export interface ZipLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Most bytes all the entries we read may inflate to, together. */
  maxUncompressed: number;
}

/** An entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why a zip cannot be read; the caller turns it into a researcher-facing message. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: one step inflates to at most ~1032x this (16 MB). */
const INFLATE_STEP = 16384;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

/** The central directory, checked against the limits. Throws ZipError. */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  if (bytes.length < 22) throw new ZipError('too short to be a zip archive');
  // The end-of-central-directory record sits at the end, followed by a comment of up to 65535 bytes.
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no zip directory found (the file is damaged or not a zip archive)');
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    throw new ZipError('zip64 archives are not supported');
  }
  if (count > limits.maxEntries) {
    throw new ZipError(`the archive lists ${count} entries; an XLSForm needs far fewer (limit ${limits.maxEntries})`);
  }
  if (dirOffset + dirSize > eocd) throw new ZipError('the zip directory points outside the file');

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) throw new ZipError('the zip directory is damaged');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localHeaderOffset = u32(bytes, at + 42);
    if (at + 46 + nameLength > eocd) throw new ZipError('the zip directory is damaged');
    // Names are UTF-8 when flag bit 11 is set; otherwise CP437, which for the ASCII names of an
    // .xlsx reads the same as Latin-1.
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = flags & 0x800 ? strFromU8(rawName) : strFromU8(rawName, true);
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates the entries whose names are given (those absent from the archive are simply missing
 * from the result). Throws ZipError when an entry is encrypted, uses an unknown method, lies about
 * its size, or when the entries together would exceed `limits.maxUncompressed`.
 */
export function readZipEntries(
  bytes: Uint8Array,
  entries: ZipEntry[],
  names: string[],
  limits: ZipLimits,
  /** Bytes already inflated from this archive, which count towards the cap. */
  alreadyInflated = 0,
): Map<string, Uint8Array> {
  const wanted = entries.filter((e) => names.includes(e.name));
  let total = alreadyInflated;
  for (const e of wanted) {
    total += e.uncompressedSize;
    if (total > limits.maxUncompressed) {
      throw new ZipError(`its parts would inflate to more than ${formatBytes(limits.maxUncompressed)} (a zip bomb, or far too large a form)`);
    }
  }
  const out = new Map<string, Uint8Array>();
  for (const e of wanted) out.set(e.name, readEntry(bytes, e));
  return out;
}

function readEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  if (e.flags & 0x1) throw new ZipError(`the part ${e.name} is encrypted`);
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) {
    throw new ZipError(`the part ${e.name} is damaged (no local header)`);
  }
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw new ZipError(`the part ${e.name} is truncated`);
  const data = bytes.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ZipError(`the part ${e.name} is damaged (size mismatch)`);
    return data.slice();
  }
  if (e.method !== 8) throw new ZipError(`the part ${e.name} uses an unsupported compression method (${e.method})`);
  return inflateCapped(data, e.uncompressedSize, e.name);
}

/** Inflates `data`, refusing to produce more than `declared` bytes (and fewer, which is damage). */
function inflateCapped(data: Uint8Array, declared: number, name: string): Uint8Array {
  const out = new Uint8Array(declared);
  let written = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > declared) {
      throw new ZipError(`the part ${name} inflates to more than the ${declared} bytes it declares (a zip bomb?)`);
    }
    out.set(chunk, written);
    written += chunk.length;
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      if (done) break;
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`the part ${name} is damaged (${e instanceof Error ? e.message : String(e)})`);
  }
  if (written !== declared) throw new ZipError(`the part ${name} is damaged (${written} of ${declared} bytes)`);
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
