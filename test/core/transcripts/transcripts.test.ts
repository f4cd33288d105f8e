import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCoding, nextRevision } from '../../../src/core/coding/merge';
import { sourceText, textSources } from '../../../src/core/coding/sources';
import { codedPassages } from '../../../src/core/coding/views';
import { spanOf } from '../../../src/core/coding/anchor';
import type { CodingEntry, PassageRecord } from '../../../src/core/coding/types';
import { parseBundle, restoreBundle } from '../../../src/core/bundle/parse';
import { demoBundle } from '../../../src/core/demo/bundle';
import { demoStudy } from '../../../src/core/demo/demo-study';
import { bundleFromDataset, canonicalDataset, mergeAll } from '../../../src/core/merge/dataset';
import { csvText } from '../../../src/core/csv/write';
import { transcriptRows, TRANSCRIPT_HEADER } from '../../../src/core/transcripts/csv';
import { formatTime, groupByQuestion, insertParagraph, paragraphOffsets, questionAt, transcriptLookup, transcriptText } from '../../../src/core/transcripts/text';
import type { TranscriptEntry, TranscriptRecord } from '../../../src/core/transcripts/types';

const demo = demoBundle('test');
const R2 = demo.responses.find((r) => r.respondentCode === 'R2')!;
const TID = '7a000000-0000-4000-8000-000000000001';

function transcript(device: string, paragraphs: TranscriptRecord['paragraphs'], held: TranscriptRecord[] = [], at = '2026-12-03T10:00:00.000Z'): TranscriptRecord {
  return nextRevision<TranscriptRecord>(
    held,
    { type: 'transcript', id: TID, studyId: demoStudy.id, responseId: R2.id, paragraphs, markers: [{ item: 'q1', at: 0 }, { item: 'q5', at: 95 }], by: device },
    device,
    at,
  );
}

const P = [
  { at: 3.5, text: 'Interviewer: What factors influence the effective activity of the state apparatus?' },
  { at: 12, text: 'R2: Leadership, first of all. Management styles and quality.' },
  { at: 101.2, text: 'R2: Initiative is punishable, so few employees offer innovations.' },
];

describe('a transcript of an interview', () => {
  const t = transcript('laptop-a', P);

  it('is coded as one text: its paragraphs joined by a blank line, each paragraph at a known place', () => {
    const text = transcriptText(t);
    expect(text.split('\n\n')).toEqual(P.map((p) => p.text));
    expect(paragraphOffsets(t).map((o, i) => text.slice(o, o + P[i]!.text.length))).toEqual(P.map((p) => p.text));
  });

  it('groups its paragraphs by the question being asked when the recording has markers', () => {
    expect(groupByQuestion(t)).toEqual([
      { item: 'q1', at: 0, paragraphs: [0, 1] },
      { item: 'q5', at: 95, paragraphs: [2] },
    ]);
    expect(groupByQuestion({ paragraphs: P, markers: [] })).toEqual([{ at: 0, paragraphs: [0, 1, 2] }]);
    // Talk before the first question has its own group; a question with nothing said yet still shows.
    expect(groupByQuestion({ paragraphs: P, markers: [{ item: 'q1', at: 10 }, { item: 'q2', at: 50 }] })).toEqual([
      { at: 0, paragraphs: [0] },
      { item: 'q1', at: 10, paragraphs: [1] },
      { item: 'q2', at: 50, paragraphs: [2] },
    ]);
    expect(questionAt(t.markers, 96)).toBe('q5');
    expect(questionAt([{ item: 'q1', at: 5 }], 2)).toBeUndefined();
  });

  it('takes a new paragraph at the current time of the audio, in time order', () => {
    const { paragraphs, index } = insertParagraph(P, 50.26);
    expect(index).toBe(2);
    expect(paragraphs.map((p) => p.at)).toEqual([3.5, 12, 50.3, 101.2]);
    expect(insertParagraph([], Number.NaN).paragraphs).toEqual([{ at: 0, text: '' }]);
  });

  it('writes times as transcribers read them', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(101.27, true)).toBe('1:41.2');
    expect(formatTime(3725)).toBe('1:02:05');
  });

  it('is a text source of its response that coding reads, after the answers and notes', () => {
    const lookup = transcriptLookup([{ id: TID, studyId: demoStudy.id, revisions: [t] }]);
    const sources = textSources(demoStudy, R2, lookup);
    expect(sources.at(-1)).toEqual({ ref: { kind: 'transcript', id: TID }, text: transcriptText(t) });
    expect(sourceText(R2, { kind: 'transcript', id: TID }, lookup)).toBe(transcriptText(t));
    expect(lookup(demo.responses[0]!)).toEqual([]);
  });

  it('keeps a coded passage on its words when the transcript is edited before it, and says when they are gone', () => {
    const text = transcriptText(t);
    const start = text.indexOf('Initiative is punishable');
    const passage = nextRevision<PassageRecord>([], { type: 'passage', id: 'tp', studyId: demoStudy.id, responseId: R2.id, source: { kind: 'transcript', id: TID }, ...spanOf(text, start, start + 24), codes: ['demo-initiative'], by: 'a' }, 'a', '2026-12-03T10:00:00.000Z');
    const coding: CodingEntry[] = [{ id: 'tp', studyId: demoStudy.id, revisions: [passage] }];
    const edited = transcript('laptop-a', [{ at: 1, text: 'Recording starts.' }, ...P], [t]);
    const at = (x: TranscriptRecord) => codedPassages({ studyId: demoStudy.id, responses: [R2], entries: coding, groupBy: 'sector', transcripts: transcriptLookup([{ id: TID, studyId: demoStudy.id, revisions: [x] }]) })[0]!;
    expect(at(t).at.status).toBe('ok');
    const moved = at(edited);
    expect(moved.at.status).toBe('moved');
    expect(moved.text).toBe('Initiative is punishable');
    expect(moved.group).toBe('private');
    expect(at(transcript('laptop-a', P.slice(0, 2), [t])).at.status).toBe('lost');
  });
});

describe('two devices edit the same transcript', () => {
  const base = transcript('laptop-a', P.slice(0, 1));
  const onA = transcript('laptop-a', [...P.slice(0, 1), { at: 12, text: 'R2: Leadership.' }], [base], '2026-12-03T11:00:00.000Z');
  const onB = transcript('laptop-b', [{ at: 3.5, text: 'Q: What factors influence the state apparatus?' }], [base], '2026-12-03T12:00:00.000Z');
  const apply = (held: Map<string, TranscriptEntry>, records: TranscriptRecord[]) => new Map([...held, ...mergeCoding(held, records)]);

  it('keeps both edits as a conflict, in either order, and merging again changes nothing', () => {
    const ab = apply(apply(new Map(), [base, onA]), [onB]);
    const ba = apply(apply(new Map(), [base, onB]), [onA]);
    expect(ab.get(TID)!.revisions).toHaveLength(2);
    expect(ab).toEqual(ba);
    expect(mergeCoding(ab, [base, onA, onB]).size).toBe(0);
  });

  it('a later edit that saw both resolves it; the older edits arriving again change nothing', () => {
    const held = apply(new Map(), [base, onA, onB]);
    const chosen = transcript('laptop-a', onB.paragraphs, held.get(TID)!.revisions, '2026-12-03T13:00:00.000Z');
    const after = apply(held, [chosen]);
    expect(after.get(TID)!.revisions).toEqual([chosen]);
    expect(mergeCoding(after, [onA, onB]).size).toBe(0);
  });

  it('merges through bundles like answers: the dataset keeps both revisions and writes them back', () => {
    const a = { ...demo, transcripts: [base, onA] };
    const b = { ...demo, transcripts: [onB] };
    const d1 = mergeAll([a, b]);
    const d2 = mergeAll([b, a]);
    expect(canonicalDataset(d1)).toBe(canonicalDataset(d2));
    expect(d1.transcripts.get(TID)).toHaveLength(2);
    const out = bundleFromDataset(d1, { bundleId: demo.bundleId, createdAt: demo.createdAt, device: { id: 'cli' }, appVersion: 'test' });
    expect(out.transcripts).toHaveLength(2);
    expect(parseBundle(JSON.parse(JSON.stringify(out))).transcripts).toEqual(out.transcripts);
  });
});

describe('transcripts in bundles', () => {
  const t = transcript('laptop-a', P);

  it('a bundle carries them, checked record by record', () => {
    const parsed = parseBundle(JSON.parse(JSON.stringify({ ...demo, transcripts: [t] })));
    expect(parsed.transcripts).toEqual([t]);
  });

  it('a bundle written before transcripts existed opens with none', () => {
    const old = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/device-a.dala.json'), 'utf8'));
    expect(old.transcripts).toBeUndefined();
    expect(parseBundle(old).transcripts).toBeUndefined();
  });

  it('a damaged transcript is set aside with where and what, the rest is read', () => {
    const bad = [
      { ...t, paragraphs: [{ at: 10, text: 'b' }, { at: 2, text: 'a' }] },
      { ...t, id: 'not-a-uuid' },
      { ...t, paragraphs: [{ at: -1, text: 'x' }] },
      { ...t, markers: [{ item: 'q1', at: 'soon' }] },
    ];
    const { bundle, setAside } = restoreBundle(JSON.parse(JSON.stringify({ ...demo, transcripts: [t, ...bad] })));
    expect(bundle.transcripts).toEqual([t]);
    expect(setAside.map((x) => [x.list, x.index, x.reason])).toEqual([
      ['transcripts', 1, expect.stringContaining('not in time order')],
      ['transcripts', 2, expect.stringContaining('not a UUID')],
      ['transcripts', 3, expect.stringContaining('paragraphs[0].at')],
      ['transcripts', 4, expect.stringContaining('markers[0].at')],
    ]);
  });
});

describe('transcripts as CSV', () => {
  it('writes one row per paragraph with its time and the question asked then', () => {
    const t = transcript('laptop-a', P);
    const rows = transcriptRows([{ id: TID, studyId: demoStudy.id, revisions: [t] }], demo.responses);
    expect(TRANSCRIPT_HEADER).toEqual(['transcriptId', 'responseId', 'respondentCode', 'media', 'revision', 'paragraph', 'start', 'time', 'item', 'text', 'transcriber', 'savedAt']);
    expect(rows.map((r) => [r[2], r[5], r[6], r[7], r[8], r[9]])).toEqual([
      ['R2', 1, 3.5, '0:03', 'q1', P[0]!.text],
      ['R2', 2, 12, '0:12', 'q1', P[1]!.text],
      ['R2', 3, 101.2, '1:41', 'q5', P[2]!.text],
    ]);
    const text = csvText(TRANSCRIPT_HEADER, rows);
    expect(text.split('\r\n')[1]).toContain(`${TID},${R2.id},R2,,,1,3.5,0:03,q1,`);
  });

  it('a transcript in conflict writes each revision, numbered; a transcript of another study\'s response is left out', () => {
    const base = transcript('a', P.slice(0, 1));
    const x = transcript('a', P.slice(0, 2), [base]);
    const y = transcript('b', P.slice(0, 1).map((p) => ({ ...p, text: 'other' })), [base]);
    const rows = transcriptRows([{ id: TID, studyId: demoStudy.id, revisions: [x, y] }], demo.responses);
    expect(rows.map((r) => [r[4], r[5]])).toEqual([[1, 1], [1, 2], [2, 1]]);
    expect(transcriptRows([{ id: TID, studyId: demoStudy.id, revisions: [x] }], [])).toEqual([]);
  });
});
