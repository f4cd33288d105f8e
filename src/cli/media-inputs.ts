/**
 * Bundles with media on the command line (docs/bundle-format.md, "Bundles with media"): a container,
 * encrypted or not, is read as a stream; its bundle is opened as any bundle is, and its files are
 * written, checked, into a folder (`dala csv` writes them in `media/` beside the CSV), or checked
 * and skipped. A file never holds more than a piece of a media file in memory.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { isAgeFile, isArmored, openBundleFile, type DecryptKeys } from '../adapters/crypto-age/index';
import { decryptStream } from '../adapters/crypto-age/stream';
import { isContainer, readContainer } from '../core/media/container';
import { DalaError } from '../core/errors';
import type { Instrument } from '../core/instrument/types';
import type { Opened } from './inputs';

/** The first bytes of a file. */
async function head(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The plaintext of a file as a stream, when it is a container (plain, or binary age around one); else null. */
async function containerStream(path: string, keys: DecryptKeys): Promise<AsyncIterable<Uint8Array> | null> {
  const first = await head(path, 64);
  if (isContainer(first)) return createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>;
  if (!isAgeFile(first) || isArmored(first)) return null;
  const plain = decryptStream(createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Uint8Array>, keys, { file: basename(path) });
  const it = plain[Symbol.asyncIterator]();
  const r = await it.next();
  if (r.done || !isContainer(r.value.subarray(0, 17))) {
    await it.return?.(undefined);
    return null;
  }
  return (async function* () {
    yield r.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })();
}

/**
 * Opens `path` if it is a container: its bundle as `openInputs` opens one, and its files written into
 * `mediaDir` (when given) under their stored names, each through a temporary file renamed once its
 * SHA-256 is checked. Returns null for any other file (the caller reads it as before).
 */
export async function openContainerInput(path: string, keys: DecryptKeys, forms: readonly Instrument[], cwd: string, mediaDir?: string): Promise<(Opened & { files?: number }) | null> {
  const full = resolve(cwd, path);
  const file = basename(path);
  let stream: AsyncIterable<Uint8Array> | null;
  try {
    stream = await containerStream(full, keys);
  } catch {
    // Not readable as a container (missing, a wrong key, damaged): the usual reading says why.
    return null;
  }
  if (!stream) return null;
  const fileTime = await stat(full).then((s) => s.mtime.toISOString(), () => new Date(0).toISOString());
  let opened: Opened | null = null;
  try {
    if (mediaDir) await mkdir(mediaDir, { recursive: true });
    const { blobs } = await readContainer(stream, {
      bundle: async (json) => {
        // Named as JSON (the container is already decrypted), reported under the file's own name.
        opened = { file, ...(await openBundleFile(`${file}.json`, new TextEncoder().encode(json), keys, { instruments: forms, fileTime })) };
      },
      blob: async (ref, bytes) => {
        if (!mediaDir) return;
        const target = join(mediaDir, ref.name);
        const tmp = join(mediaDir, `.${ref.name}.${randomBytes(6).toString('hex')}.tmp`);
        const out = createWriteStream(tmp, { flags: 'wx' });
        try {
          for await (const piece of bytes) if (!out.write(piece)) await once(out, 'drain');
          out.end();
          await once(out, 'finish');
          await rename(tmp, target);
        } catch (e) {
          out.destroy();
          await unlink(tmp).catch(() => undefined);
          throw e;
        }
      },
    });
    return opened ? { ...(opened as Opened), files: blobs } : { file, error: new DalaError('bundle-format', `${file}: the container holds no bundle`) };
  } catch (e) {
    if (e instanceof DalaError) return { file, error: new DalaError(e.code, e.message.startsWith(file) ? e.message : `${file}: ${e.message}`) };
    throw e;
  }
}
