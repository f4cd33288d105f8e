import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import { linkSessionKey, openStudyLink, passOnLink, respondentReferral, startLinkSession } from '../../src/app/self-completion';
import { sessionToResponse } from '../../src/app/transfer';
import { demoStudy } from '../../src/core/demo/demo-study';
import { decodeStudyLink, encodeStudyLink } from '../../src/core/link/index';

let n = 0;
const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
/** A fixed sequence of "random" numbers: the codes it makes are the same every run. */
const seq = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

async function phone(): Promise<Dala> {
  let id = 0;
  return Dala.start(
    { newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, clock: { now: () => new Date().toISOString() } },
    { name: `dala-self-${++n}` },
  );
}

describe('a respondent opens a study link on their own phone', () => {
  const link = encodeStudyLink({ ...demoStudy, recipients: [RECIPIENT] }, { base: 'https://example.org/dala/', referral: { code: 'SEED01', wave: 0 } });
  const fragment = link.slice(link.indexOf('#'));

  it('a seed link: the respondent gets a code of their own in wave 0; passing it on makes wave 1 with them as parent', () => {
    const own = respondentReferral({ code: 'SEED01', wave: 0 }, seq(0.1, 0.2, 0.3));
    expect(own.wave).toBe(0);
    expect(own.parent).toBeUndefined();
    expect(own.code).toMatch(/^[2-9A-Z]{6}$/);
    const next = decodeStudyLink(passOnLink(link, own, seq(0.5)));
    expect(next.ok && next.referral).toEqual({ code: expect.stringMatching(/^[2-9A-Z]{6}$/), parent: own.code, wave: 1 });
    // A respondent of that link: wave 1, parent the first respondent, a code of their own.
    const second = respondentReferral(next.ok ? next.referral : undefined, seq(0.9));
    expect(second).toMatchObject({ parent: own.code, wave: 1 });
    expect(second.code).not.toBe(next.ok ? next.referral?.code : '');
  });

  it('the study is added once, the session is remembered for the link, and the referral reaches the bundle', async () => {
    const app = await phone();
    const first = await openStudyLink(app, fragment);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // The demo study is on every device already: it keeps its copy, the answers go to the link's key.
    expect(first.study.source).toBe('demo');
    expect(first.recipients).toEqual([RECIPIENT]);
    expect(first.session).toBeUndefined();

    const session = await startLinkSession(app, first.study, first.referral, 'kk', seq(0.05));
    expect(session).toMatchObject({ interviewer: 'self', lang: 'kk', consent: { by: 'self', lang: 'kk' }, referral: { wave: 0 } });
    expect(session.respondentCode).toBe(session.referral!.code);
    expect(await app.store.getMeta(linkSessionKey(demoStudy.id, demoStudy.studyVersion, { code: 'SEED01', wave: 0 }))).toBe(session.id);

    const again = await openStudyLink(app, fragment);
    expect(again.ok && again.session?.id).toBe(session.id);
    expect(sessionToResponse(session, []).referral).toEqual(session.referral);
    app.store.close();
  });

  it('a study not on the device is added from the link; a damaged link is refused with its reason', async () => {
    const app = await phone();
    const other = { ...demoStudy, id: 'self-study', studyVersion: '2', recipients: [RECIPIENT] };
    const otherLink = encodeStudyLink(other, { base: 'https://example.org/' });
    const opened = await openStudyLink(app, otherLink.slice(otherLink.indexOf('#')));
    expect(opened.ok && opened.study.source).toBe('link');
    expect(opened.ok && opened.referral).toBeUndefined();
    const at = otherLink.indexOf('/s/1') + 40;
    const flipped = otherLink.slice(0, at) + (otherLink[at] === 'A' ? 'B' : 'A') + otherLink.slice(at + 1);
    const bad = await openStudyLink(app, flipped.slice(flipped.indexOf('#')));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && ['damaged', 'checksum'].includes(bad.error.reason)).toBe(true);
    app.store.close();
  });
});
