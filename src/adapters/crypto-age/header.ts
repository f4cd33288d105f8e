/**
 * Reading an age v1 header ourselves, before any cryptography (age-encryption.org/v1, "Header"):
 * so that a file asking for a huge scrypt work factor is refused before scrypt runs, and so that
 * "not an age file", "damaged" and "needs a passphrase" are told apart with typed errors.
 *
 * The header is: the line `age-encryption.org/v1`, one or more stanzas (`-> ARGS`, then a body of
 * canonical base64 wrapped at 64 columns, ending with a shorter, maybe empty, line), then
 * `--- MAC` (43 base64 characters). Every line is printable ASCII and ends with LF.
 * What this reader refuses the age library would refuse too; it checks more (canonical base64 of
 * arguments, stanza sizes) so a flipped bit in the header is 'decrypt-damaged', not a wrong key.
 */
import { DalaError } from '../../core/errors';

export const AGE_V1_LINE = 'age-encryption.org/v1';
export const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

/** Headers longer than this are refused as damaged: 1,000 recipients fit in far less. */
export const MAX_HEADER_BYTES = 1 << 20;

export interface AgeStanza {
  args: string[];
  body: Uint8Array;
}

export interface AgeHeader {
  stanzas: AgeStanza[];
  /** Bytes of the header, MAC line included. */
  length: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes unpadded base64 and checks it is canonical (the spec's rule); null when it is not. */
export function decodeBase64Canonical(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of s) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // Canonical: the bits left over are zero.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

function damaged(file: string | undefined, why: string): DalaError {
  return new DalaError('decrypt-damaged', `${file ? `${file}: ` : ''}the file is damaged: ${why}`);
}

/** Does `bytes` start with `prefix` (ASCII)? */
export function startsWithAscii(bytes: Uint8Array, prefix: string, from = 0): boolean {
  if (bytes.length - from < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[from + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * Reads the header of a binary age file. Throws DalaError: 'bundle-format' when the file is not an
 * age v1 file, 'decrypt-damaged' when its header is malformed or cut short.
 */
export function readAgeHeader(bytes: Uint8Array, file?: string): AgeHeader {
  const first = AGE_V1_LINE + '\n';
  if (!startsWithAscii(bytes, first)) {
    const n = Math.min(bytes.length, first.length);
    if (n > 0 && n < first.length && startsWithAscii(bytes, first.slice(0, n))) throw damaged(file, 'it ends inside its first line');
    let i = 0;
    while (i < bytes.length && i < 40 && bytes[i] !== 10) i++;
    const line = String.fromCharCode(...bytes.subarray(0, i));
    throw new DalaError(
      'bundle-format',
      `${file ? `${file}: ` : ''}not an age-encrypted file` + (/^age-encryption\.org\/\S+$/.test(line) ? ` of the version Dala reads (it says ${line})` : ''),
    );
  }
  let pos = first.length;
  const readLine = (): string => {
    const start = pos;
    const end = Math.min(bytes.length, start + 4096, MAX_HEADER_BYTES);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === 10) {
        pos = i + 1;
        return String.fromCharCode(...bytes.subarray(start, i));
      }
      if (b < 0x20 || b > 0x7e) throw damaged(file, `its header has a byte that is not printable text at offset ${i}`);
    }
    throw damaged(file, end >= bytes.length ? 'its header is cut short' : 'its header has a line too long');
  };

  const stanzas: AgeStanza[] = [];
  for (;;) {
    const line = readLine();
    if (line.startsWith('--- ')) {
      const mac = decodeBase64Canonical(line.slice(4));
      if (!mac || mac.length !== 32) throw damaged(file, 'its header MAC line is malformed');
      if (stanzas.length === 0) throw damaged(file, 'its header has no recipient stanza');
      return { stanzas, length: pos };
    }
    if (!line.startsWith('-> ')) throw damaged(file, 'its header has a line that is neither a stanza nor the MAC');
    const args = line.slice(3).split(' ');
    if (args.some((a) => a.length === 0)) throw damaged(file, 'its header has a stanza with an empty argument');
    let body = '';
    for (;;) {
      const b = readLine();
      if (b.length > 64 || !/^[A-Za-z0-9+/]*$/.test(b)) throw damaged(file, 'its header has a stanza body that is not base64');
      body += b;
      if (b.length < 64) break;
    }
    const decoded = decodeBase64Canonical(body);
    if (!decoded) throw damaged(file, 'its header has a stanza body that is not canonical base64');
    stanzas.push({ args, body: decoded });
    if (pos > MAX_HEADER_BYTES) throw damaged(file, 'its header is too long');
  }
}

export interface StanzaSummary {
  x25519: number;
  /** The scrypt work factor (log2 N) when the file is passphrase-protected. */
  scryptWorkFactor?: number;
  /** Types of stanzas Dala does not open ("mlkem768x25519", plugins). */
  other: string[];
}

/** Checks the stanzas Dala knows, as the spec says identities must; damaged when one is malformed. */
export function summarizeStanzas(header: AgeHeader, file?: string): StanzaSummary {
  const out: StanzaSummary = { x25519: 0, other: [] };
  for (const s of header.stanzas) {
    const type = s.args[0]!;
    if (type === 'X25519') {
      const share = s.args.length === 2 ? decodeBase64Canonical(s.args[1]!) : null;
      if (!share || share.length !== 32 || s.body.length !== 32) throw damaged(file, 'its X25519 recipient stanza is malformed');
      out.x25519++;
    } else if (type === 'scrypt') {
      const salt = s.args.length === 3 ? decodeBase64Canonical(s.args[1]!) : null;
      if (!salt || salt.length !== 16 || s.body.length !== 32 || !/^[1-9][0-9]*$/.test(s.args[2]!)) {
        throw damaged(file, 'its passphrase (scrypt) stanza is malformed');
      }
      if (header.stanzas.length !== 1) throw damaged(file, 'a passphrase (scrypt) stanza must be the only one in the header');
      out.scryptWorkFactor = Number(s.args[2]);
    } else out.other.push(type);
  }
  return out;
}
