import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import { demoStudy } from '../../src/core/demo/demo-study';
import { parseBundle } from '../../src/core/bundle/parse';
import { auditRows, questionTimes } from '../../src/core/responses/paradata';
import { csvText } from '../../src/core/csv/write';
import { mergeAll, bundleFromDataset } from '../../src/core/merge/dataset';
import { studyBundle } from '../../src/app/transfer';

describe('the audit log of an interview', () => {
  it('an answer changed twice shows both changes, in order, and travels in the bundle', async () => {
    let id = 0;
    let t = Date.parse('2026-12-01T09:00:00.000Z');
    const tick = () => new Date((t += 1000)).toISOString();
    const app = await Dala.start({ newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: tick } }, { name: 'dala-audit' });
    const session = await app.startSession({ study: demoStudy, respondentCode: 'R-9', interviewer: 'AK', lang: 'ru' });
    await app.saveAnswer(session.id, { item: 'q2', value: 'A', at: tick() });
    await app.saveAnswer(session.id, { item: 'q2', value: 'B', at: tick() });
    await app.saveAnswer(session.id, { item: 'q2', value: 'D', at: tick() });
    await app.saveAnswer(session.id, { item: 'q2', value: 'D', note: 'Thought long.', at: tick() });
    await app.saveAnswer(session.id, { item: 'q1', value: ['A', 'B'], at: tick() });
    await app.recordVisit(session.id, 'q2', '2026-12-01T09:00:02.000Z', '2026-12-01T09:00:04.000Z');
    await app.recordVisit(session.id, 'q2', '2026-12-01T09:00:05.000Z', '2026-12-01T09:00:06.500Z');
    await app.completeSession(session.id);

    const events = await app.paradataOf(session.id);
    const log = auditRows(events);
    const changes = log.rows.filter((r) => r[4] !== null);
    expect(changes.map((r) => [r[1], r[4], r[5]])).toEqual([
      ['/data/q2', '', 'A'],
      ['/data/q2', 'A', 'B'],
      ['/data/q2', 'B', 'D'],
      ['/data/q2/note', '', 'Thought long.'],
      ['/data/q1', '', 'A B'],
    ]);
    expect(log.header).toEqual(['event', 'node', 'start', 'end', 'old-value', 'new-value']);
    expect(log.rows[0]![0]).toBe('form start');
    expect(log.rows[log.rows.length - 1]![0]).toBe('form finalize');
    expect(questionTimes(events, session.id)).toEqual([{ item: 'q2', visits: 2, ms: 3500 }]);

    // Exported, the audit log is in the bundle; merged with itself and with another copy, nothing is lost or doubled.
    const study = (await app.store.getStudy(demoStudy.id, demoStudy.studyVersion))!;
    const { bundle } = await studyBundle(app.store, study, { bundleId: '00000000-0000-4000-8000-0000000000e1', createdAt: tick(), device: { id: 'tab' }, appVersion: '1' });
    const read = parseBundle(JSON.parse(JSON.stringify(bundle)));
    expect(read.paradata).toHaveLength(events.length);
    const twice = bundleFromDataset(mergeAll([read, read]), { bundleId: 'x', createdAt: 'y', device: { id: 'r' }, appVersion: '1' });
    expect(auditRows(twice.paradata!).rows).toEqual(log.rows);
    app.store.close();
  });

  it('the audit CSV lists the changes with instanceID first when several responses share a file', () => {
    const b = parseBundle({
      type: 'dala-bundle', version: 2, bundleId: '00000000-0000-4000-8000-0000000000b1', createdAt: '2026-12-01T10:00:00.000Z',
      device: { id: 'tab' }, app: { name: 'dala', version: '1' }, studies: [], responses: [],
      paradata: [
        { responseId: '00000000-0000-4000-8000-000000000001', at: '2026-12-01T09:00:05.000Z', event: 'change', item: 'q2', data: { field: 'value', old: 'A', new: 'B' } },
        { responseId: '00000000-0000-4000-8000-000000000001', at: '2026-12-01T09:00:03.000Z', event: 'change', item: 'q2', data: { field: 'value', old: '', new: 'A' } },
      ],
    });
    const merged = bundleFromDataset(mergeAll([b, b]), { bundleId: 'x', createdAt: 'y', device: { id: 'r' }, appVersion: '1' });
    const log = auditRows(merged.paradata!, { withInstance: true });
    expect(csvText(log.header, log.rows, { bom: false }).split('\r\n')).toEqual([
      'instanceID,event,node,start,end,old-value,new-value',
      `uuid:00000000-0000-4000-8000-000000000001,question,/data/q2,${Date.parse('2026-12-01T09:00:03.000Z')},${Date.parse('2026-12-01T09:00:03.000Z')},,A`,
      `uuid:00000000-0000-4000-8000-000000000001,question,/data/q2,${Date.parse('2026-12-01T09:00:05.000Z')},${Date.parse('2026-12-01T09:00:05.000Z')},A,B`,
      '',
    ]);
  });
});
