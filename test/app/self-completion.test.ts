import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dala } from '../../src/app/dala';
import { linkSessionKey, openStudyLink, passOnLink, respondentReferral, startLinkSession } from '../../src/app/self-completion';
import { sessionToResponse } from '../../src/app/transfer';
import { demoStudy } from '../../src/core/demo/demo-study';
import { decodeStudyLink, encodeStudyLink } from '../../src/core/link/index';
import type { Instrument } from '../../src/core/instrument/types';
import { fingerprint, newDeviceKey, signingKeyFromAgeIdentity } from '../../src/core/trust/keys';
import { signStudy } from '../../src/core/trust/study';
import { readResearcherKey, signedForSharing } from '../../src/app/researcher-key';

const keyFile = readFileSync(join(__dirname, '../fixtures/bundles/researcher.key'), 'utf8');
const researcher = signingKeyFromAgeIdentity(keyFile.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!);
const attacker = newDeviceKey(new Uint8Array(32).fill(7));
const ATTACKER_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';
/** A link's fragment ("#/s/...") of a study as given. */
const fragmentOf = (ins: Instrument) => {
  const l = encodeStudyLink(ins, { base: 'https://example.org/dala/' });
  return l.slice(l.indexOf('#'));
};

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
  const link = encodeStudyLink(signStudy({ ...demoStudy, recipients: [RECIPIENT] }, researcher), { base: 'https://example.org/dala/', referral: { code: 'SEED01', wave: 0 } });
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
    // The researcher's fingerprint, shown before anyone answers, and pinned to the study's id.
    expect(first.signer.fingerprint).toBe(fingerprint(researcher.publicKey));
    expect(await app.signerOf(demoStudy.id)).toBe(researcher.publicKey);

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
    const other = signStudy({ ...demoStudy, id: 'self-study', studyVersion: '2', recipients: [RECIPIENT] }, researcher);
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

describe('a study link changed on the way is refused (issue 14)', () => {
  const genuine = signStudy({ ...demoStudy, id: 'trust-study', studyVersion: '1', recipients: [RECIPIENT] }, researcher);
  /** The genuine study with one statement reworded. */
  const edited = (ins: Instrument): Instrument => {
    const sections = structuredClone(ins.sections);
    const item = sections.flatMap((s) => s.items).find((i) => i.type === 'likert')!;
    item.label = { en: 'Our leaders punish every initiative, agree?' };
    return { ...ins, sections };
  };
  /** Every way a link is tampered with: edited questions, a swapped key, either re-signed by the attacker, none signed. */
  const tampered: Record<string, Instrument> = {
    'edited questions, the signature kept': edited(genuine),
    'a swapped key, the signature kept': { ...genuine, recipients: [ATTACKER_RECIPIENT] },
    'edited questions, re-signed by another key': signStudy(edited(genuine), attacker),
    'a swapped key, re-signed by another key': signStudy({ ...genuine, recipients: [ATTACKER_RECIPIENT] }, attacker),
    'no signature at all': (({ signature: _s, ...rest }) => rest)(genuine),
  };

  it('on a fresh phone: changed or unsigned is refused and adds nothing; the genuine link then opens', async () => {
    for (const [what, ins] of Object.entries(tampered)) {
      const app = await phone();
      const opened = await openStudyLink(app, fragmentOf(ins));
      if (what.includes('re-signed')) {
        // A fresh phone cannot know the researcher yet: a re-signed link opens, under the attacker's
        // fingerprint, which the phone shows before anyone answers. The next case shows what it buys.
        expect(opened.ok, what).toBe(true);
        expect(opened.ok && opened.signer.fingerprint, what).toBe(fingerprint(attacker.publicKey));
      } else {
        expect(opened.ok, what).toBe(false);
        expect(!opened.ok && opened.error.reason, what).toBe(what.includes('no signature') ? 'unsigned' : 'forged');
        // Nothing changed: no study, no signer pinned; the genuine link opens after it.
        expect(await app.getStudy('trust-study', '1'), what).toBeUndefined();
        expect(await app.signerOf('trust-study'), what).toBeUndefined();
        const genuineOpened = await openStudyLink(app, fragmentOf(genuine));
        expect(genuineOpened.ok && genuineOpened.recipients, what).toEqual([RECIPIENT]);
      }
      app.store.close();
    }
  });

  it('on a phone that holds the genuine study: every tampered link is refused, and the study keeps its questions and key', async () => {
    const app = await phone();
    expect((await openStudyLink(app, fragmentOf(genuine))).ok).toBe(true);
    const reasons: Record<string, string> = {};
    for (const [what, ins] of Object.entries(tampered)) {
      const opened = await openStudyLink(app, fragmentOf(ins));
      expect(opened.ok, what).toBe(false);
      if (!opened.ok) reasons[what] = opened.error.reason;
    }
    expect(reasons).toEqual({
      'edited questions, the signature kept': 'forged',
      'a swapped key, the signature kept': 'forged',
      'edited questions, re-signed by another key': 'other-signer',
      'a swapped key, re-signed by another key': 'other-signer',
      'no signature at all': 'unsigned',
    });
    // A new version of the study from the same researcher is welcome; from anyone else it is not.
    const v2 = signStudy({ ...genuine, studyVersion: '2' }, researcher);
    expect((await openStudyLink(app, fragmentOf(v2))).ok).toBe(true);
    const v3 = signStudy({ ...genuine, studyVersion: '3' }, attacker);
    const refused = await openStudyLink(app, fragmentOf(v3));
    expect(!refused.ok && refused.error.reason).toBe('other-signer');
    expect(await app.getStudy('trust-study', '3')).toBeUndefined();
    const held = await app.getStudy('trust-study', '1');
    expect(held?.instrument.recipients).toEqual([RECIPIENT]);
    expect(await app.signerOf('trust-study')).toBe(researcher.publicKey);
    app.store.close();
  });

  it('the built-in demo study: a link re-signed with edited questions is refused on a fresh phone, which holds the genuine questions', async () => {
    const app = await phone();
    const opened = await openStudyLink(app, fragmentOf(signStudy({ ...edited(demoStudy), recipients: [ATTACKER_RECIPIENT] }, attacker)));
    expect(!opened.ok && opened.error.reason).toBe('changed');
    expect(await app.signerOf(demoStudy.id)).toBeUndefined();
    app.store.close();
  });

  it('the researcher signs from their key file: their own recipient is added, and the study verifies', async () => {
    const key = await readResearcherKey(keyFile, 'researcher.key');
    expect(key.fingerprint).toBe(fingerprint(researcher.publicKey));
    const shared = signedForSharing(demoStudy, [RECIPIENT], key);
    expect(shared.recipients).toContain(key.recipient);
    expect(shared.recipients).toContain(RECIPIENT);
    const app = await phone();
    expect((await openStudyLink(app, fragmentOf(shared))).ok).toBe(true);
    app.store.close();
    await expect(readResearcherKey('not a key', 'notes.txt')).rejects.toThrow(/notes.txt, line 1/);
  });
});
