/**
 * Media answers: what the screens call to store a photo, a chosen file, a drawing or a recording,
 * and to show or play one back. The durability contract is the answers' (src/app/answer-saver.ts):
 * the bytes are durable in the blob store (src/adapters/storage-idb/blobs.ts) before the answer that
 * refers to them is written, and the screen shows "saved" only once that answer is durable too.
 *
 * Bad input never costs what is saved: a file over its limit, of the wrong type, or a picture that
 * cannot be read is refused with a `MediaError` whose message says what and why, before anything is
 * written; the item's previous answer stays.
 */
import type { Instrument, Item } from '../core/instrument/types';
import { checkMediaFile, formatBytes, maxBytesOf, maxPixelsOf, storedName } from '../core/media/kinds';
import type { MediaRef } from '../core/media/ref';
import type { Store } from '../adapters/storage-idb/store';
import { BlobStore, refOf, type BlobRecord } from '../adapters/storage-idb/blobs';
import { ChunkedRecorder, pickMimeType, type RecorderState } from '../adapters/media/recorder';

export class MediaError extends Error {
  constructor(
    readonly code: 'too-large' | 'wrong-type' | 'unreadable' | 'no-device' | 'write',
    message: string,
  ) {
    super(message);
  }
}

export interface MediaDeps {
  store: Store;
  newId: () => string;
  now: () => string;
}

export interface Where {
  instrument: Instrument;
  item: Item;
  sessionId: string;
}

/** A recording in progress, as the screen sees it. */
export interface Recording {
  readonly recorder: ChunkedRecorder;
  readonly blobId: string;
  /** Stops, seals the blob and returns the reference for the answer. */
  finish(): Promise<MediaRef>;
}

export class MediaService {
  readonly blobs: BlobStore;

  constructor(private readonly deps: MediaDeps) {
    this.blobs = new BlobStore(deps.store);
  }

  /**
   * Stores a chosen or taken file (a picture is scaled down to the item's max-pixels first) and
   * returns the reference for its answer. Throws MediaError for a file the item does not take.
   */
  async saveFile(where: Where, file: Blob & { name?: string }, scale?: (blob: Blob, maxPixels: number) => Promise<{ blob: Blob }>): Promise<MediaRef> {
    const name = file.name || 'file';
    const first = checkMediaFile(where.instrument, where.item, { name, size: file.size, type: file.type });
    // A picture larger than the limit may still fit once scaled down: check it after scaling.
    const maxPixels = maxPixelsOf(where.item);
    let blob: Blob = file;
    if (where.item.type === 'image' && maxPixels && scale && (first === null || file.size > maxBytesOf(where.instrument, where.item))) {
      if (!file.type.startsWith('image/')) throw new MediaError('wrong-type', first ?? `the file ${name} is not a picture`);
      try {
        blob = (await scale(file, maxPixels)).blob;
      } catch (e) {
        throw new MediaError('unreadable', `the picture ${name} could not be read: ${(e as Error).message}`);
      }
    }
    const problem = checkMediaFile(where.instrument, where.item, { name, size: blob.size, type: blob.type || file.type });
    if (problem) throw new MediaError(problem.includes('at most') ? 'too-large' : problem.includes('empty') ? 'unreadable' : 'wrong-type', problem);
    const id = this.deps.newId();
    const type = blob.type || file.type || 'application/octet-stream';
    const record = await this.blobs.putBlob(
      { id, studyId: where.instrument.id, sessionId: where.sessionId, item: where.item.name, type, name: storedName(where.item.name, id, type, name) },
      streamOf(blob),
      this.deps.now(),
    );
    return refOf(record);
  }

  /**
   * Starts recording `stream` into a new blob, chunk by chunk (each chunk durable as it arrives).
   * The recording stops by itself at the item's size limit (`onLimit`).
   */
  async startRecording(
    where: Where,
    stream: MediaStream,
    opts: { kind: 'audio' | 'video'; now: () => number; timesliceMs?: number; onState?: (s: RecorderState) => void; onError?: (e: unknown) => void; onLimit?: () => void },
  ): Promise<Recording> {
    const id = this.deps.newId();
    const mimeType = pickMimeType(opts.kind);
    const type = (mimeType ?? `${opts.kind}/webm`).split(';')[0]!;
    await this.blobs.startRecording(
      { id, studyId: where.instrument.id, sessionId: where.sessionId, item: where.item.name, type: mimeType ?? type, name: storedName(where.item.name, id, type) },
      this.deps.now(),
    );
    const limit = maxBytesOf(where.instrument, where.item);
    let written = 0;
    const recorder = new ChunkedRecorder({
      stream,
      ...(mimeType ? { mimeType } : {}),
      timesliceMs: opts.timesliceMs ?? 3000,
      now: opts.now,
      sink: async (index, bytes) => {
        if (written + bytes.byteLength > limit) {
          opts.onLimit?.();
          throw new MediaError('too-large', `the recording reached this question's limit of ${formatBytes(limit)} and was stopped`);
        }
        await this.blobs.appendChunk(id, index, bytes, this.deps.now());
        written += bytes.byteLength;
      },
      ...(opts.onState ? { onState: opts.onState } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
    recorder.start();
    return {
      recorder,
      blobId: id,
      finish: async () => {
        let durationMs: number | undefined;
        try {
          durationMs = (await recorder.stop()).durationMs;
        } catch {
          // The sink failed (the limit, a full disk): what was written is kept, sealed below.
        }
        const rec = await this.blobs.finishRecording(id, this.deps.now(), durationMs);
        if (rec.size === 0) throw new MediaError('unreadable', 'nothing was recorded');
        return refOf(rec);
      },
    };
  }

  /**
   * At start: recordings a killed browser left open are sealed as partial (up to their last whole
   * chunk), and each becomes its item's answer unless the item already has a media answer (that one,
   * reported saved, is kept). Returns the recovered blobs.
   */
  async recover(): Promise<BlobRecord[]> {
    const recovered = await this.blobs.recover(this.deps.now());
    for (const r of recovered) {
      if (r.size === 0) continue;
      const session = await this.deps.store.getSession(r.sessionId);
      if (!session) continue;
      const answers = await this.deps.store.getAnswers(r.sessionId);
      if (answers.some((a) => a.item === r.item && a.media)) continue;
      await this.deps.store.saveAnswer(r.sessionId, { item: r.item, value: r.name, media: refOf(r), at: this.deps.now() });
    }
    return recovered;
  }

  /** The bytes of a blob, for viewing and playback; null when the device does not have them. */
  blob(id: string): Promise<Blob | null> {
    return this.blobs.blob(id);
  }

  usageByStudy(): Promise<Map<string, number>> {
    return this.blobs.usageByStudy();
  }
}

/** A Blob read as pieces (its own stream: never the whole file in memory at once). */
async function* streamOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = (blob.stream() as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
