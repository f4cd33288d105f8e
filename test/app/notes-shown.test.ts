import { describe, expect, it } from 'vitest';
import { choiceMatrix, type ResultsResponse } from '../../src/app/results';
import { demoExampleResponses } from '../../src/core/demo/example-data';
import { demoStudy } from '../../src/core/demo/demo-study';
import { demoBundle } from '../../src/core/demo/bundle';
import { wideTable } from '../../src/core/csv/export';

describe('notes, once: the interviewer’s notes show beside the answers', () => {
  it('in Results, Table 2: each note under its respondent’s answer', () => {
    const responses: ResultsResponse[] = demoExampleResponses.map((r) => ({
      id: r.id,
      session: { respondentCode: r.respondentCode, interviewer: 'AK', status: 'complete', createdAt: '2024-03-01T10:00:00.000Z', example: true },
      answers: r.answers,
      other: r.other ?? {},
      notes: r.notes ?? {},
    }));
    const m = choiceMatrix(demoStudy, responses, { lang: 'en', profileField: '', otherLabel: 'Other', quote: (t) => `“${t}”`, unscaledLabel: '' });
    const q5 = m.groups.flatMap((g) => g.rows).find((r) => r.item === 'q5')!;
    expect(q5.cells[0]!.note).toContain('"initiative is punishable"');
    const q4 = m.groups.flatMap((g) => g.rows).find((r) => r.item === 'q4')!;
    expect(q4.cells.every((c) => c.note === undefined)).toBe(true);
  });

  it('in CSV: an item_note column for every item that has a note, marked `note` or not', () => {
    const bundle = demoBundle('test');
    const q3 = demoStudy.sections.flatMap((s) => s.items).find((i) => i.name === 'q3')!;
    const study = { ...demoStudy, sections: demoStudy.sections.map((s) => ({ ...s, items: s.items.map((i) => (i === q3 ? { ...i, note: undefined } : i)) })) };
    const table = wideTable(study, bundle.responses, { includeNotes: true });
    const names = table.columns.map((c) => c.name);
    expect(names).toContain('q3_note');
    const r3 = table.rows[bundle.responses.findIndex((r) => r.respondentCode === 'R3')]!;
    expect(r3[names.indexOf('q3_note')]).toContain('institutional memory');
    expect(wideTable(study, bundle.responses, {}).columns.some((c) => c.kind === 'note')).toBe(false);
  });
});
