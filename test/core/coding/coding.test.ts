import { describe, expect, it } from 'vitest';
import { anchor, spanOf } from '../../../src/core/coding/anchor';
import { mergeCoding, nextRevision } from '../../../src/core/coding/merge';
import type { CodingEntry, PassageRecord } from '../../../src/core/coding/types';
import { codebookOf, codedPassages, countTable, coOccurrence, passagesByGroup } from '../../../src/core/coding/views';
import { demoBundle } from '../../../src/core/demo/bundle';
import { bundleFromDataset, mergeAll } from '../../../src/core/merge/dataset';
import { parseBundle } from '../../../src/core/bundle/parse';

const NOTE = 'Relatively few employees offer innovations because "initiative is punishable". Change comes from below.';

function passage(id: string, codes: string[], device: string, held: PassageRecord[] = []): PassageRecord {
  const start = NOTE.indexOf('"initiative is punishable"');
  return nextRevision<PassageRecord>(held, { type: 'passage', id, studyId: 's', responseId: '00000000-0000-4000-8000-000000000001', source: { kind: 'note', item: 'q5' }, ...spanOf(NOTE, start, start + 26), codes, by: device }, device, `2026-12-0${held.length + 1}T10:00:00.000Z`);
}

const entries = (m: Map<string, CodingEntry>) => [...m.values()];
/** What a device holds after adding records: mergeCoding returns only the entries that changed. */
const apply = (held: Map<string, CodingEntry>, records: PassageRecord[]) => new Map([...held, ...mergeCoding(held, records)]);

describe('a coded passage when its text is edited later', () => {
  const p = passage('p1', ['initiative'], 'laptop-a');
  it('stays where it is when the text around it is unchanged', () => {
    expect(anchor(p, NOTE)).toEqual({ status: 'ok', start: p.start, end: p.end });
  });
  it('moves with its words when text is inserted before it', () => {
    const edited = 'In 2019: ' + NOTE;
    const a = anchor(p, edited);
    expect(a.status).toBe('moved');
    if (a.status !== 'lost') expect(edited.slice(a.start, a.end)).toBe('"initiative is punishable"');
  });
  it('picks the occurrence whose context matches when the words appear twice', () => {
    const edited = '"initiative is punishable" (a saying). ' + NOTE;
    const a = anchor(p, edited);
    expect(a.status !== 'lost' && a.start).toBe(edited.lastIndexOf('"initiative is punishable"'));
  });
  it('says it was lost when its words are gone', () => {
    expect(anchor(p, 'Change comes from below.')).toEqual({ status: 'lost' });
  });
});

describe('two researchers code the same interview on two laptops', () => {
  it('their passages merge: both are kept, in either order, and merging again changes nothing', () => {
    const a = passage('pa', ['initiative'], 'laptop-a');
    const b = passage('pb', ['bottom-up'], 'laptop-b');
    const ab = apply(apply(new Map(), [a]), [b]);
    const ba = apply(apply(new Map(), [b]), [a]);
    expect(entries(ab).map((e) => e.id).sort()).toEqual(['pa', 'pb']);
    expect(new Map([...ab].sort())).toEqual(new Map([...ba].sort()));
    expect(mergeCoding(ab, [a, b]).size).toBe(0);
  });

  it('a disagreement on one passage is a conflict that keeps both, and a later choice resolves it', () => {
    const base = passage('p', ['initiative'], 'laptop-a');
    const onA = passage('p', ['initiative', 'top-down'], 'laptop-a', [base]);
    const onB = passage('p', ['bottom-up', 'initiative'], 'laptop-b', [base]);
    const merged = apply(apply(new Map(), [base, onA]), [onB]);
    const entry = [...merged.values()][0]!;
    expect(entry.revisions.map((r) => (r as PassageRecord).codes)).toEqual(expect.arrayContaining([['initiative', 'top-down'], ['bottom-up', 'initiative']]));
    expect(entry.revisions).toHaveLength(2);
    const chosen = passage('p', ['bottom-up', 'initiative', 'top-down'], 'laptop-a', entry.revisions as PassageRecord[]);
    expect(mergeCoding(merged, [chosen]).get('p')!.revisions).toEqual([chosen]);
    // An outdated revision arriving later changes nothing.
    expect(mergeCoding(new Map([['p', { id: 'p', studyId: 's', revisions: [chosen] }]]), [onB]).size).toBe(0);
  });
});

describe('the code view of the demo study', () => {
  const bundle = parseBundle(JSON.parse(JSON.stringify(demoBundle('test'))));
  const ents: CodingEntry[] = [];
  for (const r of bundle.coding!) ents.push({ id: r.id, studyId: r.studyId, revisions: [r] });
  const codebook = codebookOf(ents, 'innovative-civil-service');
  const passages = codedPassages({ studyId: 'innovative-civil-service', responses: bundle.responses, entries: ents, groupBy: 'sector' });

  it('shows the passages of a code by sector: public against private', () => {
    const leadership = passagesByGroup(passages, 'demo-leadership');
    expect([...leadership.keys()]).toEqual(['private', 'public']);
    expect(leadership.get('private')!.map((p) => p.response.respondentCode)).toEqual(['R2', 'R2']);
    expect(leadership.get('public')!.map((p) => p.text)).toEqual(['All decisions are reduced to the decision of the first head.']);
  });

  it('counts codes by group and their co-occurrence', () => {
    const table = countTable(codebook, passages);
    expect(table.groups).toEqual(['private', 'public']);
    const row = (name: string) => table.rows.find((r) => r.code.name === name)!;
    expect(row('top-down').counts).toEqual([1, 1]);
    expect(row('bottom-up').counts).toEqual([0, 2]);
    expect(row('institutional memory')).toMatchObject({ counts: [0, 1], respondents: 1 });
    const co = coOccurrence(codebook, passages);
    const i = co.codes.findIndex((c) => c.name === 'leadership');
    const j = co.codes.findIndex((c) => c.name === 'top-down');
    expect(co.counts[i]![j]).toBe(2);
    expect(co.counts[i]![i]).toBe(3);
  });

  it('codes and passages travel in bundles and survive a merge with themselves', () => {
    const again = bundleFromDataset(mergeAll([bundle, bundle]), { bundleId: 'x', createdAt: 'y', device: { id: 'r' }, appVersion: '1' });
    expect(again.coding).toHaveLength(bundle.coding!.length);
  });
});
