import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/demo-study';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { fingerprint, newDeviceKey, signingKeyFromAgeIdentity } from '../../../src/core/trust/keys';
import { checkStudySignature, judgeStudy, signStudy } from '../../../src/core/trust/study';
import { checkBundleSignature, counterProblem, signBundleDocument } from '../../../src/core/trust/bundle';
import { restoreBundle } from '../../../src/core/bundle/index';
import { DalaError } from '../../../src/core/errors';
import { deviceABundle } from '../../fixtures/bundles/make-fixtures';

const keyFile = readFileSync(join(__dirname, '../../fixtures/bundles/researcher.key'), 'utf8');
const IDENTITY = keyFile.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
const researcher = signingKeyFromAgeIdentity(IDENTITY);
const attacker = newDeviceKey(new Uint8Array(32).fill(7));
const RECIPIENT = 'age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj';
const ATTACKER_RECIPIENT = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';

const study: Instrument = { ...demoStudy, recipients: [RECIPIENT] };

describe('the researcher signs studies with the key they already keep', () => {
  it('the signing key comes from the age identity: the same file, the same key, on any device', () => {
    expect(signingKeyFromAgeIdentity(IDENTITY).publicKey).toBe(researcher.publicKey);
    expect(researcher.publicKey).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    expect(fingerprint(researcher.publicKey)).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(() => signingKeyFromAgeIdentity('AGE-SECRET-KEY-1NOTAKEY')).toThrow();
  });

  it('a signed study verifies, survives its JSON and its parse, and names its signer', () => {
    const signed = signStudy(study, researcher);
    const parsed = parseInstrument(JSON.parse(JSON.stringify(signed)));
    expect(parsed.ok).toBe(true);
    const check = checkStudySignature(parsed.ok ? parsed.instrument : signed);
    expect(check).toEqual({ status: 'signed', signer: researcher.publicKey, fingerprint: fingerprint(researcher.publicKey) });
  });

  it('a study signed by a Dala of instrument format version 2 still verifies once read as version 3', () => {
    const { signature: _s, ...v3 } = study;
    const v2 = { ...v3, version: 2 } as unknown as Instrument;
    const signedAsV2 = signStudy(v2, researcher);
    const parsed = parseInstrument(JSON.parse(JSON.stringify(signedAsV2)));
    expect(parsed.ok && parsed.instrument.version).toBe(3);
    expect(checkStudySignature(parsed.ok ? parsed.instrument : signedAsV2).status).toBe('signed');
    // A version 3 field added to it is not what was signed.
    const added = JSON.parse(JSON.stringify(parsed.ok ? parsed.instrument : signedAsV2)) as Instrument;
    added.sections[0]!.items[0]!.location = { accuracyThreshold: 5 };
    expect(checkStudySignature(added).status).toBe('forged');
    // The device's copy stored by that older Dala (version 2) is the same study as the one read now.
    expect(judgeStudy(parsed.ok ? parsed.instrument : signedAsV2, { held: v2 })).toMatchObject({ ok: true });
  });

  it("an edited question, a swapped researcher's key, or a re-signed study are caught", () => {
    const signed = signStudy(study, researcher);
    const edited: Instrument = JSON.parse(JSON.stringify(signed));
    edited.sections[2]!.items[0]!.label.en = 'It is important to obey';
    expect(checkStudySignature(edited).status).toBe('forged');
    const swapped = { ...signed, recipients: [ATTACKER_RECIPIENT] };
    expect(checkStudySignature(swapped).status).toBe('forged');
    expect(checkStudySignature(study).status).toBe('unsigned');
    // Re-signed by someone else: valid, but not the researcher's.
    const resigned = signStudy(swapped, attacker);
    expect(judgeStudy(resigned, { pinned: researcher.publicKey })).toMatchObject({ ok: false, reason: 'other-signer' });
  });

  it('a device accepts a signed study once, then only from the same signer and only the same questions', () => {
    const signed = signStudy(study, researcher);
    expect(judgeStudy(signed, {})).toMatchObject({ ok: true, signer: researcher.publicKey, known: false });
    expect(judgeStudy(signed, { pinned: researcher.publicKey, held: signed })).toMatchObject({ ok: true, known: true });
    // The built-in demo study (unsigned, without recipients) is the same study as the researcher's signed link of it.
    expect(judgeStudy(signed, { held: demoStudy })).toMatchObject({ ok: true });
    const changed = signStudy({ ...study, consent: { version: '2', text: { en: 'Anything goes' } } }, researcher);
    expect(judgeStudy(changed, { pinned: researcher.publicKey, held: signed })).toMatchObject({ ok: false, reason: 'changed' });
    expect(judgeStudy(study, {})).toMatchObject({ ok: false, reason: 'unsigned' });
  });
});

describe('devices sign their bundles', () => {
  const device = newDeviceKey(new Uint8Array(32).fill(1));

  it('a signed bundle verifies; one byte changed, or the key swapped, and the file is refused as a whole', () => {
    const doc = JSON.parse(JSON.stringify(signBundleDocument(deviceABundle(), device)));
    expect(checkBundleSignature(doc)).toEqual({ status: 'signed', key: device.publicKey });
    expect(restoreBundle(JSON.parse(JSON.stringify(doc))).signature).toEqual({ status: 'signed', key: device.publicKey });
    const edited = JSON.parse(JSON.stringify(doc));
    edited.responses[0].answers.age.value = 99;
    expect(checkBundleSignature(edited).status).toBe('forged');
    expect(() => restoreBundle(edited, { file: 'a.dala.age' })).toThrow(DalaError);
    const swapped = { ...doc, device: { ...doc.device, key: attacker.publicKey } };
    expect(checkBundleSignature(swapped).status).toBe('forged');
    const { signature: _s, ...unsigned } = doc;
    expect(checkBundleSignature(unsigned).status).toBe('forged'); // a key without its signature
    expect(checkBundleSignature(JSON.parse(JSON.stringify(deviceABundle()))).status).toBe('unsigned');
  });

  it('a device writes its own counter only, by a sane step; a counter of 2^53-1 never gets in', () => {
    const r = deviceABundle().responses[0]!;
    const seen = (known: Record<string, number>) => (_id: string, d: string) => known[d] ?? 0;
    const a = r.revision.device;
    expect(counterProblem(r, { kind: 'device', id: a }, seen({}))).toBeNull();
    // Claiming the victim's writes it never sent here.
    const forged = { ...r, revision: { ...r.revision, vv: { victim: 10, [a]: 1 } } };
    expect(counterProblem(forged, { kind: 'device', id: a }, seen({ victim: 3 }))).toMatch(/10 writes of device victim, which this reader has not had from that device \(it has 3\)/);
    expect(counterProblem(forged, { kind: 'device', id: a }, seen({ victim: 10 }))).toBeNull();
    // Its own counter, a million writes ahead of what was seen.
    const jump = { ...r, revision: { ...r.revision, vv: { [a]: 1_000_000 } } };
    expect(counterProblem(jump, { kind: 'device', id: a }, seen({ [a]: 5 }))).toMatch(/more than this reader has seen from it/);
    // The researcher's merged dataset carries everyone's counts, within the absolute bound.
    expect(counterProblem(forged, { kind: 'researcher' }, seen({}))).toBeNull();
    const doc = JSON.parse(JSON.stringify(deviceABundle()));
    doc.responses[0].revision.vv[a] = 2 ** 53 - 1;
    const { bundle, setAside } = restoreBundle(doc);
    expect(bundle.responses).toHaveLength(2);
    expect(setAside[0]!.reason).toMatch(/: 9007199254740991 writes: more than any device makes \(at most 1,000,000,000\)/);
  });
});
