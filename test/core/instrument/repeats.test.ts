import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse';

const roster = (): any => JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8'));

function messages(input: unknown): string[] {
  const result = parseInstrument(input);
  return result.ok ? result.warnings.map((w) => w.message) : result.problems.map((p) => p.message);
}

describe('repeats in the instrument format (version 3)', () => {
  it('reads a household roster: a free repeat with a nested one, a counted repeat and a loop', () => {
    const result = parseInstrument(roster());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.instrument.repeats!.map((r) => r.name)).toEqual(['member', 'job', 'visit', 'crop']);
    expect(result.instrument.sections[0]!.items.filter((i) => i.repeat === 'member').map((i) => i.name)).toEqual(['name', 'age', 'sex', 'number']);
  });

  it('a version 2 study reads as before, with no repeats', () => {
    const doc = roster();
    doc.version = 2;
    delete doc.repeats;
    for (const s of doc.sections) s.items = s.items.filter((i: any) => !i.repeat && !/member|age/.test(i.calculation ?? ''));
    doc.choiceLists = {};
    const result = parseInstrument(doc);
    expect(messages(doc)).toEqual([]);
    expect(result.ok && result.instrument.version).toBe(3);
    expect(result.ok && result.instrument.repeats).toBeUndefined();
  });

  it.each<[string, (x: any) => void, string]>([
    ['an item in a repeat that does not exist', (x) => (x.sections[0].items[1].repeat = 'members'), "sections[0].items[1] (name): repeat: unknown repeat 'members'"],
    ['a parent that does not exist', (x) => (x.repeats[1].parent = 'person'), "repeats[1] (job): parent: unknown repeat 'person'"],
    ['a parent declared after its child', (x) => x.repeats.reverse(), "repeats[2] (job): parent: repeat 'member' must be declared before the repeats nested in it"],
    ['a loop over no list', (x) => (x.repeats[3].loop = 'plants'), "repeats[3] (crop): loop: unknown choice list 'plants'"],
    ['a loop with a count', (x) => (x.repeats[3].count = '3'), 'repeats[3] (crop): count: a repeat loops over a list or has a count, not both'],
    ['bounds out of order', (x) => (x.repeats[0].minInstances = 30), 'repeats[0] (member): minInstances: minInstances 30 is more than maxInstances 20'],
    ['a name shared with an item', (x) => (x.repeats[2].name = 'visits'), "repeats[2] (visits): name: repeat name 'visits' is already the name of sections[1].items[0] (visits)"],
    ['a count that does not parse', (x) => (x.repeats[2].count = '${visits} +'), 'repeats[2] (visit): count:'],
    [
      'items of a repeat apart',
      (x) => x.sections[0].items.splice(2, 0, { name: 'between', type: 'text', label: { en: 'x' } }),
      "sections[0].items[3] (age): repeat: the items of repeat 'member' must stand together in one section: another item comes between them",
    ],
  ])('refuses %s, saying where', (_, breakIt, message) => {
    const doc = roster();
    breakIt(doc);
    const found = messages(doc);
    expect(parseInstrument(doc).ok).toBe(false);
    expect(found.some((m) => m.startsWith(message))).toBe(true);
  });

  it('a scale may not score an item asked in a repeat', () => {
    const doc = roster();
    doc.likertScales = { agree: { points: [{ value: 1, label: { en: 'No' } }, { value: 2, label: { en: 'Yes' } }] } };
    doc.sections[0].items.splice(2, 0, { name: 'happy', type: 'likert', likert: 'agree', repeat: 'member', label: { en: 'Happy?' } });
    doc.scales = [{ name: 'mood', label: { en: 'Mood' }, items: ['happy'], reversed: [] }];
    expect(messages(doc)).toContain("scales[0] (mood): items[0]: 'happy' is asked in repeat 'member': a scale scores items asked once");
  });
});
