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
import { decryptFailure, decrypterFor, encrypterFor, type DecryptKeys, type DecryptOptions, type EncryptTo } from './crypto';

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

/** Decrypts an age file given as pieces; yields the plaintext as pieces. Throws DalaError as ./crypto.ts does. */
export async function* decryptStream(source: AsyncIterable<Uint8Array>, keys: DecryptKeys, options: DecryptOptions = {}): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    headBytes += r.value.byteLength;
  }
  const first = new Uint8Array(headBytes);
  let o = 0;
  for (const h of head) {
    first.set(h, o);
    o += h.byteLength;
  }
  const { d, expected } = await decrypterFor(first, keys, options);
  const prefix = options.file ? `${options.file}: ` : '';
  const rest = (async function* () {
    yield first;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  })();
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await d.decrypt(toStream(rest));
  } catch (e) {
    throw decryptFailure(e, expected, prefix);
  }
  try {
    yield* fromStream(plain);
  } catch (e) {
    throw decryptFailure(e, expected, prefix);
  }
}
