/**
 * age as a stream (age-encryption's Encrypter/Decrypter over ReadableStream): a bundle container
 * with hours of audio (src/core/media/container.ts) is encrypted and decrypted in age's 64 KiB
 * chunks, never whole. Binary age only (armor is for text that is pasted, not for media).
 *
 * The same typed errors as ./crypto.ts: the header is read and checked (keys, work factor) from the
 * first bytes before anything else; a damaged or cut payload fails while it is read, with
 * 'decrypt-damaged', never with a half-read file taken for whole (age authenticates every chunk and
 * marks the last one).
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { DalaError } from '../../core/errors';
import { decryptFailure, decrypterFor, encrypterFor, type DecryptKeys, type DecryptOptions, type EncryptTo } from './crypto';
import { readAgeHeader } from './header';

/** An async source as a ReadableStream. */
export function toStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const r = await it.next();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel(reason) {
      await it.return?.(reason);
    },
  }, { highWaterMark: 1 });
}

/** A ReadableStream as an async source. */
export async function* fromStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Encrypts a stream of plaintext pieces to `to`; returns the age file as pieces. */
export async function* encryptStream(source: AsyncIterable<Uint8Array>, to: EncryptTo): AsyncGenerator<Uint8Array> {
  const e = encrypterFor(to);
  // Pieces of at most age's chunk (64 KiB): age's stream queues a few pieces, whatever their size.
  const out = await e.encrypt(toStream(slices(source, 64 * 1024)));
  yield* fromStream(out);
}

async function* slices(source: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  for await (const piece of source) for (let o = 0; o < piece.byteLength; o += max) yield piece.subarray(o, o + max);
}

/** The header's bytes are read first: at most this many are held before decryption starts. */
const HEAD_BYTES = 64 * 1024;

/** age's payload: chunks of 64 KiB of plaintext, each with a 16-byte tag (ChaCha20-Poly1305). */
const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;

/**
 * Decrypts an age file given as pieces; yields the plaintext as pieces. Throws DalaError as
 * ./crypto.ts does.
 *
 * Pulled chunk by chunk: age-encryption opens the header (recipients or passphrase, the header's
 * MAC), and the payload is then decrypted here one 64 KiB chunk at a time, only when the reader asks
 * for the next piece (age-encryption's own stream reads ahead through its chain of streams; on a
 * large file that held megabytes). At most one sealed chunk and one piece of the source are held.
 */
export async function* decryptStream(source: AsyncIterable<Uint8Array>, keys: DecryptKeys, options: DecryptOptions = {}): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  const prefix = options.file ? `${options.file}: ` : '';
  // The header's bytes are read first (at most HEAD_BYTES before decryption starts).
  let buf = new Uint8Array(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await it.next();
    if (r.done) {
      ended = true;
      return false;
    }
    const next = new Uint8Array(buf.length + r.value.byteLength);
    next.set(buf);
    next.set(r.value, buf.length);
    buf = next;
    return true;
  };
  while (buf.length < HEAD_BYTES && (await more()));
  const { d, expected } = await decrypterFor(buf, keys, options);
  const headerLength = readAgeHeader(buf, options.file).length;
  let fileKey: Uint8Array;
  try {
    fileKey = await d.decryptHeader(buf.subarray(0, headerLength));
  } catch (e) {
    throw decryptFailure(e, expected, prefix);
  }
  buf = buf.subarray(headerLength);
  while (buf.length < 16 && (await more()));
  if (buf.length < 16) throw new DalaError('decrypt-damaged', `${prefix}the file is damaged or cut short: it ends before its payload`);
  const streamKey = hkdf(sha256, fileKey, buf.subarray(0, 16), new TextEncoder().encode('payload'), 32);
  buf = buf.subarray(16);
  const nonce = new Uint8Array(12);
  const open = (sealed: Uint8Array, last: boolean): Uint8Array => {
    nonce[11] = last ? 1 : 0;
    try {
      return chacha20poly1305(streamKey, nonce).decrypt(sealed);
    } catch (e) {
      throw new DalaError('decrypt-damaged', `${prefix}the file is damaged or cut short: a chunk of it does not decrypt (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
  };
  let first = true;
  for (;;) {
    // A full chunk is known not to be the last only once a byte after it has arrived.
    while (buf.length <= SEALED_CHUNK && (await more()));
    if (buf.length > SEALED_CHUNK) {
      const plain = open(buf.subarray(0, SEALED_CHUNK), false);
      buf = buf.subarray(SEALED_CHUNK);
      for (let i = 10; i >= 0; i--) {
        nonce[i] = (nonce[i]! + 1) & 0xff; // the 11-byte big-endian chunk counter
        if (nonce[i] !== 0) break;
      }
      first = false;
      yield plain;
      continue;
    }
    const plain = open(buf, true);
    if (!first && plain.length === 0) throw new DalaError('decrypt-damaged', `${prefix}the file is damaged: its last chunk is empty`);
    buf = new Uint8Array(0);
    if (plain.length > 0) yield plain;
    return;
  }
}
