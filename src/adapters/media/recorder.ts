/**
 * A chunked recorder over MediaRecorder: one recorder, two uses (the audio and video questions of a
 * form, and the recording of a whole interview).
 *
 * MediaRecorder hands over a chunk every `timesliceMs` (3 s by default); each chunk goes to `sink`
 * with its index (0, 1, 2, ...), one at a time and in order (the next write starts only after the
 * previous one resolved), so a sink that writes each chunk in its own durable transaction
 * (BlobStore.appendChunk) loses at most the last chunk when the browser is killed. The chunks
 * concatenated are the recording (a WebM or MP4 stream as the browser writes it).
 *
 * The recorder knows nothing of storage, answers or questions: the caller gives the stream, the sink
 * and a clock. When the platform stops the recording by itself (the track ended: a screen lock, the
 * microphone taken away), `onInterrupted` says so; the caller may start a new segment when it can.
 */

export type RecorderState = 'idle' | 'recording' | 'paused' | 'stopped' | 'interrupted';

export interface RecorderOptions {
  stream: MediaStream;
  /** A MIME type the browser supports (`pickMimeType`); default: the browser's choice. */
  mimeType?: string;
  /** How often a chunk is handed over, in ms (default 3000). */
  timesliceMs?: number;
  /** Writes chunk `index`; the recorder waits for it before the next. A rejection stops the recording (`onError`). */
  sink: (index: number, bytes: Uint8Array) => Promise<void>;
  /** A monotonic clock in ms (performance.now in the browser). */
  now: () => number;
  onState?: (state: RecorderState) => void;
  onError?: (error: unknown) => void;
  onInterrupted?: () => void;
}

export interface RecordingResult {
  mimeType: string;
  chunks: number;
  bytes: number;
  /** Time spent recording (pauses excluded), ms. */
  durationMs: number;
}

/** The first of the usual container types the browser can record, or undefined for its default. */
export function pickMimeType(kind: 'audio' | 'video', isSupported: (t: string) => boolean = (t) => MediaRecorder.isTypeSupported(t)): string | undefined {
  const candidates =
    kind === 'audio'
      ? ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4']
      : ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
  return candidates.find((t) => isSupported(t));
}

export class ChunkedRecorder {
  private recorder: MediaRecorder | null = null;
  private chain: Promise<void> = Promise.resolve();
  private index = 0;
  private bytes = 0;
  private activeMs = 0;
  private since = 0;
  private failed: unknown = null;
  private stopped: Promise<void> | null = null;
  state: RecorderState = 'idle';

  constructor(private readonly options: RecorderOptions) {}

  /** Milliseconds recorded so far (pauses excluded). */
  elapsedMs(): number {
    return this.activeMs + (this.state === 'recording' ? this.options.now() - this.since : 0);
  }

  private set(state: RecorderState) {
    this.state = state;
    this.options.onState?.(state);
  }

  start(): void {
    if (this.state !== 'idle') throw new Error(`cannot start a recorder that is ${this.state}`);
    const { stream, mimeType, timesliceMs = 3000 } = this.options;
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    this.recorder = rec;
    rec.addEventListener('dataavailable', (e) => {
      const blob = (e as BlobEvent).data;
      if (!blob || blob.size === 0) return;
      // Chained: chunk n+1 is written only after chunk n, whatever the sink's speed.
      this.chain = this.chain.then(async () => {
        if (this.failed) return;
        try {
          const bytes = new Uint8Array(await blob.arrayBuffer());
          await this.options.sink(this.index, bytes);
          this.index++;
          this.bytes += bytes.byteLength;
        } catch (err) {
          this.failed = err;
          this.options.onError?.(err);
          try {
            if (rec.state !== 'inactive') rec.stop();
          } catch {
            /* already stopped */
          }
        }
      });
    });
    this.stopped = new Promise((resolve) => rec.addEventListener('stop', () => resolve(), { once: true }));
    for (const track of stream.getTracks()) {
      track.addEventListener('ended', () => {
        if (this.state === 'recording' || this.state === 'paused') {
          this.activeMs = this.elapsedMs();
          this.set('interrupted');
          this.options.onInterrupted?.();
        }
      });
    }
    rec.start(timesliceMs);
    this.since = this.options.now();
    this.set('recording');
  }

  pause(): void {
    if (this.state !== 'recording' || !this.recorder) return;
    this.recorder.pause();
    // Hand over what was recorded before the pause, so it is durable while paused.
    this.recorder.requestData();
    this.activeMs += this.options.now() - this.since;
    this.set('paused');
  }

  resume(): void {
    if (this.state !== 'paused' || !this.recorder) return;
    this.recorder.resume();
    this.since = this.options.now();
    this.set('recording');
  }

  /** Stops, waits until every chunk is written, and says what was recorded. Throws the sink's error, if any. */
  async stop(): Promise<RecordingResult> {
    const rec = this.recorder;
    if (!rec) throw new Error('the recorder never started');
    if (this.state === 'recording') this.activeMs += this.options.now() - this.since;
    if (rec.state !== 'inactive') rec.stop();
    await this.stopped;
    await this.chain;
    for (const track of this.options.stream.getTracks()) track.stop();
    this.set('stopped');
    if (this.failed) throw this.failed;
    return { mimeType: rec.mimeType || this.options.mimeType || '', chunks: this.index, bytes: this.bytes, durationMs: Math.round(this.activeMs) };
  }
}
