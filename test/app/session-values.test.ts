/**
 * A form's metadata and defaults are stored as the session's answers: at the start (in the same
 * write that creates the session) and at completion (before the status changes).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import type { Instrument } from '../../src/core/instrument/types';

const study: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: 'household',
  studyVersion: '1',
  title: { en: 'Household' },
  languages: ['en'],
  choiceLists: {},
  likertScales: {},
  sections: [
    {
      name: 'main',
      label: { en: 'Main' },
      items: [
        { name: 'start', type: 'meta', meta: 'start', label: {} },
        { name: 'end', type: 'meta', meta: 'end', label: {} },
        { name: 'deviceid', type: 'meta', meta: 'deviceid', label: {} },
        { name: 'username', type: 'meta', meta: 'username', label: {} },
        { name: 'instanceID', type: 'meta', meta: 'instanceID', label: {} },
        { name: 'head', type: 'text', label: { en: 'Head of household' } },
        { name: 'members', type: 'integer', label: { en: 'Members' }, default: '1' },
        { name: 'instanceName', type: 'meta', meta: 'instanceName', calculation: "concat('Household of ', ${head})", label: {} },
      ],
    },
  ],
  scales: [],
};

describe('what a session records by itself', () => {
  it('start, device, interviewer, instance id and defaults at the start; end and the instance name at completion', async () => {
    let id = 0;
    let now = '2024-05-01T09:30:00.000Z';
    const app = await Dala.start({ newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: () => now } }, { name: 'dala-session-values' });
    await app.addStudy(study, 'xlsform');
    const session = await app.startSession({ study, respondentCode: 'HH-1', interviewer: 'Aigerim', lang: 'en' });
    const values = async () => Object.fromEntries([...(await app.openSession(session.id))!.answers].map(([k, a]) => [k, a.value]));
    expect(await values()).toEqual({
      start: '2024-05-01T09:30:00.000Z',
      deviceid: app.deviceId,
      username: 'Aigerim',
      instanceID: `uuid:${session.id}`,
      members: 1,
    });
    await app.saveAnswer(session.id, { item: 'head', value: 'Nurlan', at: now });
    now = '2024-05-01T10:05:00.000Z';
    const completed = await app.completeSession(session.id);
    expect(completed.status).toBe('complete');
    // The sessions list shows the record's name: it is kept on the session.
    expect(completed.instanceName).toBe('Household of Nurlan');
    expect(await values()).toMatchObject({ end: '2024-05-01T10:05:00.000Z', instanceName: 'Household of Nurlan' });
  });
});

describe('a study that calls functions loaded on demand', () => {
  it('its dynamic default and its record name are computed at the start and at completion: the functions are loaded first', async () => {
    const dated: Instrument = {
      ...study,
      id: 'household-dated',
      sections: [
        {
          name: 'main',
          label: { en: 'Main' },
          items: [
            { name: 'head', type: 'text', label: { en: 'Head of household' } },
            // format-date() is in the 'dates' group, digest() in 'digest': neither is on the first page.
            { name: 'visit', type: 'text', label: { en: 'Visit' }, defaultExpression: "format-date(today(), '%Y-%m')" },
            { name: 'instanceName', type: 'meta', meta: 'instanceName', calculation: "concat(${head}, ' ', substr(digest(${head}, 'SHA-256', 'hex'), 0, 6))", label: {} },
          ],
        },
      ],
    };
    let id = 0;
    const app = await Dala.start({ newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: () => '2024-05-01T09:30:00.000Z' } }, { name: 'dala-session-values-groups' });
    await app.addStudy(dated, 'xlsform');
    const session = await app.startSession({ study: dated, respondentCode: 'HH-2', interviewer: 'Aigerim', lang: 'en' });
    expect((await app.openSession(session.id))!.answers.get('visit')?.value).toBe('2024-05');
    await app.saveAnswer(session.id, { item: 'head', value: 'Nurlan', at: '2024-05-01T09:31:00.000Z' });
    const completed = await app.completeSession(session.id);
    // sha256("Nurlan") in hex begins with these 6 characters.
    const { createHash } = await import('node:crypto');
    expect(completed.instanceName).toBe(`Nurlan ${createHash('sha256').update('Nurlan').digest('hex').slice(0, 6)}`);
  });
});
