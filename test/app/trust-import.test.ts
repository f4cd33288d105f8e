/**
 * The researcher's import against forged and hostile files (issue 14): what a file may bring depends
 * on who signed it, and a record that claims more than its writer may is set aside, alone.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/adapters/storage-idb/store';
import { commitImport, prepareImport, type ImportTrust, type OpenedFile } from '../../src/app/transfer';
import type { StudyRecord } from '../../src/app/model';
import { restoreBundleText, bundleToJson, type Bundle } from '../../src/core/bundle/index';
import type { Instrument } from '../../src/core/instrument/types';
import { parseInstrument } from '../../src/core/instrument/parse';
import { newDeviceKey, type SigningKey } from '../../src/core/trust/keys';
import { signBundleDocument } from '../../src/core/trust/bundle';
import { signStudy } from '../../src/core/trust/study';
import { deviceABundle, IDS } from '../fixtures/bundles/make-fixtures';

const parsed = parseInstrument(JSON.parse(readFileSync(join(__dirname, '../fixtures/bundles/field-form.json'), 'utf8')));
if (!parsed.ok) throw new Error('field-form.json does not parse');
/** The study as the researcher's device holds it (a version 1 file, read through its migration). */
const form: Instrument = parsed.instrument;
const study: StudyRecord = { id: form.id, studyVersion: form.studyVersion, instrument: form, addedAt: '2026-01-01T00:00:00Z', source: 'xlsform' };
const tabletA = newDeviceKey(new Uint8Array(32).fill(1));
const attacker = newDeviceKey(new Uint8Array(32).fill(66));
const AT = '2026-01-02T00:00:00.000Z';
const A = 'a0000000-0000-4000-8000-00000000000a';

let n = 0;
async function researcher(): Promise<Store> {
  const store = await Store.open({ name: `dala-trust-${++n}` });
  store.thisDevice = 'laptop';
  await store.putStudy(study);
  return store;
}

function file(name: string, bundle: Bundle, key: SigningKey | null): OpenedFile {
  const text = bundleToJson(key ? signBundleDocument(bundle, key) : bundle);
  const { bundle: read, setAside, signature } = restoreBundleText(text, { file: name, instruments: () => form });
  return { file: name, bundle: read, setAside, signature };
}

const trust = (over: Partial<ImportTrust> = {}): ImportTrust => ({ studies: [study], pinned: {}, researcherKeys: new Set(), devices: new Map(), ...over });
const knownA = { devices: new Map([[A, { id: A, key: tabletA.publicKey, label: 'Tablet A', acceptedAt: AT }]]) };

describe('what a file may bring depends on who signed it', () => {
  it('a new device is shown with its fingerprint and brings nothing until accepted; accepted once, it is remembered', async () => {
    const store = await researcher();
    const f = file('tablet-a.dala.age', deviceABundle(), tabletA);
    const held = await prepareImport(store, [f], { id: 'i1', at: AT }, trust());
    expect(held.newDevices).toMatchObject([{ id: A, key: tabletA.publicKey, label: 'Tablet A', responses: 3, changes: 0 }]);
    expect(held.newDevices[0]!.fingerprint).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    expect(held.reports[0]).toMatchObject({ counts: { new: 0, rejected: 1 }, rejected: [{ code: 'new-device' }] });
    const accepted = await prepareImport(store, [f], { id: 'i2', at: AT }, trust({ accept: new Map([[A, tabletA.publicKey]]) }));
    expect(accepted.reports[0]!.counts.new).toBe(3);
    const done = await commitImport(store, accepted, { id: 'laptop' });
    expect(done.accepted).toMatchObject([{ id: A, key: tabletA.publicKey, label: 'Tablet A' }]);
    store.close();
  });

  it('a bundle forged with the researcher\u2019s public key is only ever a new device; one that claims a known device\u2019s id with another key is refused', async () => {
    const store = await researcher();
    // Encrypted to the researcher (anyone can), signed by its maker: the attacker's own key.
    const forged = deviceABundle();
    forged.responses[0]!.answers.sector = { value: 'private', at: AT };
    forged.responses[0]!.revision = { device: A, at: AT, vv: { [A]: 10 } };
    const prepared = await prepareImport(store, [file('forged.dala.age', forged, attacker)], { id: 'i', at: AT }, trust(knownA));
    expect(prepared.reports[0]).toMatchObject({ counts: { new: 0, updated: 0, rejected: 1 }, rejected: [{ code: 'impostor' }] });
    expect(prepared.reports[0]!.rejected[0]!.reason).toMatch(/says it comes from device Tablet A .* but is signed by another key .*: refused as forged/);
    // Unsigned, it is held back unless the reader allows files from a Dala before signatures.
    const unsigned = await prepareImport(store, [file('old.dala.age', deviceABundle(), null)], { id: 'j', at: AT }, trust());
    expect(unsigned.unsigned).toEqual(['old.dala.age']);
    expect(unsigned.reports[0]!.rejected[0]!.code).toBe('unsigned');
    store.close();
  });

  it('an accepted device cannot claim another device\u2019s writes, nor leap its own counter; the rest of its file is read', async () => {
    const store = await researcher();
    const b = deviceABundle();
    b.responses[1]!.revision = { device: A, at: AT, vv: { [A]: 2, victim: 10 } };
    b.responses[2]!.revision = { device: A, at: AT, vv: { [A]: 900_000 } };
    const prepared = await prepareImport(store, [file('a.dala.age', b, tabletA)], { id: 'i', at: AT }, trust(knownA));
    const r = prepared.reports[0]!;
    expect(r.counts).toMatchObject({ new: 1, rejected: 2 });
    expect(r.rejected.map((x) => [x.id, x.reason.replace(/:.*/, '')])).toEqual([
      [IDS.r2, 'revision.vv'],
      [IDS.r3, 'revision.vv'],
    ]);
    expect(r.rejected[0]!.reason).toMatch(/10 writes of device victim, which this reader has not had from that device/);
    store.close();
  });

  it('a study a bundle carries that differs from the researcher\u2019s copy is set aside by record; the answers are read against the researcher\u2019s copy', async () => {
    const store = await researcher();
    const b = deviceABundle();
    const tampered: Instrument = JSON.parse(JSON.stringify(form));
    tampered.choiceLists.sector!.push({ name: 'hacked', label: { en: 'Hacked' } });
    tampered.recipients = ['age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj'];
    b.studies = [{ id: form.id, studyVersion: form.studyVersion, instrument: tampered }];
    b.responses[0]!.answers.sector = { value: 'hacked', at: AT };
    const prepared = await prepareImport(store, [file('a.dala.age', b, tabletA)], { id: 'i', at: AT }, trust(knownA));
    const r = prepared.reports[0]!;
    expect(r.rejected.find((x) => x.list === 'studies')?.reason).toMatch(/differs from this reader's/);
    const done = await commitImport(store, prepared, { id: 'laptop' });
    expect(done.reports[0]!.counts.new).toBe(3);
    // 'hacked' is not one of the researcher's codes: kept as typed, flagged, never analysed.
    const stored = (await store.getAnswers(IDS.r1)).find((a) => a.item === 'sector');
    expect(stored?.value).toBe('hacked');
    expect((await store.listStudies()).map((s) => s.instrument.recipients)).toEqual([undefined]);
    store.close();
  });
});

describe('studies a file brings that the reader lacks', () => {
  /** The field study under another version, which the reader does not hold. */
  const other = (): Instrument => ({ ...(JSON.parse(JSON.stringify(form)) as Instrument), studyVersion: '2099-01' });
  const carrying = (instrument: Instrument): Bundle => {
    const b = deviceABundle();
    b.studies = [{ id: instrument.id, studyVersion: instrument.studyVersion, instrument }];
    for (const r of b.responses) r.studyVersion = instrument.studyVersion;
    return b;
  };

  it('an unsigned one (a form opened on the device, or a Dala before signatures) comes with its accepted writer, with a warning', async () => {
    const store = await researcher();
    const prepared = await prepareImport(store, [file('a.dala.age', carrying(other()), tabletA)], { id: 'i', at: AT }, trust(knownA));
    const r = prepared.reports[0]!;
    expect(r.counts).toMatchObject({ new: 3, rejected: 0 });
    expect(r.warnings).toContain(`study ${form.id} version 2099-01 is not signed by a researcher: it comes with this file's writer, device Tablet A`);
    // An old unsigned file, once allowed, brings its unsigned study the same way.
    const old = await prepareImport(store, [file('old.dala.json', carrying(other()), null)], { id: 'j', at: AT }, trust({ allowUnsigned: true }));
    expect(old.reports[0]!.counts).toMatchObject({ new: 3, rejected: 0 });
    store.close();
  });

  it('an unsigned or forged one of a study id the reader holds from a researcher is set aside with its responses', async () => {
    const store = await researcher();
    const researcherKey = newDeviceKey(new Uint8Array(32).fill(9));
    const pinned = { [form.id]: researcherKey.publicKey };
    const unsigned = await prepareImport(store, [file('a.dala.age', carrying(other()), tabletA)], { id: 'i', at: AT }, trust({ ...knownA, pinned }));
    expect(unsigned.reports[0]!.counts).toMatchObject({ new: 0, rejected: 4 });
    expect(unsigned.reports[0]!.rejected[0]!.reason).toMatch(/is not signed by a researcher/);
    const forged = signStudy(other(), researcherKey);
    forged.choiceLists.sector!.push({ name: 'hacked', label: { en: 'Hacked' } });
    const refused = await prepareImport(store, [file('b.dala.age', carrying(forged), tabletA)], { id: 'j', at: AT }, trust({ ...knownA, pinned }));
    expect(refused.reports[0]!.rejected[0]!.reason).toMatch(/does not match its signature/);
    // Signed by the researcher the reader holds the study from: read.
    const genuine = await prepareImport(store, [file('c.dala.age', carrying(signStudy(other(), researcherKey)), tabletA)], { id: 'k', at: AT }, trust({ ...knownA, pinned }));
    expect(genuine.reports[0]!.counts).toMatchObject({ new: 3, rejected: 0 });
    store.close();
  });
});
