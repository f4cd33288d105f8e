/**
 * A 60-minute interview recording (issue 17): generated as the interview recorder writes it (a
 * chunk every 3 s, appended durably to the blob store: src/adapters/storage-idb/blobs.ts over
 * fake-indexeddb in Node), exported as an encrypted bundle with media (src/app/media-bundle.ts, the
 * app's own export path: read from the store a chunk at a time, container, age stream, to a file)
 * and imported from that file into a fresh store (decrypted as a stream, each file written and
 * checked as it arrives: BlobStore.importBlob). Peak memory is sampled as the media bench does
 * (./media.ts `sampler`: after a garbage collection, JS heap plus ArrayBuffers above the level
 * before), against the budget: 2 x one chunk plus the data (the bundle's JSON).
 *
 * The import writes 1 MiB chunks into the store, and fake-indexeddb keeps the store in the same
 * process's memory: what stays held once the import is over (the new store's content) is not the
 * import's, so it is printed apart and the import's own peak is the level above it.
 */
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sampler } from './media';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** What the process holds now, after a garbage collection (as the sampler counts it). */
function held(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const MB = 1024 * 1024;

export interface RecordingFigures {
  minutes: number;
  chunks: number;
  recorderChunkBytes: number;
  mediaBytes: number;
  fileBytes: number;
  bundleBytes: number;
  /** The largest chunk held at once: the import regroups into the store's 1 MiB chunks. */
  chunkBytes: number;
  writeMs: number;
  exportMs: number;
  importMs: number;
  exportPeak: number;
  /** The first export's peak, which also loads the encryption code. */
  exportCold: number;
  importPeak: number;
  importStored: number;
}

/** One chunk of a recording, as MediaRecorder hands it over (bytes that do not compress, like Opus). */
function chunkOf(i: number, size: number): Uint8Array {
  const piece = new Uint8Array(size);
  const w = new Uint32Array(piece.buffer, 0, size >>> 2);
  let x = i + 1;
  for (let k = 0; k < w.length; k++) w[k] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  return piece;
}

export async function recordingFigures(minutes = 60, kbps = 128, sliceS = 3): Promise<RecordingFigures> {
  // Sampled every 100 ms (the media bench's 200 ms would miss more of an export's short peaks).
  const interval = process.env.MEDIA_SAMPLE_MS;
  process.env.MEDIA_SAMPLE_MS = process.env.RECORDING_SAMPLE_MS ?? '100';
  try {
    return await measure(minutes, kbps, sliceS);
  } finally {
    if (interval === undefined) delete process.env.MEDIA_SAMPLE_MS;
    else process.env.MEDIA_SAMPLE_MS = interval;
  }
}

async function measure(minutes: number, kbps: number, sliceS: number): Promise<RecordingFigures> {
  // IndexedDB in Node (as the unit tests have it); loaded here, so the other benches' process is left as it is.
  const fake: string = 'fake-indexeddb/auto';
  await import(fake);
  const { Store } = await import('../../src/adapters/storage-idb/store');
  const { BlobStore, FILE_CHUNK_BYTES, refOf } = await import('../../src/adapters/storage-idb/blobs');
  const { sealedBundleWithMedia, openSealed, importContainer } = await import('../../src/app/media-bundle');
  const { generateIdentity } = await import('../../src/adapters/crypto-age/keys');

  const T = '2026-12-03T10:00:00.000Z';
  const chunks = Math.round((minutes * 60) / sliceS);
  const recorderChunkBytes = Math.round(((kbps * 1000) / 8) * sliceS);
  const id = 'aaaaaaaa-0000-4000-8000-000000000060';
  const store = await Store.open({ name: `bench-recording-${process.pid}` });
  const blobs = new BlobStore(store);
  let t = performance.now();
  await blobs.startRecording({ id, studyId: 'innovative-civil-service', sessionId: 's-60', item: 'interview_audio', type: 'audio/webm;codecs=opus', name: `interview_audio-${id.slice(0, 8)}.webm` }, T);
  for (let i = 0; i < chunks; i++) await blobs.appendChunk(id, i, chunkOf(i, recorderChunkBytes), T);
  const record = await blobs.finishRecording(id, T, minutes * 60_000);
  const writeMs = performance.now() - t;
  const ref = refOf(record);
  const responses = [{ answers: { interview_audio: { value: ref.name, media: ref, at: T } } }];
  const bundleJson = JSON.stringify({ type: 'dala-bundle', version: 2, responses, note: 'one interview', pad: 'x'.repeat(100_000) });
  const keys = await generateIdentity();
  const path = join(tmpdir(), `dala-recording-bench-${process.pid}.dala.age`);
  const target = await Store.open({ name: `bench-recording-in-${process.pid}` });
  try {
    // Exported twice: the first run also loads the age and scrypt code (held by the heap for good);
    // the figure is the second's.
    const exportOnce = async () => {
      const s = sampler();
      const t0 = performance.now();
      const out = createWriteStream(path);
      for await (const piece of sealedBundleWithMedia(bundleJson, responses, blobs, { recipients: [keys.recipient] })) {
        if (!out.write(piece)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      return { ms: performance.now() - t0, peak: s.stop().js };
    };
    const cold = await exportOnce();
    const warm = await exportOnce();
    const exportMs = warm.ms;
    const exportPeak = warm.peak;
    const exportCold = cold.peak;

    const into = new BlobStore(target);
    const before = held();
    const s = sampler();
    t = performance.now();
    const input = createReadStream(path, { highWaterMark: 64 * 1024 });
    const { files } = await importContainer(openSealed(input as AsyncIterable<Uint8Array>, { identities: [keys.identity] }), into, T, () => ({ studyId: 'innovative-civil-service', sessionId: 's-60', item: 'interview_audio' }));
    const importMs = performance.now() - t;
    const importPeakRaw = s.stop().js;
    // What stays held once the import is over is the new store's content (fake-indexeddb keeps it in memory).
    const stored = Math.max(0, held() - before);
    const got = await into.get(id);
    if (files[0]?.outcome !== 'added' || got?.sha256 !== ref.sha256 || got.size !== ref.size) throw new Error('the recording did not import whole');
    return {
      minutes,
      chunks,
      recorderChunkBytes,
      mediaBytes: ref.size,
      fileBytes: statSync(path).size,
      bundleBytes: bundleJson.length,
      chunkBytes: FILE_CHUNK_BYTES,
      writeMs,
      exportMs,
      importMs,
      exportPeak,
      exportCold,
      importPeak: Math.max(0, importPeakRaw - stored),
      importStored: stored,
    };
  } finally {
    store.close();
    target.close();
    rmSync(path, { force: true });
  }
}

export function printRecordingFigures(f: RecordingFigures, line: (name: string, value: string, compare: string) => void): void {
  const mb = (n: number) => (n / MB).toFixed(1) + ' MB';
  const budget = 2 * f.chunkBytes + f.bundleBytes;
  line(`${f.minutes}-minute recording: ${f.chunks} chunks of ${(f.recorderChunkBytes / 1024).toFixed(0)} KB written`, `${(f.writeMs / 1000).toFixed(1)} s`, `${mb(f.mediaBytes)} in the blob store`);
  line('  export (bundle with media, age, to disk)', `${(f.exportMs / 1000).toFixed(1)} s`, `file ${mb(f.fileBytes)}`);
  line('  peak memory held (JS heap + buffers)', mb(f.exportPeak), `budget 2 x chunk (${mb(f.chunkBytes)}) + data (${mb(f.bundleBytes)}) = ${mb(budget)}: ${(f.exportPeak / budget).toFixed(2)}x (first export, loading the age code too: ${mb(f.exportCold)})`);
  line('  import (from disk, decrypted, checked, into the store)', `${(f.importMs / 1000).toFixed(1)} s`, '');
  line('  peak memory held (JS heap + buffers)', mb(f.importPeak), `budget ${mb(budget)}: ${(f.importPeak / budget).toFixed(2)}x (above the ${mb(f.importStored)} the in-memory store now holds)`);
}

// `tsx test/bench/recording.ts [MINUTES]`: this figure alone.
if (process.argv[1]?.endsWith('recording.ts')) {
  const line = (name: string, value: string, compare: string) => console.log(`${name.padEnd(62)} ${value.padStart(10)}  ${compare}`);
  void recordingFigures(Number(process.argv[2] ?? 60)).then((f) => printRecordingFigures(f, line));
}
