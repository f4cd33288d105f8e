/**
 * A transcript and the coding screen's edits on real stores (fake IndexedDB): a transcript travels
 * between two laptops, two edits made apart meet as a conflict the researcher resolves; a code is
 * deleted only with what it does to its passages; memos are kept.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { commitImport, prepareImport, studyBundle, type ImportTrust } from '../../src/app/transfer';
import { TranscriptService } from '../../src/app/transcripts';
import { CodingService, codeUse } from '../../src/app/coding';
import type { StudyRecord } from '../../src/app/model';
import { demoStudy } from '../../src/core/demo/demo-study';
import { parseBundle } from '../../src/core/bundle/parse';

const TRUST_OLD_FILES: ImportTrust = { studies: [], pinned: {}, researcherKeys: new Set(), devices: new Map(), allowUnsigned: true };
const RESPONSE = '00000000-0000-4000-8000-0000000000b2';
let n = 0;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 11, 3, 10, 0, clock++)).toISOString();
const study: StudyRecord = { id: demoStudy.id, studyVersion: demoStudy.studyVersion, instrument: demoStudy, addedAt: '2026-12-01T00:00:00.000Z', source: 'demo' };

async function laptop(device: string) {
  const store = await Store.open({ name: `dala-transcripts-${++n}` });
  await store.putStudy(study);
  let id = 0;
  const newId = () => `7a000000-0000-4000-8000-${device.endsWith('a') ? 'a' : 'b'}${String(++id).padStart(11, '0')}`;
  const transcripts = new TranscriptService({ store, deviceId: device, now, newId, by: async () => device, audio: async () => undefined });
  const coding = new CodingService({ store, deviceId: device, now, newId });
  return { store, transcripts, coding, device };
}

async function handOver(from: Awaited<ReturnType<typeof laptop>>, to: Awaited<ReturnType<typeof laptop>>) {
  const { bundle } = await studyBundle(from.store, study, { bundleId: '5eed2020-0000-4000-8000-00000000aaaa', createdAt: now(), device: { id: from.device }, appVersion: 'test', includeExamples: true });
  const read = parseBundle(JSON.parse(JSON.stringify(bundle)));
  const prepared = await prepareImport(to.store, [{ file: `${from.device}.json`, bundle: read }], { id: `imp-${++n}`, at: now() }, TRUST_OLD_FILES);
  await commitImport(to.store, prepared, { id: to.device });
}

describe('a transcript between two laptops', () => {
  it('travels with its interview; two edits made apart are both kept until the researcher keeps one', async () => {
    const a = await laptop('laptop-a');
    const b = await laptop('laptop-b');
    await a.store.createSession({ id: RESPONSE, studyId: study.id, studyVersion: study.studyVersion, respondentCode: 'R2', interviewer: 'AK', status: 'complete', lang: 'ru', createdAt: now(), updatedAt: now(), consent: { agreed: true, by: 'AK', at: now(), version: '1', lang: 'ru' }, deviceId: 'laptop-a', seq: 0 }, [{ item: 'q1', value: ['A'], at: now() }]);
    const first = await a.transcripts.save({ studyId: study.id, responseId: RESPONSE, paragraphs: [{ at: 2, text: 'Q: What factors matter?' }], markers: [{ item: 'q1', at: 0 }] });
    await handOver(a, b);
    const onB = await b.transcripts.open(study.id, study.studyVersion, RESPONSE);
    expect(onB?.entry?.revisions).toEqual([first]);

    // Both edit it apart.
    await a.transcripts.save({ id: first.id, studyId: study.id, responseId: RESPONSE, paragraphs: [...first.paragraphs, { at: 9, text: 'R2: Leadership.' }], markers: first.markers });
    await b.transcripts.save({ id: first.id, studyId: study.id, responseId: RESPONSE, paragraphs: [{ at: 2, text: 'Q: Which factors matter most?' }], markers: first.markers });
    await handOver(b, a);
    const conflict = (await a.transcripts.open(study.id, study.studyVersion, RESPONSE))!.entry!;
    expect(conflict.revisions.map((r) => r.paragraphs.map((p) => p.text))).toEqual(expect.arrayContaining([['Q: What factors matter?', 'R2: Leadership.'], ['Q: Which factors matter most?']]));
    expect(conflict.revisions).toHaveLength(2);

    // A file whose only news is a transcript is still worth importing: the report counts it.
    await b.transcripts.save({ id: first.id, studyId: study.id, responseId: RESPONSE, paragraphs: [{ at: 2, text: 'Q: Which factors matter most, and why?' }], markers: first.markers });
    const { bundle } = await studyBundle(b.store, study, { bundleId: '5eed2020-0000-4000-8000-00000000bbbb', createdAt: now(), device: { id: 'laptop-b' }, appVersion: 'test', includeExamples: true });
    const prepared = await prepareImport(a.store, [{ file: 'b.json', bundle: parseBundle(JSON.parse(JSON.stringify(bundle))) }], { id: 'imp-x', at: now() }, TRUST_OLD_FILES);
    expect(prepared.reports[0]!.counts).toMatchObject({ new: 0, updated: 0, conflict: 0 });
    expect(prepared.research).toBe(1);
    await commitImport(a.store, prepared, { id: 'laptop-a' });
    const three = (await a.store.readTranscript(first.id))!.revisions;
    expect(three.map((r) => r.paragraphs[0]!.text).sort()).toEqual(['Q: What factors matter?', 'Q: Which factors matter most, and why?']);
    conflict.revisions = three;

    // The researcher keeps laptop B's version; it follows both, so it travels back as the winner.
    const kept = await a.transcripts.keep(conflict.revisions.find((r) => r.rev.device === 'laptop-b')!);
    expect((await a.store.readTranscript(first.id))!.revisions).toEqual([kept]);
    await handOver(a, b);
    expect((await b.store.readTranscript(first.id))!.revisions.map((r) => r.paragraphs)).toEqual([[{ at: 2, text: 'Q: Which factors matter most, and why?' }]]);
    a.store.close();
    b.store.close();
  });
});

describe('the recording work fills the markers', () => {
  it('puts a recording\'s question markers and media id on the transcript, keeping its paragraphs', async () => {
    const a = await laptop('laptop-a');
    await a.store.createSession({ id: RESPONSE, studyId: study.id, studyVersion: study.studyVersion, respondentCode: 'R2', interviewer: 'AK', status: 'complete', lang: 'ru', createdAt: now(), updatedAt: now(), consent: { agreed: true, by: 'AK', at: now(), version: '1', lang: 'ru' }, deviceId: 'laptop-a', seq: 0 }, []);
    const made = await a.transcripts.setMarkers({ studyId: study.id, studyVersion: study.studyVersion, responseId: RESPONSE, media: 'rec-1', markers: [{ item: 'q2', at: 40 }, { item: 'q1', at: 3 }] });
    expect(made).toMatchObject({ media: 'rec-1', paragraphs: [], markers: [{ item: 'q1', at: 3 }, { item: 'q2', at: 40 }] });
    await a.transcripts.save({ id: made!.id, studyId: study.id, responseId: RESPONSE, paragraphs: [{ at: 5, text: 'Q1 asked.' }], markers: made!.markers });
    const again = await a.transcripts.setMarkers({ studyId: study.id, studyVersion: study.studyVersion, responseId: RESPONSE, media: 'rec-1', markers: [{ item: 'q1', at: 3.5 }] });
    expect(again).toMatchObject({ id: made!.id, media: 'rec-1', paragraphs: [{ at: 5, text: 'Q1 asked.' }], markers: [{ item: 'q1', at: 3.5 }] });
    a.store.close();
  });
});

describe('the coding screen\'s edits', () => {
  it('a code is deleted with what it does to its passages said first: taken off them, a passage with no other code removed', async () => {
    const a = await laptop('laptop-a');
    const lead = await a.coding.saveCode(study.id, { name: 'leadership', color: '#1f77b4', memo: 'who decides' });
    const apathy = await a.coding.saveCode(study.id, { name: 'apathy', color: '#ff7f0e' });
    await a.store.createSession({ id: RESPONSE, studyId: study.id, studyVersion: study.studyVersion, respondentCode: 'R2', interviewer: 'AK', status: 'complete', lang: 'ru', createdAt: now(), updatedAt: now(), consent: { agreed: true, by: 'AK', at: now(), version: '1', lang: 'ru' }, deviceId: 'laptop-a', seq: 0 }, [{ item: 'q5', value: null, note: 'All decisions are reduced to the decision of the first head. Nobody cares.', at: now() }]);
    const note = 'All decisions are reduced to the decision of the first head. Nobody cares.';
    const only = await a.coding.codePassage({ studyId: study.id, responseId: RESPONSE, source: { kind: 'note', item: 'q5' }, text: note, start: 0, end: 13, codes: [lead.id], by: 'a' });
    const both = await a.coding.codePassage({ studyId: study.id, responseId: RESPONSE, source: { kind: 'note', item: 'q5' }, text: note, start: 60, end: 72, codes: [lead.id, apathy.id], by: 'a' });
    await a.coding.setPassageMemo(both, 'said quietly');
    let view = await a.coding.view(study.id, study.studyVersion, '');
    expect(view.codebook.byId.get(lead.id)?.memo).toBe('who decides');
    expect(view.passages.find((p) => p.passage.id === both.id)?.passage.memo).toBe('said quietly');
    expect(codeUse(view, lead.id)).toEqual({ n: 2, alone: 1 });

    await a.coding.deleteCode(view, view.codebook.byId.get(lead.id)!);
    view = await a.coding.view(study.id, study.studyVersion, '');
    expect(view.codebook.codes.map((c) => c.name)).toEqual(['apathy']);
    expect(view.passages.map((p) => [p.passage.id, p.passage.codes, p.passage.memo])).toEqual([[both.id, [apathy.id], 'said quietly']]);
    // Nothing is dropped: the code and the passage are tombstones that travel.
    const all = await a.store.readCoding(study.id);
    expect(all.find((e) => e.id === lead.id)!.revisions[0]).toMatchObject({ deleted: true, name: 'leadership' });
    expect(all.find((e) => e.id === only.id)!.revisions[0]).toMatchObject({ deleted: true });
    a.store.close();
  });

  it('two researchers edit one code apart: both versions are kept until one is kept', async () => {
    const a = await laptop('laptop-a');
    const b = await laptop('laptop-b');
    const code = await a.coding.saveCode(study.id, { name: 'initiative', color: '#2ca02c' });
    await handOver(a, b);
    await a.coding.saveCode(study.id, { id: code.id, name: 'initiative is punishable', color: '#2ca02c' });
    await b.coding.saveCode(study.id, { id: code.id, name: 'initiative', color: '#d62728', memo: 'fear of acting first' });
    await handOver(b, a);
    let view = await a.coding.view(study.id, study.studyVersion, '');
    const entry = view.entries.find((e) => e.id === code.id)!;
    expect(entry.revisions).toHaveLength(2);
    expect(view.codebook.conflicts).toEqual([code.id]);
    await a.coding.keep(entry.revisions.find((r) => r.rev.device === 'laptop-b')!);
    view = await a.coding.view(study.id, study.studyVersion, '');
    expect(view.codebook.conflicts).toEqual([]);
    expect(view.codebook.byId.get(code.id)).toMatchObject({ name: 'initiative', color: '#d62728', memo: 'fear of acting first' });
    a.store.close();
    b.store.close();
  });
});
