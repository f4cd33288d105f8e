import { describe, expect, it } from 'vitest';
import { ALL_SESSIONS, deviceName, querySessions, sessionFacets } from '../../src/app/sessions-view';
import type { SessionRecord } from '../../src/app/model';

const s = (id: string, code: string, patch: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  studyId: 'st',
  studyVersion: '1',
  respondentCode: code,
  interviewer: 'AK',
  status: 'draft',
  lang: 'ru',
  createdAt: `2026-01-0${id}T10:00:00Z`,
  updatedAt: `2026-01-0${id}T10:00:00Z`,
  consent: null,
  deviceId: 'tablet-a',
  seq: 1,
  ...patch,
});
const list = [
  s('1', 'R-B2'),
  s('2', 'R-A1', { status: 'complete', interviewer: 'MS', deviceId: 'tablet-b' }),
  s('3', 'EX-1', { status: 'complete', example: true, interviewer: 'paper' }),
  s('4', 'r-a9'),
];
const codes = (q: Partial<typeof ALL_SESSIONS>) => querySessions(list, { ...ALL_SESSIONS, ...q }).map((x) => x.respondentCode);

describe('the interviewer narrows the sessions list', () => {
  it('newest first by default; oldest first; by respondent code', () => {
    expect(codes({})).toEqual(['r-a9', 'EX-1', 'R-A1', 'R-B2']);
    expect(codes({ sort: 'oldest' })).toEqual(['R-B2', 'R-A1', 'EX-1', 'r-a9']);
    expect(codes({ sort: 'respondent' })).toEqual(['EX-1', 'R-A1', 'r-a9', 'R-B2']);
  });

  it('searches codes and interviewers in any case, and filters by status, interviewer, device and examples', () => {
    expect(codes({ text: ' r-a' })).toEqual(['r-a9', 'R-A1']);
    expect(codes({ text: 'ms' })).toEqual(['R-A1']);
    expect(codes({ status: 'complete' })).toEqual(['EX-1', 'R-A1']);
    expect(codes({ status: 'draft', interviewer: 'AK' })).toEqual(['r-a9', 'R-B2']);
    expect(codes({ device: 'tablet-b' })).toEqual(['R-A1']);
    expect(codes({ examples: false })).toEqual(['r-a9', 'R-A1', 'R-B2']);
  });

  it('offers the interviewers and devices that occur, and names devices', () => {
    expect(sessionFacets(list)).toEqual({ interviewers: ['AK', 'MS', 'paper'], devices: ['tablet-a', 'tablet-b'] });
    expect(deviceName(new Map([['tablet-a', 'Tablet in the office']]), 'tablet-a')).toBe('Tablet in the office');
    expect(deviceName(new Map(), 'df698442-1111-4222-8333-444455556666')).toBe('df698442…');
  });
});
