/**
 * The bundle container (docs/bundle-format.md, "Bundles with media"): a bundle's JSON and the bytes
 * of its media files as one stream, so a bundle with hours of audio is written and read a piece at
 * a time. Encrypted, the container is the plaintext of one age file (age encrypts in 64 KiB chunks
 * and is read as a stream too); unencrypted (`--plaintext`) it is the file itself.
 *
 *   DALA-CONTAINER 1\n
 *   {"kind":"bundle","size":N}\n  <N bytes: the bundle's JSON, exactly what a plain bundle file holds>
 *   {"kind":"blob","id":...,"type":...,"size":M,"sha256":...,"name":...}\n  <M bytes>
 *   ...
 *   {"kind":"end","blobs":K}\n
 *
 * Each header is one line of JSON of at most 4 KiB. The bundle entry comes first, the end entry last
 * (a stream without it was cut short). The reader checks each blob's size and SHA-256 as its bytes
 * go by, and refuses anything else with a DalaError that says which entry and what.
 *
 * Memory: the writer holds one piece of a blob at a time; the reader holds the bundle's JSON (as a
 * plain bundle does) and one piece of a blob. Pure: no DOM, no Node; pieces are Uint8Arrays.
 */
import * as v from 'valibot';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DalaError } from '../errors';
import { MAX_INPUT_BYTES } from '../file-size';
import { cleanRef, type MediaRef } from './ref';
import { mediaRefSchema } from './ref-schema';

export const CONTAINER_MAGIC = 'DALA-CONTAINER 1\n';
const MAX_HEADER = 4096;
// Every runtime Dala runs in (browser, worker, Node) has these; the core's lib (ES2022) does not name them.
declare const TextEncoder: { new (): { encode(s: string): Uint8Array } };
declare const TextDecoder: { new (label?: string, opts?: { fatal?: boolean }): { decode(b: Uint8Array): string } };
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

/** Whether the first bytes of a (decrypted) file are a container rather than a bundle's JSON. */
export function isContainer(head: Uint8Array): boolean {
  const magic = enc.encode(CONTAINER_MAGIC);
  if (head.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic[i]) return false;
  return true;
}

export interface ContainerBlob {
  ref: MediaRef;
  /** The blob's bytes, in pieces. Read once. */
  bytes: () => AsyncIterable<Uint8Array>;
}

/**
 * Writes a container: the bundle's JSON, then each blob's bytes. Throws DalaError 'bundle-record'
 * when a blob's bytes are not as many as its reference says (a blob changed while it was exported).
 */
export async function* writeContainer(bundleJson: string | Uint8Array, blobs: Iterable<ContainerBlob> | AsyncIterable<ContainerBlob>): AsyncGenerator<Uint8Array> {
  const json = typeof bundleJson === 'string' ? enc.encode(bundleJson) : bundleJson;
  yield enc.encode(CONTAINER_MAGIC);
  yield enc.encode(`${JSON.stringify({ kind: 'bundle', size: json.byteLength })}\n`);
  yield json;
  let n = 0;
  for await (const blob of blobs) {
    const ref = cleanRef(blob.ref);
    yield enc.encode(`${JSON.stringify({ kind: 'blob', ...ref })}\n`);
    let size = 0;
    for await (const piece of blob.bytes()) {
      size += piece.byteLength;
      if (size > ref.size) break;
      yield piece;
    }
    if (size !== ref.size) throw new DalaError('bundle-record', `the file ${ref.name} has ${size} bytes, not the ${ref.size} its answer says: it changed while it was exported`);
    n++;
  }
  yield enc.encode(`${JSON.stringify({ kind: 'end', blobs: n })}\n`);
}

/** Reads pieces from an async source: lines, exact counts, and counted runs passed on as they come. */
class PieceReader {
  private buf: Uint8Array = new Uint8Array(0);
  private readonly it: AsyncIterator<Uint8Array>;
  private done = false;
  /** Bytes consumed so far (for messages). */
  offset = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    if (this.buf.length === 0) this.buf = r.value;
    else {
      const joined = new Uint8Array(this.buf.length + r.value.length);
      joined.set(this.buf);
      joined.set(r.value, this.buf.length);
      this.buf = joined;
    }
    return true;
  }

  private take(n: number): Uint8Array {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.offset += n;
    return out;
  }

  /** A line without its \n, at most `max` bytes; null at the very end of the stream. */
  async line(max: number): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl >= 0 && nl <= max) {
        const line = dec.decode(this.take(nl));
        this.take(1);
        return line;
      }
      if (this.buf.length > max) throw new DalaError('bundle-format', `not a Dala container: a header at byte ${this.offset} is longer than ${max} bytes`);
      if (!(await this.more())) {
        if (this.buf.length === 0) return null;
        throw new DalaError('decrypt-damaged', `the container is cut short at byte ${this.offset + this.buf.length}`);
      }
    }
  }

  /** Exactly `n` bytes, joined once. */
  async exact(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const p = await this.piece(n - o);
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** The next piece of at most `max` bytes (at least 1), as it arrived. */
  async piece(max: number): Promise<Uint8Array> {
    if (this.buf.length === 0) {
      if (this.done) throw new DalaError('decrypt-damaged', `the container is cut short at byte ${this.offset}`);
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        throw new DalaError('decrypt-damaged', `the container is cut short at byte ${this.offset}`);
      }
      this.buf = r.value;
    }
    return this.take(Math.min(max, this.buf.length));
  }
}

const bundleHeader = v.object({ kind: v.literal('bundle'), size: v.pipe(v.number(), v.safeInteger(), v.minValue(2)) });
const endHeader = v.object({ kind: v.literal('end'), blobs: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) });
const blobHeader = v.object({ kind: v.literal('blob'), ...mediaRefSchema.entries });

function header(line: string | null, where: string): Record<string, unknown> {
  if (line === null) throw new DalaError('decrypt-damaged', `the container is cut short: ${where} is missing`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new DalaError('bundle-format', `not a Dala container: ${where} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DalaError('bundle-format', `not a Dala container: ${where} is not an object`);
  return parsed as Record<string, unknown>;
}

export interface ContainerHandlers {
  /** The bundle's JSON text (parsed and checked by the caller, as a plain bundle is). */
  bundle(json: string): Promise<void> | void;
  /**
   * One blob: its reference and its bytes, which the handler reads (or not: what it leaves is
   * skipped). The bytes are checked against the reference's size and SHA-256 as they go by; a
   * mismatch throws from the iteration, after the last piece, so a handler that writes as it reads
   * must undo on error (BlobStore.importBlob does).
   */
  blob(ref: MediaRef, bytes: AsyncIterable<Uint8Array>): Promise<void> | void;
}

/**
 * Reads a container. Throws DalaError: 'bundle-format' (not a container, a bad header),
 * 'decrypt-damaged' (cut short, a blob whose bytes do not match), 'too-large' (a bundle's JSON above
 * the input cap). Returns how many blobs it read.
 */
export async function readContainer(source: AsyncIterable<Uint8Array>, handlers: ContainerHandlers, opts: { maxBundleBytes?: number } = {}): Promise<{ blobs: number }> {
  const r = new PieceReader(source);
  const notContainer = () => new DalaError('bundle-format', 'not a Dala container (it does not start with DALA-CONTAINER 1)');
  let magic: Uint8Array;
  try {
    magic = await r.exact(CONTAINER_MAGIC.length);
  } catch {
    throw notContainer();
  }
  if (!isContainer(magic)) throw notContainer();
  const first = v.safeParse(bundleHeader, header(await r.line(MAX_HEADER), 'the bundle entry'));
  if (!first.success) throw new DalaError('bundle-format', 'not a Dala container: the first entry is not the bundle');
  const max = opts.maxBundleBytes ?? MAX_INPUT_BYTES;
  if (first.output.size > max) throw new DalaError('too-large', `the bundle in the container has ${first.output.size} bytes; at most ${max} are read`);
  await handlers.bundle(dec.decode(await r.exact(first.output.size)));
  const seen = new Set<string>();
  for (let n = 0; ; n++) {
    const where = `entry ${n + 2}`;
    const h = header(await r.line(MAX_HEADER), where);
    if (h.kind === 'end') {
      const end = v.safeParse(endHeader, h);
      if (!end.success || end.output.blobs !== n) throw new DalaError('decrypt-damaged', `the container's end says ${String(h.blobs)} files, but it holds ${n}`);
      if ((await r.line(1)) !== null) throw new DalaError('bundle-format', 'the container has bytes after its end');
      return { blobs: n };
    }
    const parsed = v.safeParse(blobHeader, h);
    if (!parsed.success) throw new DalaError('bundle-format', `${where} of the container is not a media file: ${parsed.issues[0].message}`);
    const { kind: _k, ...refFields } = parsed.output;
    const ref = cleanRef(refFields as MediaRef);
    if (seen.has(ref.id)) throw new DalaError('bundle-format', `${where}: the file ${ref.name} (${ref.id}) is in the container twice`);
    seen.add(ref.id);
    let left = ref.size;
    const hash = sha256.create();
    const next = async () => {
      const piece = await r.piece(left);
      left -= piece.length;
      hash.update(piece);
      return piece;
    };
    const verify = () => {
      if (bytesToHex(hash.digest()) !== ref.sha256) throw new DalaError('decrypt-damaged', `the file ${ref.name} in the container does not match its SHA-256: it is damaged`);
    };
    const checked = async function* () {
      while (left > 0) yield await next();
      verify();
    };
    let verified = false;
    const bytes = (async function* () {
      yield* checked();
      verified = true;
    })();
    await handlers.blob(ref, bytes);
    // What the handler did not read is checked and skipped.
    if (!verified) {
      while (left > 0) await next();
      verify();
    }
  }
}
