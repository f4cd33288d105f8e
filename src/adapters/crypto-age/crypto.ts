/**
 * Encrypting and decrypting bundles with age (age-encryption.org/v1), in the browser, a Web Worker
 * or Node. Interoperates with the age CLI both ways (test/adapters/crypto-age/interop.test.ts).
 *
 * Decryption reads the header itself first (./header.ts), so a file is refused with a typed
 * DalaError before any expensive step:
 * - 'too-large': more bytes than `maxBytes`;
 * - 'bundle-format': not an age file (nor armored age);
 * - 'decrypt-damaged': a malformed or cut header, a bad header MAC, an edited or truncated
 *   payload, damaged armor;
 * - 'work-factor': a passphrase file whose scrypt work factor is above `maxWorkFactor` (default
 *   18: what Dala, and the age CLI, write), refused before scrypt runs. Each step up doubles time
 *   and memory: measured in Node on a 2-core machine, 18 took 2.3 s and 359 MiB of RSS, 19 3.5 s
 *   and 605 MiB, 20 8 s and 1.1 GiB, which a phone's browser tab does not have; 40 would take
 *   terabytes;
 * - 'decrypt-passphrase': no passphrase given, or none of them opens it;
 * - 'decrypt-key': no identity given, none of them opens it, or the file is only for recipients
 *   Dala cannot use (post-quantum, plugins).
 * scrypt at work factor 18 takes seconds and about 256 MiB: run decryption in a Web Worker.
 */
import { armor, Decrypter, Encrypter } from 'age-encryption';
import { DalaError } from '../../core/errors';
import { MAX_INPUT_BYTES, tooLarge } from '../../core/file-size';
import { ARMOR_BEGIN, readAgeHeader, startsWithAscii, summarizeStanzas } from './header';
import { checkRecipient, recipientOf } from './keys';

export type EncryptTo = { recipients: readonly string[] } | { passphrase: string; workFactor?: number };

export interface DecryptKeys {
  /** X25519 identities (AGE-SECRET-KEY-1...). */
  identities?: readonly string[];
  passphrases?: readonly string[];
}

export interface DecryptOptions {
  /** The highest scrypt work factor (log2 N) accepted; default DEFAULT_MAX_WORK_FACTOR (18). */
  maxWorkFactor?: number;
  /** The most bytes read; default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /** Names the file in messages. */
  file?: string;
}

/** The highest scrypt work factor Dala opens, and writes: it writes 18 unless told otherwise. */
export const DEFAULT_MAX_WORK_FACTOR = 18;
/** The most bytes read: MAX_INPUT_BYTES (a 200 MB bundle, armored, with room to spare). */
export const DEFAULT_MAX_BYTES = MAX_INPUT_BYTES;
export const MIN_ENCRYPT_WORK_FACTOR = 10;

/**
 * Encrypts a bundle's JSON text to X25519 recipients or a passphrase; armored (PEM-like text) when
 * `armored`, else binary bytes. Throws DalaError 'key' for a recipient that is not X25519.
 */
export async function encryptBundle(json: string, to: EncryptTo, armored?: false): Promise<Uint8Array>;
export async function encryptBundle(json: string, to: EncryptTo, armored: true): Promise<string>;
export async function encryptBundle(json: string, to: EncryptTo, armored?: boolean): Promise<Uint8Array | string>;
export async function encryptBundle(json: string, to: EncryptTo, armored = false): Promise<Uint8Array | string> {
  const e = encrypterFor(to);
  const bytes = await e.encrypt(json);
  return armored ? armor.encode(bytes) : bytes;
}

/** An age Encrypter set up for `to` (recipients checked, work factor bounded). Throws DalaError 'key' or 'work-factor'. */
export function encrypterFor(to: EncryptTo): Encrypter {
  const e = new Encrypter();
  if ('recipients' in to) {
    if (to.recipients.length === 0) throw new DalaError('key', 'no recipient to encrypt to');
    for (const r of to.recipients) {
      const recipient = checkRecipient(r);
      try {
        e.addRecipient(recipient);
      } catch {
        throw new DalaError('key', `'${recipient.slice(0, 20)}...' is not a valid age recipient: its checksum does not match`);
      }
    }
  } else {
    const wf = to.workFactor ?? 18;
    if (!Number.isInteger(wf) || wf < MIN_ENCRYPT_WORK_FACTOR || wf > DEFAULT_MAX_WORK_FACTOR) {
      throw new DalaError('work-factor', `scrypt work factor must be a whole number from ${MIN_ENCRYPT_WORK_FACTOR} to ${DEFAULT_MAX_WORK_FACTOR}, got ${wf}`);
    }
    if (to.passphrase === '') throw new DalaError('key', 'the passphrase is empty');
    e.setScryptWorkFactor(wf);
    e.setPassphrase(to.passphrase);
  }
  return e;
}

/** Is this an armored age file (after leading white space)? */
export function isArmored(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return startsWithAscii(bytes, ARMOR_BEGIN, i);
}

/** Does this look like an age file, binary or armored? (By content, whatever its name.) */
export function isAgeFile(bytes: Uint8Array): boolean {
  return isArmored(bytes) || startsWithAscii(bytes, 'age-encryption.org/');
}

/** The memory scrypt needs at work factor `wf` (N = 2^wf, r = 8: 128 * r * N bytes). */
function scryptMemory(wf: number): string {
  const log2 = wf + 10;
  if (log2 >= 60) return 'more than any computer has';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  const unit = Math.min(Math.floor(log2 / 10), units.length - 1);
  return `${2 ** (log2 - unit * 10)} ${units[unit]}`;
}

const LATIN1 = new TextDecoder('latin1');
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decrypts an age file (binary or armored) to its UTF-8 text. Throws the typed errors above. */
export async function decryptBundle(bytes: Uint8Array, keys: DecryptKeys, options: DecryptOptions = {}): Promise<string> {
  const file = options.file;
  const prefix = file ? `${file}: ` : '';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxWorkFactor = options.maxWorkFactor ?? DEFAULT_MAX_WORK_FACTOR;
  const large = tooLarge(file ?? 'the file', bytes.length, maxBytes);
  if (large) throw large;
  let binary = bytes;
  if (isArmored(bytes)) {
    try {
      binary = armor.decode(LATIN1.decode(bytes));
    } catch (e) {
      throw new DalaError('decrypt-damaged', `${prefix}the file is damaged: its armored text is not valid (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  const { d, expected } = await decrypterFor(binary, keys, options);
  let plain: Uint8Array;
  try {
    plain = await d.decrypt(binary);
  } catch (e) {
    throw decryptFailure(e, expected, prefix);
  }
  return decodeBundleText(plain, prefix);
}

/**
 * An age Decrypter for the file whose first bytes (its whole header at least) are `head`, with the
 * keys that can open it. Throws the typed errors above before any expensive step.
 */
export async function decrypterFor(head: Uint8Array, keys: DecryptKeys, options: DecryptOptions = {}): Promise<{ d: Decrypter; expected: 'decrypt-passphrase' | 'decrypt-key' }> {
  const file = options.file;
  const prefix = file ? `${file}: ` : '';
  const maxWorkFactor = options.maxWorkFactor ?? DEFAULT_MAX_WORK_FACTOR;
  const header = readAgeHeader(head, file);
  const stanzas = summarizeStanzas(header, file);
  const d = new Decrypter();
  let expected: 'decrypt-passphrase' | 'decrypt-key';
  if (stanzas.scryptWorkFactor !== undefined) {
    expected = 'decrypt-passphrase';
    if (stanzas.scryptWorkFactor > maxWorkFactor) {
      const wf = stanzas.scryptWorkFactor;
      throw new DalaError(
        'work-factor',
        `${prefix}the file asks for scrypt work factor ${wf}; Dala accepts at most ${maxWorkFactor}, the one it writes itself: ` +
          `${wf} needs ${scryptMemory(wf)} of memory and takes seconds to hours, more than a phone can give (encrypt it again with Dala or age's default)`,
      );
    }
    const passphrases = keys.passphrases ?? [];
    if (passphrases.length === 0) throw new DalaError('decrypt-passphrase', `${prefix}the file is protected by a passphrase, and none was given`);
    for (const p of passphrases) d.addPassphrase(p);
  } else {
    expected = 'decrypt-key';
    if (stanzas.x25519 === 0) {
      const pq = stanzas.other.includes('mlkem768x25519');
      throw new DalaError(
        'decrypt-key',
        pq
          ? `${prefix}the file is encrypted to a post-quantum key (age1pq1...), which Dala does not read; encrypt to an X25519 recipient (age1...)`
          : `${prefix}the file is encrypted only to recipients Dala cannot use (${[...new Set(stanzas.other)].join(', ')})`,
      );
    }
    const identities = keys.identities ?? [];
    if (identities.length === 0) throw new DalaError('decrypt-key', `${prefix}the file is encrypted to a key, and no identity was given`);
    for (const id of identities) {
      await recipientOf(id); // DalaError 'key' for an identity that is not X25519
      d.addIdentity(id);
    }
  }

  return { d, expected };
}

/** The typed error of a failed decryption: wrong key or passphrase, a changed header, a damaged or cut payload. */
export function decryptFailure(e: unknown, expected: 'decrypt-passphrase' | 'decrypt-key', prefix = ''): DalaError {
  if (e instanceof DalaError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes('no identity matched')) {
    return new DalaError(
      expected,
      expected === 'decrypt-passphrase'
        ? `${prefix}wrong passphrase: none of the passphrases given opens this file`
        : `${prefix}none of the identities given opens this file (it is encrypted to other keys)`,
      { cause: e },
    );
  }
  if (message.includes('HMAC')) return new DalaError('decrypt-damaged', `${prefix}the file is damaged: its header was changed (the header MAC does not match)`, { cause: e });
  return new DalaError('decrypt-damaged', `${prefix}the file is damaged or cut short: ${message}`, { cause: e });
}

function decodeBundleText(plain: Uint8Array, prefix: string): string {
  try {
    return UTF8.decode(plain);
  } catch {
    throw new DalaError('bundle-format', `${prefix}not a Dala bundle: the decrypted content is not UTF-8 text`);
  }
}
