import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParadataEvent } from '../../../src/core/bundle/types';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { instanceNumbers } from '../../../src/core/responses/instance-numbers';
import { auditRows } from '../../../src/core/responses/paradata';

const parsed = parseInstrument(JSON.parse(readFileSync(new URL('../../fixtures/instruments/household-roster.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('the roster fixture does not parse');
const roster = parsed.instrument;

/** Bek added first but moved second (order 2), Aida first; a third member removed; two visits; the barley loop. */
const answers = {
  'member[k3f9]': 2,
  'member[k3f9]/age': 12,
  'member[a1]': 1,
  'member[a1]/job[j7]': 1,
  'member[a1]/job[j7]/hours': 30,
  'member[zz]': null,
  visits: 2,
  'visit[2]/visit_date': '2026-12-02',
  'crop[barley]/area': 1.5,
};
const id = '00000000-0000-4000-8000-000000000001';
const change = (item: string, at: string): ParadataEvent => ({ responseId: id, at, event: 'change', item, data: { field: 'value', old: '', new: 'x' } });

describe('the audit log names a question in a repeat as ODK does', () => {
  it('by the instance\'s position (/data/member[2]/age), nested, counted and looped alike', () => {
    const events = [
      change('member[k3f9]/age', '2026-12-01T09:00:01.000Z'),
      change('member[a1]/job[j7]/hours', '2026-12-01T09:00:02.000Z'),
      change('visit[2]/visit_date', '2026-12-01T09:00:03.000Z'),
      change('crop[barley]/area', '2026-12-01T09:00:04.000Z'),
      change('member[zz]/age', '2026-12-01T09:00:05.000Z'),
      change('village', '2026-12-01T09:00:06.000Z'),
    ];
    const log = auditRows(events, { instances: () => instanceNumbers(roster, answers) });
    expect(log.rows.map((r) => r[1])).toEqual([
      '/data/member[2]/age',
      '/data/member[1]/job[1]/hours',
      '/data/visit[2]/visit_date',
      '/data/crop[2]/area',
      // Removed since: no position now, named by its id.
      '/data/member[zz]/age',
      '/data/village',
    ]);
    // Without the response's answers, by id as before.
    expect(auditRows(events.slice(0, 1)).rows[0]![1]).toBe('/data/member[k3f9]/age');
  });
});
