import { describe, expect, it } from 'vitest';
import {
  bundleFromSessions,
  canonicalJson,
  parseBundleText,
  responseFromSession,
  sha256Hex,
  uuidFromText,
  UUID_PATTERN,
  type SessionLike,
} from '../../../src/core/bundle/index';
import type { SessionRecord, StoredAnswer } from '../../../src/app/model';

const session: SessionLike = {
  id: '0F8E3C52-1111-4222-8333-444455556666',
  studyId: 'demo',
  studyVersion: '1',
  respondentCode: 'R-7K3Q',
  interviewer: 'INT-1',
  status: 'complete',
  lang: 'kk',
  createdAt: '2024-05-01T09:00:00Z',
  updatedAt: '2024-05-01T09:40:00Z',
  completedAt: '2024-05-01T09:40:00Z',
  consent: { agreed: true, by: 'self', at: '2024-05-01T09:01:00Z', version: 'c1', lang: 'kk' },
  deviceId: 'device-a',
  seq: 12,
};

describe('sessions as bundle responses', () => {
  it('an interviewer\'s finished session becomes a response with its consent record and one revision', () => {
    const r = responseFromSession(session, [
      { item: 'q1', value: 'Иә', at: '2024-05-01T09:10:00Z' },
      { item: 'q2', value: ['a', 'other'], other: 'Басқа', note: 'шулы', at: '2024-05-01T09:11:00Z' },
    ]);
    expect(r).toEqual({
      id: '0f8e3c52-1111-4222-8333-444455556666',
      studyId: 'demo',
      studyVersion: '1',
      respondentCode: 'R-7K3Q',
      interviewer: 'INT-1',
      status: 'complete',
      lang: 'kk',
      createdAt: '2024-05-01T09:00:00Z',
      completedAt: '2024-05-01T09:40:00Z',
      consent: { agreed: true, by: 'self', at: '2024-05-01T09:01:00Z', version: 'c1', lang: 'kk' },
      answers: {
        q1: { value: 'Иә', at: '2024-05-01T09:10:00Z' },
        q2: { value: ['a', 'other'], other: 'Басқа', note: 'шулы', at: '2024-05-01T09:11:00Z' },
      },
      revision: { device: 'device-a', at: '2024-05-01T09:40:00Z', vv: { 'device-a': 12 } },
    });
  });

  it('a respondent\'s own session over a study link carries its referral, and reads back', () => {
    const r = responseFromSession({ ...session, interviewer: 'self', referral: { code: 'B4NP9T', parent: 'K7M2QX', wave: 1 } }, []);
    expect(r.referral).toEqual({ code: 'B4NP9T', parent: 'K7M2QX', wave: 1 });
    const seed = responseFromSession({ ...session, referral: { code: 'K7M2QX', wave: 0 } }, []);
    expect(seed.referral).toEqual({ code: 'K7M2QX', wave: 0 });
    expect('parent' in seed.referral!).toBe(false);
    expect('referral' in responseFromSession(session, [])).toBe(false);
    const b = bundleFromSessions([{ session: { ...session, referral: { code: 'B4NP9T', parent: 'K7M2QX', wave: 1 } }, answers: [] }], {
      bundleId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', createdAt: '2024-05-04T00:00:00Z', device: { id: 'device-a' }, appVersion: '0.1.0',
    });
    expect(parseBundleText(JSON.stringify(b)).responses[0]!.referral).toEqual({ code: 'B4NP9T', parent: 'K7M2QX', wave: 1 });
  });

  it('a session edited on two devices keeps its version vector', () => {
    const r = responseFromSession({ ...session, vv: { 'device-a': 12, 'device-b': 3 }, deviceId: 'device-b' }, []);
    expect(r.revision).toEqual({ device: 'device-b', at: '2024-05-01T09:40:00Z', vv: { 'device-a': 12, 'device-b': 3 } });
  });

  it('the app\'s own records fit the structural types (a type-level check)', () => {
    const record = { ...session, lastSection: 2 } satisfies SessionRecord;
    const stored: StoredAnswer = { sessionId: record.id, seq: 3, item: 'q1', value: 1, at: '2024-05-01T09:10:00Z' };
    expect(responseFromSession(record, [stored]).answers.q1!.value).toBe(1);
  });

  it('an incremental export has only the sessions changed since, and reads back as a valid bundle', () => {
    const later = { ...session, id: '0f8e3c52-1111-4222-8333-444455550002', updatedAt: '2024-05-03T10:00:00Z' };
    const b = bundleFromSessions(
      [
        { session, answers: [] },
        { session: later, answers: [{ item: 'q1', value: 'x', at: '2024-05-03T10:00:00Z' }] },
      ],
      { bundleId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', createdAt: '2024-05-04T00:00:00Z', device: { id: 'device-a' }, appVersion: '0.1.0', since: '2024-05-02T00:00:00Z' },
    );
    expect(b.since).toBe('2024-05-02T00:00:00Z');
    expect(b.responses.map((r) => r.id)).toEqual([later.id]);
    expect(b.studies).toEqual([{ id: 'demo', studyVersion: '1' }]);
    expect(parseBundleText(JSON.stringify(b))).toEqual(b);
  });
});

describe('canonical JSON and stable ids', () => {
  it('keys are sorted at every depth; undefined is left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'é' } })).toBe('{"a":{"c":"é","d":[3,{"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('SHA-256 of UTF-8 text matches the known digest', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('Қазақ')).toBe(
      (await import('node:crypto')).createHash('sha256').update('Қазақ', 'utf8').digest('hex'),
    );
  });

  it('a text gives the same UUID-shaped id every time, a different text another', async () => {
    const a = await uuidFromText('field-study|2024-05|row 1');
    expect(a).toMatch(UUID_PATTERN);
    expect(a[14]).toBe('8');
    expect('89ab').toContain(a[19]);
    expect(await uuidFromText('field-study|2024-05|row 1')).toBe(a);
    expect(await uuidFromText('field-study|2024-05|row 2')).not.toBe(a);
  });
});
