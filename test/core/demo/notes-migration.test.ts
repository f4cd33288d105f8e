import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundleText } from '../../../src/core/bundle/parse';
import { instrumentLookup } from '../../../src/core/bundle/parse';
import { demoStudy } from '../../../src/core/demo/demo-study';
import { detailsToNotes } from '../../../src/core/demo/notes-migration';

const fixture = readFileSync(new URL('../../fixtures/bundles/demo-2020-1-notes.dala.json', import.meta.url), 'utf8');

describe('notes, once: the demo study’s separate note items become the questions’ notes', () => {
  it('a bundle of today’s Dala with version 2020-1 notes opens as 2020-2 with every note kept', () => {
    const bundle = parseBundleText(fixture, { file: 'old.dala.json', instruments: instrumentLookup([demoStudy]) });
    const r = bundle.responses[0]!;
    expect(r.studyVersion).toBe('2020-2');
    expect(Object.keys(r.answers).filter((k) => k.endsWith('_details'))).toEqual([]);
    expect(r.answers.q1).toMatchObject({ value: ['A', 'B'], note: 'Hesitated over C.\n\nStrategy first; people make it work.', at: '2026-11-19T10:06:00.000Z' });
    // A question not answered keeps the note all the same.
    expect(r.answers.q3).toEqual({ value: null, note: 'Initiative is punishable, so nobody proposes anything.', at: '2026-11-19T10:09:00.000Z' });
    // An empty details item brings nothing.
    expect(r.answers.q4).toBeUndefined();
    expect(bundle.studies.map((s) => s.studyVersion).sort()).toEqual(['2020-1', '2020-2']);
    // The version vector is untouched: every reader migrates a copy the same way, so copies stay equal.
    expect(r.revision.vv).toEqual({ 'tablet-2020-1': 6 });
  });

  it('is deterministic and leaves other answers as they were', () => {
    const answers: Record<string, { value: string | null; note?: string; at: string }> = { q2: { value: "A", at: "t1" }, q2_details: { value: "Benefits matter.", at: "t0" } };
    const once = detailsToNotes(answers, (_i, at) => ({ value: null as string | null, at }));
    expect(once).toEqual({ q2: { value: 'A', note: 'Benefits matter.', at: 't1' } });
    expect(detailsToNotes(answers, (_i, at) => ({ value: null as string | null, at }))).toEqual(once);
    expect(answers.q2).toEqual({ value: 'A', at: 't1' });
  });
});
