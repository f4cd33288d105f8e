import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { MediaService } from '../../src/app/media';
import { InterviewRecorder, recordingItem } from '../../src/app/interview-recording';
import { demoStudy } from '../../src/core/demo/demo-study';
import type { Answer } from '../../src/core/responses/types';

/**
 * A MediaRecorder as the browser's behaves for the recorder: a chunk per `requestData`/stop, the
 * `stop` event after the last chunk. The microphone's track can be ended by "the platform".
 */
class FakeTrack extends EventTarget {
  stopped = false;
  stop() {
    this.stopped = true;
  }
  end() {
    this.dispatchEvent(new Event('ended'));
  }
}
class FakeStream {
  readonly track = new FakeTrack();
  getTracks() {
    return [this.track];
  }
}
class FakeMediaRecorder extends EventTarget {
  static isTypeSupported = (t: string) => t === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  mimeType: string;
  constructor(_stream: unknown, opts?: { mimeType?: string }) {
    super();
    this.mimeType = opts?.mimeType ?? 'audio/webm';
  }
  private emit() {
    const e = new Event('dataavailable') as Event & { data: Blob };
    e.data = new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])]);
    this.dispatchEvent(e);
  }
  start() {
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  requestData() {
    this.emit();
  }
  stop() {
    this.emit();
    this.state = 'inactive';
    setTimeout(() => this.dispatchEvent(new Event('stop')), 0);
  }
}

let n = 0;
let store: Store;
let clock = 0;
let streams: FakeStream[] = [];
let answers: { sessionId: string; answer: Answer }[] = [];
const T = '2026-12-03T10:00:00.000Z';

function recorder() {
  let id = 0;
  const newId = () => `0000000${++id}-aaaa-4000-8000-${String(n).padStart(12, '0')}`;
  const media = new MediaService({ store, newId, now: () => T });
  return new InterviewRecorder({
    media: async () => media,
    store,
    deviceId: 'tablet-1',
    now: () => T,
    newId,
    clock: () => clock,
    microphone: async () => {
      const s = new FakeStream();
      streams.push(s);
      return s as unknown as MediaStream;
    },
    saveAnswer: async (sessionId, answer) => void answers.push({ sessionId, answer }),
  });
}

const where = { instrument: demoStudy, item: recordingItem(demoStudy)!, sessionId: 'session-1' };
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(async () => {
  (globalThis as { MediaRecorder?: unknown }).MediaRecorder = FakeMediaRecorder;
  store = await Store.open({ name: `dala-interview-rec-${++n}` });
  clock = 0;
  streams = [];
  answers = [];
});
afterEach(() => store.close());

describe('recording a whole interview', () => {
  it('the demo study records through its background-audio item, relevant only with consent to recording', () => {
    expect(where.item.name).toBe('interview_audio');
    expect(where.item.relevant).toBe("${rec_consent} = 'yes'");
  });

  it('marks each question shown on the timeline, pauses excluded, in the response transcript; the answer is the recording', async () => {
    const rec = recorder();
    await rec.start(where, 'rec_consent');
    expect(rec.view()).toMatchObject({ status: 'recording', sessionId: 'session-1', segments: 1 });
    clock = 2000;
    rec.mark('session-1', 'q1');
    rec.mark('session-1', 'q1'); // the same question again: one marker
    clock = 3000;
    rec.pause();
    clock = 5000;
    rec.mark('session-1', 'q2'); // shown while paused: where the recording goes on
    rec.resume();
    clock = 6500;
    rec.mark('session-1', 'q3');
    clock = 7000;
    await rec.stop();
    expect(rec.view().status).toBe('idle');
    const [entry] = await store.readTranscripts(demoStudy.id);
    const t = entry!.revisions[0]!;
    expect(t.responseId).toBe('session-1');
    expect(t.markers).toEqual([
      { item: 'rec_consent', at: 0 },
      { item: 'q1', at: 2 },
      { item: 'q2', at: 3 },
      { item: 'q3', at: 4.5 },
    ]);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.answer).toMatchObject({ item: 'interview_audio', media: { id: t.media, type: 'audio/webm;codecs=opus', durationMs: 5000 } });
    expect(streams.every((s) => s.track.stopped)).toBe(true);
  });

  it('when the platform ends the microphone, the segment is sealed, a new one starts, and the timeline goes on across both', async () => {
    const rec = recorder();
    await rec.start(where, 'q1');
    clock = 4000;
    streams[0]!.track.end();
    await settle();
    expect(rec.view()).toMatchObject({ status: 'recording', note: 'resumed', segments: 2 });
    clock = 6000;
    rec.mark('session-1', 'q2');
    clock = 9000;
    await rec.stop();
    const media = new MediaService({ store, newId: () => 'x', now: () => T });
    const blobs = await media.blobs.listBySession('session-1');
    expect(blobs.map((b) => [b.state, b.durationMs])).toEqual([
      ['complete', 4000],
      ['complete', 5000],
    ]);
    const t = (await store.readTranscripts(demoStudy.id))[0]!.revisions[0]!;
    expect(t.markers).toEqual([
      { item: 'q1', at: 0 },
      { item: 'q2', at: 6 },
    ]);
    // The answer is the first segment; the transcript names it.
    expect(answers.map((a) => a.answer.media?.id)).toEqual([t.media]);
  });

  it('a second recording of the same interview continues its timeline and its transcript', async () => {
    let rec = recorder();
    await rec.start(where, 'q1');
    clock = 3000;
    await rec.stop();
    rec = recorder();
    clock = 10_000;
    await rec.start(where, 'q4');
    clock = 12_000;
    await rec.stop();
    const entries = await store.readTranscripts(demoStudy.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.revisions[0]!.markers).toEqual([
      { item: 'q1', at: 0 },
      { item: 'q4', at: 3 },
    ]);
  });

  it('a microphone that cannot be had says why and records nothing', async () => {
    const media = new MediaService({ store, newId: () => 'y', now: () => T });
    const rec = new InterviewRecorder({
      media: async () => media,
      store,
      deviceId: 'tablet-1',
      now: () => T,
      newId: () => 'z',
      clock: () => clock,
      microphone: async () => {
        throw new Error('Permission denied');
      },
      saveAnswer: async () => {},
    });
    await rec.start(where, 'q1');
    expect(rec.view()).toMatchObject({ status: 'idle', note: 'failed', detail: 'Permission denied' });
    expect(await media.blobs.listBySession('session-1')).toEqual([]);
  });
});
