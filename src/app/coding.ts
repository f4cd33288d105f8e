/**
 * Qualitative coding on this device (docs/coding.md): the study's codebook and coded passages, read
 * and written through the store (each write a new revision, durable before it resolves), and the
 * researcher's views of them. Loaded with the coding screen, never on the first page.
 */
import type { Store } from '../adapters/storage-idb/store';
import { spanOf } from '../core/coding/anchor';
import { nextRevision } from '../core/coding/merge';
import type { CodeRecord, CodingEntry, PassageRecord, SourceRef } from '../core/coding/types';
import { codebookOf, codedPassages, countTable, coOccurrence, type Codebook, type CodedPassage, type CountTable } from '../core/coding/views';
import { passageRows, PASSAGE_HEADER } from '../core/coding/csv';
import { csvText } from '../core/csv/write';
import type { BundleResponse } from '../core/bundle/types';
import { sessionToResponse } from './transfer';
import type { TranscriptLookup } from '../core/coding/sources';
import { transcriptLookup } from '../core/transcripts/text';
import { transcriptRows, TRANSCRIPT_HEADER } from '../core/transcripts/csv';
import type { TranscriptEntry } from '../core/transcripts/types';
import type { CodingRecord } from '../core/coding/types';

export interface CodingDeps {
  store: Store;
  deviceId: string;
  now: () => string;
  newId: () => string;
}

export interface CodingView {
  codebook: Codebook;
  responses: BundleResponse[];
  passages: CodedPassage[];
  counts: CountTable;
  cooccurrence: ReturnType<typeof coOccurrence>;
  entries: CodingEntry[];
  /** The responses' transcripts, as coding reads them (docs/transcripts.md). */
  transcripts: TranscriptLookup;
  transcriptEntries: TranscriptEntry[];
}

/** How many live passages use a code, and how many of them have no other code. */
export function codeUse(view: Pick<CodingView, 'passages'>, codeId: string): { n: number; alone: number } {
  const mine = view.passages.filter((p) => p.passage.codes.includes(codeId));
  return { n: mine.length, alone: mine.filter((p) => p.passage.codes.length === 1).length };
}

export class CodingService {
  constructor(private readonly d: CodingDeps) {}

  /** Everything the coding screens show for a study version, grouped by `groupBy` (a select_one item, or ''). */
  async view(studyId: string, studyVersion: string, groupBy: string): Promise<CodingView> {
    const [entries, data, transcriptEntries] = await Promise.all([this.d.store.readCoding(studyId), this.d.store.readStudyData(studyId, studyVersion), this.d.store.readTranscripts(studyId)]);
    const responses = data.sessions.map(({ session, answers }) => sessionToResponse(session, answers));
    const codebook = codebookOf(entries, studyId);
    const transcripts = transcriptLookup(transcriptEntries);
    const passages = codedPassages({ studyId, responses, entries, groupBy, transcripts });
    return { codebook, responses, passages, counts: countTable(codebook, passages), cooccurrence: coOccurrence(codebook, passages), entries, transcripts, transcriptEntries };
  }

  /** Adds a code, or changes one (`id` given). */
  saveCode(studyId: string, code: { id?: string; name: string; description?: string; color: string; parent?: string; memo?: string }): Promise<CodeRecord> {
    const id = code.id ?? this.d.newId();
    return this.d.store.writeCoding(id, (held) => {
      const change: Omit<CodeRecord, 'rev'> = { type: 'code', id, studyId, name: code.name.trim(), color: code.color };
      if (code.description?.trim()) change.description = code.description.trim();
      if (code.memo?.trim()) change.memo = code.memo.trim();
      if (code.parent && code.parent !== id) change.parent = code.parent;
      return nextRevision<CodeRecord>(held, change, this.d.deviceId, this.d.now());
    }) as Promise<CodeRecord>;
  }

  /** Codes the span [start, end) of a source's text (as it is now) with `codes`. */
  codePassage(args: { studyId: string; responseId: string; source: SourceRef; text: string; start: number; end: number; codes: string[]; by: string; memo?: string }): Promise<PassageRecord> {
    const id = this.d.newId();
    return this.d.store.writeCoding(id, (held) => {
      const change: Omit<PassageRecord, 'rev'> = {
        type: 'passage',
        id,
        studyId: args.studyId,
        responseId: args.responseId,
        source: args.source,
        ...spanOf(args.text, args.start, args.end),
        codes: [...new Set(args.codes)].sort(),
        by: args.by,
      };
      if (args.memo) change.memo = args.memo;
      return nextRevision<PassageRecord>(held, change, this.d.deviceId, this.d.now());
    }) as Promise<PassageRecord>;
  }

  /** Changes a passage's codes (none left: the passage is deleted, as a tombstone that travels). */
  setPassageCodes(p: PassageRecord, codes: string[]): Promise<PassageRecord> {
    return this.d.store.writeCoding(p.id, (held) => {
      const { rev: _rev, deleted: _d, ...rest } = p;
      const change: Omit<PassageRecord, 'rev'> = { ...rest, codes: [...new Set(codes)].sort() };
      if (codes.length === 0) change.deleted = true;
      return nextRevision<PassageRecord>(held, change, this.d.deviceId, this.d.now());
    }) as Promise<PassageRecord>;
  }

  /** A passage's memo ('' removes it). */
  setPassageMemo(p: PassageRecord, memo: string): Promise<PassageRecord> {
    return this.d.store.writeCoding(p.id, (held) => {
      const { rev: _rev, memo: _m, ...rest } = p;
      const change: Omit<PassageRecord, 'rev'> = { ...rest };
      if (memo.trim()) change.memo = memo.trim();
      return nextRevision<PassageRecord>(held, change, this.d.deviceId, this.d.now());
    }) as Promise<PassageRecord>;
  }

  /**
   * Deletes a code (the researcher confirmed, told `codeUse`): it is taken off every passage that has
   * it, a passage left with no code is deleted, then the code. Each is a revision that travels (a
   * tombstone), so another device's edit of them meets it as a conflict, not a silent loss.
   */
  async deleteCode(view: Pick<CodingView, 'passages'>, code: CodeRecord): Promise<void> {
    for (const x of view.passages) if (x.passage.codes.includes(code.id)) await this.setPassageCodes(x.passage, x.passage.codes.filter((c) => c !== code.id));
    await this.d.store.writeCoding(code.id, (held) => {
      const { rev: _rev, ...rest } = code;
      return nextRevision<CodeRecord>(held, { ...rest, deleted: true }, this.d.deviceId, this.d.now());
    });
  }

  /** Resolves a coders' disagreement: `chosen` (one of the revisions held) wins, after all of them. */
  keep(chosen: CodingRecord): Promise<CodingRecord> {
    return this.d.store.writeCoding(chosen.id, (held) => {
      const { rev: _rev, ...rest } = chosen;
      return nextRevision<CodingRecord>(held, rest, this.d.deviceId, this.d.now());
    });
  }

  /** The transcripts as CSV (one row per paragraph). */
  transcriptsCsv(view: CodingView): string {
    return csvText(TRANSCRIPT_HEADER, transcriptRows(view.transcriptEntries, view.responses));
  }

  /** The coded passages as CSV (one row per passage). */
  passagesCsv(view: CodingView): string {
    return csvText(PASSAGE_HEADER, passageRows(view.codebook, view.passages));
  }
}
