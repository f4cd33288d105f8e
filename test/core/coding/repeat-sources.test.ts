import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/core/bundle/parse';
import type { BundleResponse } from '../../../src/core/bundle/types';
import { qdpxProject } from '../../../src/core/coding/qdpx';
import { sourceText, textSources } from '../../../src/core/coding/sources';
import { demoBundle } from '../../../src/core/demo/bundle';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';

/** The household roster with a comment on each member, in the member repeat. */
function roster(): Instrument {
  const json = JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8'));
  json.sections[0].items.splice(4, 0, { name: 'comment', type: 'longtext', repeat: 'member', label: { en: 'What did they say?' } });
  const result = parseInstrument(json);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.instrument;
}

const at = '2026-12-03T10:00:00.000Z';
const a = (value: string | number | null, extra: { note?: string } = {}) => ({ value, at, ...extra });
/** Aida added first, Bek second, a third member removed; each said something. */
const response = {
  id: '00000000-0000-4000-8000-000000000001',
  respondentCode: 'R1',
  answers: {
    village: a('Akkol', { note: 'A windy day' }),
    'member[k3f9]': a(2),
    'member[k3f9]/name': a('Bek'),
    'member[k3f9]/comment': a('We need a school bus.'),
    'member[a1]': a(1),
    'member[a1]/name': a('Aida'),
    'member[a1]/comment': a('The clinic is far.', { note: 'She hesitated' }),
    'member[zz]': a(null),
    'member[zz]/comment': a('Removed on this tablet.'),
  },
} as unknown as BundleResponse;

describe('coding an answer given inside a repeat instance', () => {
  it('lists each instance\'s text as its own source, keyed by its answer key, named "Household member 2"', () => {
    const sources = textSources(roster(), response);
    expect(sources.map((s) => [s.ref, s.instance, s.text])).toEqual([
      [{ kind: 'answer', item: 'village' }, undefined, 'Akkol'],
      [{ kind: 'note', item: 'village' }, undefined, 'A windy day'],
      [{ kind: 'answer', item: 'member[a1]/name' }, 'Household member 1', 'Aida'],
      [{ kind: 'answer', item: 'member[k3f9]/name' }, 'Household member 2', 'Bek'],
      [{ kind: 'answer', item: 'member[a1]/comment' }, 'Household member 1', 'The clinic is far.'],
      [{ kind: 'note', item: 'member[a1]/comment' }, 'Household member 1', 'She hesitated'],
      [{ kind: 'answer', item: 'member[k3f9]/comment' }, 'Household member 2', 'We need a school bus.'],
    ]);
    expect(sourceText(response, { kind: 'answer', item: 'member[k3f9]/comment' })).toBe('We need a school bus.');
  });

  it('a passage on an answer in an instance travels in a bundle; an instance itself is no source', () => {
    const bundle = JSON.parse(JSON.stringify(demoBundle('test')));
    const passage = bundle.coding.find((r: { type: string }) => r.type === 'passage');
    passage.source = { kind: 'answer', item: 'member[k3f9]/comment' };
    expect(parseBundle(JSON.parse(JSON.stringify(bundle))).coding!.some((r) => r.type === 'passage' && r.source.kind === 'answer' && r.source.item === 'member[k3f9]/comment')).toBe(true);
    passage.source = { kind: 'answer', item: 'member[k3f9]' };
    expect(() => parseBundle(JSON.parse(JSON.stringify(bundle)))).toThrow(/member\[k3f9\].*instance, not an item/);
  });

  it('the REFI-QDA export heads each instance\'s text with the instance', async () => {
    const project = await qdpxProject({ instrument: roster(), responses: [response], codebook: { codes: [] } as never, passages: [], createdAt: at });
    const text = [...project.sources.values()].join('\n');
    expect(text).toContain('[Household member 2: comment: What did they say?]\nWe need a school bus.');
  });
});
