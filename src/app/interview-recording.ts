/**
 * The recording of a whole interview (docs/interview-recording.md): the interviewer records the
 * conversation while moving through the sections, with the same chunked recorder as an audio
 * question (src/adapters/media/recorder.ts through MediaService.startRecording: one recorder, two
 * uses). It lives in the app, above the section screens: changing section, going to the review or
 * redrawing the screen does not stop it.
 *
 * - The instrument's `background-audio` item is the recording: it records only while that item is
 *   relevant (its `relevant` is the respondent's consent to recording, a question of its own, apart
 *   from the consent to the interview), and its answer refers to the recording's first segment.
 * - Chunks are durable in the blob store as they come (every 3 s): a killed browser loses at most
 *   the last chunk, and the recovery at the next start makes the recording the item's answer.
 * - Where the platform ends the recording (the microphone's track ended: a screen lock, another app
 *   took the microphone), the segment is sealed, the app says so, and a new segment starts when it
 *   can (the page visible again, or the interviewer asks). Segments are separate files, in order.
 * - Every question shown while recording is marked on the recording's timeline ({item, at}: seconds
 *   into the recording, pauses excluded, across segments) in the response's transcript
 *   (src/core/transcripts/), written durably at once, so the transcription view groups by question
 *   and plays from any question's marker.
 */
import type { Answer } from '../core/responses/types';
import type { Instrument, Item } from '../core/instrument/types';
import type { MediaRef } from '../core/media/ref';
import type { QuestionMarker, TranscriptRecord } from '../core/transcripts/types';
import { currentRevision, nextRevision } from '../core/coding/merge';
import type { Store } from '../adapters/storage-idb/store';
import type { MediaService, Recording } from './media';

export type InterviewStatus = 'idle' | 'starting' | 'recording' | 'paused' | 'interrupted' | 'saving';

/** Why the app speaks up while recording. */
export type InterviewNote = 'interrupted' | 'resumed' | 'hidden' | 'failed' | null;

export interface InterviewView {
  sessionId: string | null;
  status: InterviewStatus;
  note: InterviewNote;
  /** The reason of a failure, in the browser's words (status 'idle', note 'failed'). */
  detail: string;
  /** Segments recorded in this interview (1 unless the platform stopped the recording). */
  segments: number;
}

export interface InterviewRecorderDeps {
  media: () => Promise<MediaService>;
  store: Store;
  deviceId: string;
  /** ISO time. */
  now: () => string;
  newId: () => string;
  /** A monotonic clock in ms (performance.now). */
  clock: () => number;
  /** The microphone (getUserMedia with audio). */
  microphone: () => Promise<MediaStream>;
  /** Writes an answer durably (Dala.saveAnswer). */
  saveAnswer: (sessionId: string, answer: Answer) => Promise<unknown>;
  timesliceMs?: number;
}

export interface InterviewWhere {
  instrument: Instrument;
  /** The `background-audio` item. */
  item: Item;
  sessionId: string;
}

interface Active {
  where: InterviewWhere;
  transcriptId: string;
  /** Recorded before the current segment, ms. */
  offsetMs: number;
  segment: Recording | null;
  /** The first segment's blob: the item's answer, the transcript's media. */
  firstBlob: string | null;
  markers: QuestionMarker[];
  lastItem: string | null;
}

/** The background-audio item of an instrument (the interview's recording), if it has one. */
export function recordingItem(instrument: Instrument): Item | undefined {
  for (const s of instrument.sections) for (const it of s.items) if (it.type === 'background-audio') return it;
  return undefined;
}

/** A marker's time: seconds, in tenths. */
const seconds = (ms: number) => Math.round(ms / 100) / 10;

export class InterviewRecorder {
  private active: Active | null = null;
  private state: InterviewView = { sessionId: null, status: 'idle', note: null, detail: '', segments: 0 };
  private readonly listeners = new Set<(v: InterviewView) => void>();
  /** Transcript writes, one after another (each durable before the next). */
  private writes: Promise<unknown> = Promise.resolve();
  /** While a screen shows the runner: how it hands the recording's answer to its saver. */
  answerWith: ((sessionId: string, item: string, media: MediaRef) => void) | null = null;

  constructor(private readonly d: InterviewRecorderDeps) {}

  view(): InterviewView {
    return this.state;
  }

  subscribe(listener: (v: InterviewView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<InterviewView>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l(this.state);
  }

  /** Milliseconds into the recording (pauses excluded, across segments). */
  elapsedMs(): number {
    const a = this.active;
    if (!a) return 0;
    return a.offsetMs + (a.segment?.recorder.elapsedMs() ?? 0);
  }

  /** Whether `sessionId` is being recorded (or paused, or waiting for a new segment). */
  isRecording(sessionId: string): boolean {
    return this.active?.where.sessionId === sessionId;
  }

  /**
   * Starts recording the interview (a new segment after any recorded before for this session: the
   * timeline goes on where it ended). `item`: the question on screen, marked at once.
   */
  async start(where: InterviewWhere, item?: string): Promise<void> {
    if (this.active) {
      if (this.active.where.sessionId === where.sessionId) return;
      await this.stop();
    }
    this.set({ sessionId: where.sessionId, status: 'starting', note: null, detail: '', segments: 0 });
    try {
      const { transcript, offsetMs, firstBlob } = await this.resumeFrom(where);
      this.active = {
        where,
        transcriptId: transcript?.id ?? this.d.newId(),
        offsetMs,
        segment: null,
        firstBlob,
        markers: transcript ? [...transcript.markers] : [],
        lastItem: null,
      };
      await this.newSegment();
      if (item) this.mark(where.sessionId, item);
    } catch (e) {
      this.active = null;
      this.set({ status: 'idle', note: 'failed', detail: (e as Error).message || String(e) });
    }
  }

  /** What this session recorded before: its transcript (markers), the time recorded, the first file. */
  private async resumeFrom(where: InterviewWhere): Promise<{ transcript: TranscriptRecord | undefined; offsetMs: number; firstBlob: string | null }> {
    const media = await this.d.media();
    const before = (await media.blobs.listBySession(where.sessionId)).filter((b) => b.item === where.item.name && b.size > 0).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const entries = await this.d.store.readTranscripts(where.instrument.id);
    const mine = entries.map((e) => currentRevision(e.revisions)).find((t) => t.responseId === where.sessionId && !t.deleted && (t.media === undefined || before.some((b) => b.id === t.media)));
    const recorded = before.reduce((n, b) => n + (b.durationMs ?? 0), 0);
    const lastMarker = Math.max(0, ...(mine?.markers ?? []).map((m) => m.at * 1000));
    return { transcript: mine, offsetMs: Math.max(recorded, lastMarker), firstBlob: before[0]?.id ?? null };
  }

  private async newSegment(): Promise<void> {
    const a = this.active;
    if (!a) return;
    const stream = await this.d.microphone();
    const media = await this.d.media();
    try {
      a.segment = await media.startRecording(a.where, stream, {
        kind: 'audio',
        now: this.d.clock,
        ...(this.d.timesliceMs ? { timesliceMs: this.d.timesliceMs } : {}),
        onState: (s) => {
          if (s === 'interrupted') void this.interrupted();
        },
        onError: (e) => this.set({ note: 'failed', detail: (e as Error).message || String(e) }),
      });
    } catch (e) {
      for (const t of stream.getTracks()) t.stop();
      throw e;
    }
    if (!a.firstBlob) a.firstBlob = a.segment.blobId;
    this.set({ status: 'recording', segments: this.state.segments + 1 });
    // The transcript names the first file at once, and keeps the markers from here on.
    this.write();
  }

  /** The platform ended the recording: seal the segment; a new one starts when it can (`resumeSegment`). */
  private async interrupted(): Promise<void> {
    const a = this.active;
    if (!a?.segment) return;
    this.set({ status: 'saving', note: 'interrupted' });
    await this.endSegment(a);
    this.set({ status: 'interrupted', note: 'interrupted' });
    if (typeof document === 'undefined' || document.visibilityState === 'visible') await this.resumeSegment();
  }

  /** After an interruption: a new segment, when the microphone can be had again. */
  async resumeSegment(): Promise<void> {
    const a = this.active;
    if (!a || a.segment || this.state.status !== 'interrupted') return;
    try {
      await this.newSegment();
      this.set({ note: 'resumed' });
    } catch (e) {
      this.set({ status: 'interrupted', note: 'interrupted', detail: (e as Error).message || String(e) });
    }
  }

  /** Stops the segment and seals its file; the first one becomes the item's answer. */
  private async endSegment(a: Active): Promise<MediaRef | undefined> {
    const seg = a.segment;
    if (!seg) return undefined;
    a.segment = null;
    const before = seg.recorder.elapsedMs();
    let ref: MediaRef | undefined;
    try {
      ref = await seg.finish();
    } catch {
      // Nothing was recorded in this segment (stopped at once): no file to keep.
    }
    a.offsetMs += ref?.durationMs ?? before;
    if (ref && ref.id === a.firstBlob) {
      const { sessionId } = a.where;
      if (this.answerWith) this.answerWith(sessionId, a.where.item.name, ref);
      else await this.d.saveAnswer(sessionId, { item: a.where.item.name, value: ref.name, media: ref, at: this.d.now() });
    }
    return ref;
  }

  pause(): void {
    if (this.state.status !== 'recording') return;
    this.active?.segment?.recorder.pause();
    this.set({ status: 'paused' });
  }

  resume(): void {
    if (this.state.status !== 'paused') return;
    this.active?.segment?.recorder.resume();
    this.set({ status: 'recording' });
  }

  /** Stops the recording: the last segment sealed, the markers written. */
  async stop(): Promise<void> {
    const a = this.active;
    if (!a) return;
    this.set({ status: 'saving' });
    try {
      await this.endSegment(a);
      await this.writes;
    } finally {
      this.active = null;
      this.set({ sessionId: null, status: 'idle', note: null, detail: '' });
    }
  }

  /** A question is shown (or has the focus): marked on the timeline, unless it is the last one marked. */
  mark(sessionId: string, item: string): void {
    const a = this.active;
    if (!a || a.where.sessionId !== sessionId || a.lastItem === item) return;
    this.markAt(a, item);
  }

  private markAt(a: Active, item: string): void {
    a.lastItem = item;
    a.markers.push({ item, at: seconds(this.elapsedMs()) });
    this.write();
  }

  /** Writes the transcript's markers (and its media) as a new revision, after the writes before it. */
  private write(): void {
    const a = this.active;
    if (!a) return;
    const { transcriptId, where } = a;
    const markers = [...a.markers];
    const media = a.firstBlob;
    this.writes = this.writes
      .then(() =>
        this.d.store.writeCoding<TranscriptRecord>(transcriptId, (held) => {
          const cur = held.length > 0 ? currentRevision(held) : undefined;
          const change: Omit<TranscriptRecord, 'rev'> = {
            type: 'transcript',
            id: transcriptId,
            studyId: where.instrument.id,
            responseId: where.sessionId,
            paragraphs: cur?.paragraphs ?? [],
            markers,
            by: cur?.by ?? 'interviewer',
          };
          const m = cur?.media ?? media;
          if (m) change.media = m;
          return nextRevision<TranscriptRecord>(held, change, this.d.deviceId, this.d.now());
        }),
      )
      .catch((e: unknown) => this.set({ note: 'failed', detail: (e as Error).message || String(e) }));
  }

  /** The page was hidden and is visible again: say so; start a new segment if the platform stopped the last. */
  async visible(): Promise<void> {
    if (!this.active) return;
    if (this.state.status === 'interrupted') await this.resumeSegment();
    else if (this.state.status === 'recording') this.set({ note: 'hidden' });
  }

  /**
   * The recorded audio of a response, for the transcription view: the item's answer's file (its
   * first segment), or the first recording this device holds for it.
   */
  async audioOf(response: { id: string; answers: Record<string, { media?: MediaRef }> }): Promise<Blob | undefined> {
    const media = await this.d.media();
    for (const name in response.answers) {
      const ref = response.answers[name]!.media;
      if (ref && ref.type.startsWith('audio/')) {
        const rec = await media.blobs.get(ref.id);
        if (rec?.state === 'complete' || rec?.state === 'partial') return (await media.blob(ref.id)) ?? undefined;
      }
    }
    const held = (await media.blobs.listBySession(response.id)).filter((b) => (b.state === 'complete' || b.state === 'partial') && b.type.startsWith('audio/'));
    held.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    return held[0] ? ((await media.blob(held[0].id)) ?? undefined) : undefined;
  }
}
