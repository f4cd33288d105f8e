/**
 * Transcripts on this device (docs/transcripts.md): a response's transcript read and written through
 * the store (each save a new revision, durable before it resolves, sealed under the data lock like
 * every record), and the audio the transcription view plays.
 *
 * The audio comes from an `AudioSource`: `(response) => Promise<Blob | undefined>`. Today it is the
 * file the researcher opened from disk for that interview (kept in memory while the app is open, as
 * oTranscribe does: the transcript is stored, the audio file is opened again when needed). The
 * recording work plugs its stored recording in by giving Dala another source (`setAudioSource`).
 * Loaded with the transcription view, never on the first page.
 */
import type { Store } from '../adapters/storage-idb/store';
import { nextRevision } from '../core/coding/merge';
import type { BundleResponse } from '../core/bundle/types';
import type { Instrument } from '../core/instrument/types';
import type { Paragraph, QuestionMarker, TranscriptEntry, TranscriptRecord } from '../core/transcripts/types';
import { sessionToResponse } from './transfer';

/** Where the transcription view gets a response's audio. */
export type AudioSource = (response: BundleResponse) => Promise<Blob | undefined>;

export interface TranscriptDeps {
  store: Store;
  deviceId: string;
  now: () => string;
  newId: () => string;
  /** The transcriber's name (the device's label). */
  by: () => Promise<string>;
  audio: AudioSource;
}

export interface TranscriptOpen {
  response: BundleResponse;
  instrument: Instrument;
  /** The response's transcript with its revisions (more than one: a conflict to resolve first), or none yet. */
  entry: TranscriptEntry | undefined;
}

export class TranscriptService {
  constructor(private readonly d: TranscriptDeps) {}

  /** A response with its transcript (the first live one; a response has one transcript per recording). */
  async open(studyId: string, studyVersion: string, responseId: string): Promise<TranscriptOpen | undefined> {
    const [study, data, entries] = await Promise.all([this.d.store.getStudy(studyId, studyVersion), this.d.store.readStudyData(studyId, studyVersion), this.d.store.readTranscripts(studyId)]);
    const held = data.sessions.find((s) => s.session.id === responseId);
    if (!study || !held) return undefined;
    const mine = entries.filter((e) => e.revisions.some((r) => r.responseId === responseId && !r.deleted)).sort((a, b) => (a.id < b.id ? -1 : 1));
    return { response: sessionToResponse(held.session, held.answers), instrument: study.instrument, entry: mine[0] };
  }

  /** The audio of a response, from the source Dala was given (undefined: the researcher opens a file). */
  audioFor(response: BundleResponse): Promise<Blob | undefined> {
    return this.d.audio(response);
  }

  /**
   * Saves the transcript's paragraphs and markers as a new revision (a new transcript when `id` is
   * none). Durable before it resolves. It follows every revision held, so it must not be called while
   * a conflict is open unless the researcher chose (`keep`).
   */
  async save(args: { id?: string; studyId: string; responseId: string; paragraphs: readonly Paragraph[]; markers: readonly QuestionMarker[]; media?: string }): Promise<TranscriptRecord> {
    const id = args.id ?? this.d.newId();
    const by = await this.d.by();
    return this.d.store.writeCoding<TranscriptRecord>(id, (held) => {
      const change: Omit<TranscriptRecord, 'rev'> = { type: 'transcript', id, studyId: args.studyId, responseId: args.responseId, paragraphs: args.paragraphs.map((p) => ({ at: p.at, text: p.text })), markers: args.markers.map((m) => ({ item: m.item, at: m.at })), by };
      const media = args.media ?? held.find((h) => h.media)?.media;
      if (media) change.media = media;
      return nextRevision<TranscriptRecord>(held, change, this.d.deviceId, this.d.now());
    });
  }

  /** Resolves a conflict: `chosen` (one of the revisions held) becomes the transcript, after all of them. */
  keep(chosen: TranscriptRecord): Promise<TranscriptRecord> {
    return this.d.store.writeCoding<TranscriptRecord>(chosen.id, (held) => {
      const { rev: _rev, ...rest } = chosen;
      return nextRevision<TranscriptRecord>(held, rest, this.d.deviceId, this.d.now());
    });
  }
}
