/**
 * Bundles with media (issue 15): exporting and importing a bundle with 500 MB of media (five 100 MB
 * recordings) through the same core and adapter code the app uses (src/core/media/container.ts,
 * src/adapters/crypto-age/stream.ts), to a file on disk and back, in Node. Memory is sampled every
 * 200 ms (MEDIA_SAMPLE_MS) after a garbage collection; the figure is the peak of what the process holds above its level before (JS heap plus
 * ArrayBuffers), against the budget: 2 x one chunk plus the rest of the data (the bundle's JSON).
 */
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { readContainer, writeContainer, type ContainerBlob } from '../../src/core/media/container';
import { decryptStream, encryptStream } from '../../src/adapters/crypto-age/stream';
import { generateIdentity } from '../../src/adapters/crypto-age/keys';
import { FILE_CHUNK_BYTES } from '../../src/adapters/storage-idb/blobs';

const MB = 1024 * 1024;

/** `size` bytes of a recording, generated piece by piece (1 MiB, the blob store's chunk), never whole. */
function* recording(seed: number, size: number): Generator<Uint8Array> {
  let x = seed;
  for (let o = 0; o < size; o += FILE_CHUNK_BYTES) {
    const piece = new Uint8Array(Math.min(FILE_CHUNK_BYTES, size - o));
    const w = new Uint32Array(piece.buffer, 0, piece.length >>> 2);
    for (let i = 0; i < w.length; i++) w[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    yield piece;
  }
}

// Garbage collections before each sample, so the figure is what is held (live), not garbage waiting.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function sampler() {
  const used = () => {
    // Twice: ArrayBuffers freed by the first collection are released by V8's sweeper afterwards, and
    // counted in process.memoryUsage().arrayBuffers until then (one collection left 10 MB of freed
    // buffers in the figure of a plain file read).
    gc();
    gc();
    const m = process.memoryUsage();
    return { js: m.heapUsed + m.arrayBuffers, rss: m.rss };
  };
  const base = used();
  let peak = { js: 0, rss: 0 };
  const timer = setInterval(() => {
    const u = used();
    peak = { js: Math.max(peak.js, u.js - base.js), rss: Math.max(peak.rss, u.rss - base.rss) };
  }, Number(process.env.MEDIA_SAMPLE_MS ?? 200));
  return { stop: () => (clearInterval(timer), peak) };
}

export interface MediaFigures {
  mediaBytes: number;
  fileBytes: number;
  bundleBytes: number;
  chunkBytes: number;
  exportMs: number;
  importMs: number;
  exportPeak: { js: number; rss: number };
  importPeak: { js: number; rss: number };
}

export async function mediaFigures(totalMb = 500, files = 5): Promise<MediaFigures> {
  const per = Math.floor((totalMb * MB) / files);
  const id = await generateIdentity();
  const bundleJson = JSON.stringify({ type: 'dala-bundle', version: 2, note: 'the responses of 50 interviews would be here', pad: 'x'.repeat(200_000) });
  // Digests first, as the blob store keeps them (sealed with each recording).
  const refs = [...Array(files).keys()].map((i) => {
    const h = sha256.create();
    for (const p of recording(i + 1, per)) h.update(p);
    return { id: `rec${i}-0000-4000`, type: 'audio/webm', size: per, sha256: bytesToHex(h.digest()), name: `story-rec${i}.webm` };
  });
  const path = join(tmpdir(), `dala-media-bench-${process.pid}.dala.age`);
  try {
    let s = sampler();
    let t = performance.now();
    const blobs: ContainerBlob[] = refs.map((ref, i) => ({ ref, bytes: async function* () { yield* recording(i + 1, per); } }));
    const out = createWriteStream(path);
    for await (const piece of encryptStream(writeContainer(bundleJson, blobs), { recipients: [id.recipient] })) {
      if (!out.write(piece)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const exportMs = performance.now() - t;
    const exportPeak = s.stop();

    s = sampler();
    t = performance.now();
    let read = 0;
    const input = createReadStream(path, { highWaterMark: 64 * 1024 });
    await readContainer(
      decryptStream(input as AsyncIterable<Uint8Array>, { identities: [id.identity] }),
      {
        bundle: () => {},
        // The app writes each piece to IndexedDB (BlobStore.importBlob); here it is counted and dropped.
        blob: async (_ref, bytes) => {
          for await (const p of bytes) read += p.byteLength;
        },
      },
    );
    const importMs = performance.now() - t;
    const importPeak = s.stop();
    if (read !== per * files) throw new Error(`read ${read} bytes of media, expected ${per * files}`);
    return { mediaBytes: per * files, fileBytes: statSync(path).size, bundleBytes: bundleJson.length, chunkBytes: FILE_CHUNK_BYTES, exportMs, importMs, exportPeak, importPeak };
  } finally {
    rmSync(path, { force: true });
  }
}

export function printMediaFigures(f: MediaFigures, line: (name: string, value: string, compare: string) => void): void {
  const mb = (n: number) => (n / MB).toFixed(1) + ' MB';
  const budget = 2 * f.chunkBytes + f.bundleBytes;
  line(`bundle with ${mb(f.mediaBytes)} of media: export (age, to disk)`, `${(f.exportMs / 1000).toFixed(1)} s`, `file ${mb(f.fileBytes)}`);
  line('  peak memory held (JS heap + buffers)', mb(f.exportPeak.js), `budget 2 x chunk + data = ${mb(budget)}: ${(f.exportPeak.js / budget).toFixed(2)}x; RSS +${mb(f.exportPeak.rss)}`);
  line('  import (from disk, checked)', `${(f.importMs / 1000).toFixed(1)} s`, '');
  line('  peak memory held (JS heap + buffers)', mb(f.importPeak.js), `budget ${mb(budget)}: ${(f.importPeak.js / budget).toFixed(2)}x; RSS +${mb(f.importPeak.rss)}`);
}

// `tsx test/bench/media.ts [MB]`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await mediaFigures(Number(process.argv[2] ?? 500));
  printMediaFigures(f, (n, v, c) => console.log(`${n.padEnd(52)} ${v.padStart(12)}   ${c}`));
}
