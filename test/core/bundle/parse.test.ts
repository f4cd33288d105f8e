import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_MIGRATIONS,
  BundleRecordError,
  instrumentLookup,
  parseBundle,
  parseBundleText,
  restoreBundle,
  restoreBundleText,
  type Bundle,
} from '../../../src/core/bundle/index';
import { DalaError } from '../../../src/core/errors';
import type { Instrument } from '../../../src/core/instrument/types';
import { deviceABundle, IDS } from '../../fixtures/bundles/make-fixtures';

const DIR = join(__dirname, '../../fixtures/bundles');
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');
const form = JSON.parse(fixture('field-form.json')) as Instrument;

/** A fresh, valid v1 document (device A's bundle) to break one field at a time. */
const doc = (): Record<string, any> => JSON.parse(fixture('device-a.dala.json'));
const withoutInstrument = (): Record<string, any> => {
  const d = doc();
  d.studies = d.studies.map(({ instrument: _i, ...s }: Record<string, unknown>) => s);
  return d;
};

function refusal(input: unknown, options: Parameters<typeof parseBundle>[1] = { file: 'a.dala.age' }): DalaError {
  try {
    (typeof input === 'string' ? parseBundleText : parseBundle)(input as never, options);
  } catch (e) {
    expect(e).toBeInstanceOf(DalaError);
    return e as DalaError;
  }
  throw new Error('expected the bundle to be refused');
}

describe('bundle format v1: real files', () => {
  it('device A\'s bundle reads as it was written, with its instrument and consent records', () => {
    const b = parseBundleText(fixture('device-a.dala.json'), { file: 'device-a.dala.json' });
    expect(b).toEqual(JSON.parse(JSON.stringify(deviceABundle())));
    expect(b.studies[0]!.instrument!.id).toBe('field-study');
    expect(b.responses.map((r) => r.id)).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(b.responses[0]!.consent).toEqual({ agreed: true, by: 'INT-7', at: '2024-05-01T09:00:30Z', version: 'c1', lang: 'ru' });
    expect(b.responses[2]!.status).toBe('draft');
    expect(b.responses[2]!.completedAt).toBeUndefined();
  });

  it('the broken fixtures are each refused with their own code and a message naming the file', () => {
    const cases: [string, string, string][] = [
      ['broken-version.json', 'bundle-format', 'bundle broken-version.json: unknown bundle format version 7; this Dala reads versions 1 and 2'],
      ['broken-not-bundle.json', 'bundle-format', 'bundle broken-not-bundle.json: not a Dala bundle: type is not "dala-bundle"'],
      ['broken-proto.json', 'bundle-record', `bundle broken-proto.json, responses[0] (id 5f0c1a2b\u2026): the key '__proto__' is not allowed`],
    ];
    for (const [file, code, message] of cases) {
      const e = refusal(fixture(file), { file });
      expect({ file, code: e.code, message: e.message }).toEqual({ file, code, message });
    }
  });

  it('a bad record carries where it is, for the app to show', () => {
    const e = refusal(fixture('broken-proto.json'), { file: 'b.json' });
    expect(e).toBeInstanceOf(BundleRecordError);
    expect((e as BundleRecordError).place).toEqual({ file: 'b.json', list: 'responses', index: 0, id: IDS.r1, reason: "the key '__proto__' is not allowed" });
  });

  it('a version 1 file with a value its item does not accept (which Dala before version 2 refused whole) opens, the value kept and flagged', () => {
    const b = parseBundleText(fixture('broken-record.json'), { file: 'broken-record.json' });
    expect(b.version).toBe(2);
    expect(b.responses.map((r) => r.id)).toEqual([IDS.r1, IDS.r2, IDS.r3]);
    expect(b.responses[1]!.answers.age).toEqual({ value: 'fifty-one', at: '2024-05-01T09:30:00Z', invalid: 'not a whole number' });
    expect(b.responses[0]!.answers.age!.invalid).toBeUndefined();
  });

  it('the migrations table reads exactly versions 1 and 2', () => {
    expect(Object.keys(BUNDLE_MIGRATIONS)).toEqual(['1', '2']);
  });
});

describe('bundle format v1: what is refused', () => {
  type Case = [name: string, breakIt: (d: Record<string, any>) => unknown, code: string, message: string];
  const r = (d: Record<string, any>, i = 0) => d.responses[i];
  const cases: Case[] = [
    ['not JSON', () => '{"type": "dala-bundle", ', 'bundle-format', 'bundle a.dala.age is not a Dala bundle: not JSON'],
    ['a list', () => [], 'bundle-format', 'bundle a.dala.age: not a Dala bundle: expected a JSON object'],
    ['no type', (d) => ({ ...d, type: undefined }), 'bundle-format', 'bundle a.dala.age: not a Dala bundle: it has no type "dala-bundle"'],
    ['version as text', (d) => ({ ...d, version: '1' }), 'bundle-format', 'bundle a.dala.age: missing or invalid bundle format version: expected a whole number'],
    ['a future version', (d) => ({ ...d, version: 3 }), 'bundle-format', 'bundle a.dala.age: unknown bundle format version 3; this Dala reads versions 1 and 2'],
    ['bad createdAt', (d) => ({ ...d, createdAt: 'yesterday' }), 'bundle-format', "bundle a.dala.age: createdAt: 'yesterday' is not an ISO time with a zone (like 2024-05-01T10:00:00Z)"],
    ['a bad bundle id', (d) => ({ ...d, bundleId: 'b-1' }), 'bundle-format', "bundle a.dala.age: bundleId: 'b-1' is not a UUID"],
    ['a __proto__ key at the top', (d) => JSON.parse(JSON.stringify(d).replace('"createdAt"', '"__proto__":{},"createdAt"')), 'bundle-format', "bundle a.dala.age: the key '__proto__' is not allowed"],
    ['a study without version', (d) => ({ ...d, studies: [{ id: 'field-study' }] }), 'bundle-record', 'bundle a.dala.age, studies[0] (id field-study): studyVersion: missing'],
    ['an invalid carried instrument', (d) => { d.studies[0].instrument.sections = []; return d; }, 'bundle-record', 'bundle a.dala.age, studies[0] (id field-study): instrument: sections: must not be empty'],
    ['a response not an object', (d) => { d.responses[2] = 'x'; return d; }, 'bundle-record', 'bundle a.dala.age, responses[2]: expected a response (an object), got string'],
    ['an id that is not a UUID', (d) => { r(d).id = 'R1'; return d; }, 'bundle-record', "bundle a.dala.age, responses[0] (id R1): id: 'R1' is not a UUID"],
    ['a missing status', (d) => { delete r(d).status; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): status: missing`],
    ['consent not agreed', (d) => { r(d).consent.agreed = false; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): consent.agreed: expected true (consent is recorded only when given), got false`],
    ['a value of the wrong shape', (d) => { r(d).answers.sector.value = { a: 1 }; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): answers.sector.value: expected a text, a number, a list of choice codes or null, got an object`],
    ['a constructor answer', (d) => { r(d).answers = JSON.parse('{"constructor": {"value": 1, "at": "2024-05-01T09:30:00Z"}}'); return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): answers: the key 'constructor' is not allowed`],
    ['a revision device missing from its vv', (d) => { r(d).revision.vv = { x: 1 }; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): revision: the device 'a0000000-0000-4000-8000-00000000000a' is not in its version vector vv`],
    ['a negative write count', (d) => { r(d).revision.vv[r(d).revision.device] = -1; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): revision.vv.a0000000-0000-4000-8000-00000000000a: expected a whole number >= 0, got -1`],
    ['an empty vv', (d) => { r(d).revision.vv = {}; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): revision.vv: must not be empty`],
    ['a study not listed', (d) => { r(d, 1).studyVersion = '2023'; return d; }, 'bundle-record', `bundle a.dala.age, responses[1] (id 7c2e4b10\u2026): study field-study version 2023 is not listed in the bundle's studies`],
    ['a referral code in lower case', (d) => { r(d).referral = { code: 'k7m2qx', wave: 0 }; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): referral.code: 'k7m2qx' is not a referral code (4 to 16 capitals or digits)`],
    ['a referral wave above 0 without a parent', (d) => { r(d).referral = { code: 'B4NP9T', wave: 2 }; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): referral: a wave above 0 needs the parent code`],
    ['a referral wave that is not whole', (d) => { r(d).referral = { code: 'B4NP9T', parent: 'K7M2QX', wave: 1.5 }; return d; }, 'bundle-record', `bundle a.dala.age, responses[0] (id 5f0c1a2b\u2026): referral.wave: expected a whole number from 0 to 999,999, got 1.5`],
    ['an item the study lacks', (d) => { r(d, 2).answers.hologram = { value: 'x', at: '2024-05-01T09:30:00Z' }; return d; }, 'bundle-record', `bundle a.dala.age, responses[2] (id 9d4f0e21\u2026): answers.hologram: the study field-study version 2024-05 has no item 'hologram'`],
  ];

  it.each(cases)('%s', (_name, breakIt, code, message) => {
    const e = refusal(breakIt(doc()));
    expect(e.code).toBe(code);
    if (message.endsWith('not JSON')) expect(e.message.startsWith(message)).toBe(true);
    else expect(e.message).toBe(message);
  });

  it('a bundle cut short says so, and names the file', () => {
    const text = JSON.stringify(doc());
    for (const cut of [text.slice(0, 100), text.slice(0, text.length - 1), text.slice(0, text.indexOf('"Жауап') + 4)]) {
      const e = refusal(cut);
      expect(e.code).toBe('bundle-format');
      expect(e.message).toMatch(/^bundle a\.dala\.age is not a Dala bundle: not JSON: it ends too soon, so the file is cut short \(/);
    }
  });

  it('answers are checked against the caller\'s instrument when the bundle does not carry it', () => {
    const d = withoutInstrument();
    d.responses[0].answers.age.value = 34.5;
    expect(parseBundle(structuredClone(d), { file: 'x.json' }).responses[0]!.answers.age).toEqual({ value: 34.5, at: '2024-05-01T09:30:00Z' });
    const b = parseBundle(d, { file: 'x.json', instruments: instrumentLookup([form]) });
    expect(b.responses[0]!.answers.age).toEqual({ value: 34.5, at: '2024-05-01T09:30:00Z', invalid: 'not a whole number' });
  });

  it('a value its item does not accept is kept as it was and flagged with the reason, in drafts and complete responses alike', () => {
    const d = doc();
    r(d, 1).answers.sector.value = 'ngo';
    r(d, 1).answers.s1.value = '6';
    r(d, 2).answers.age = { value: '40,5', at: '2024-05-01T09:30:00Z' };
    const b = parseBundle(d);
    expect(b.responses[1]!.answers.sector!.invalid).toBe("'ngo' is not one of public, private");
    expect(b.responses[1]!.answers.s1!.invalid).toBe("'6' is not one of 1, 2, 3, 4, 5, dk");
    expect(b.responses[2]!.answers.age).toMatchObject({ value: '40,5', invalid: 'not a whole number' });
  });

  it('the reader decides: a flag on a valid value is dropped, a missing flag on an invalid one is set', () => {
    const d = doc();
    r(d, 0).answers.sector.invalid = 'made up';
    r(d, 2).answers.age = { value: 'abc', at: '2024-05-01T09:30:00Z' };
    const b = parseBundle(d);
    expect(b.responses[0]!.answers.sector!.invalid).toBeUndefined();
    expect(b.responses[2]!.answers.age!.invalid).toBe('not a whole number');
  });

  it('the reader\'s own instrument wins over the copy the bundle carries', () => {
    const d = doc();
    const own: Instrument = structuredClone(form);
    own.choiceLists.sector = own.choiceLists.sector!.filter((c) => c.name === 'public');
    const b = parseBundle(d, { instruments: instrumentLookup([own]) });
    const privateOnes = b.responses.filter((x) => x.answers.sector?.value === 'private');
    expect(privateOnes.length).toBeGreaterThan(0);
    for (const x of privateOnes) expect(x.answers.sector!.invalid).toBe("'private' is not one of public");
  });

  it('caps: the JSON size before parsing, counts before entries, lengths of texts', () => {
    const text = fixture('device-a.dala.json');
    expect(refusal(text, { file: 'big.json', limits: { jsonChars: 1000 } })).toMatchObject({
      code: 'too-large',
      message: `bundle big.json: ${text.length.toLocaleString('en-US')} characters of JSON; Dala reads bundles of up to 1,000`,
    });
    expect(refusal(doc(), { file: 'a.json', limits: { responses: 2 } }).message).toBe('bundle a.json: responses: at most 2 responses, got 3');
    const d = doc();
    d.responses[0].answers.comment.value = 'x'.repeat(101);
    expect(refusal(d, { file: 'a.json', limits: { answerText: 100 } }).message).toBe(
      `bundle a.json, responses[0] (id 5f0c1a2b\u2026): answers.comment.value: at most 100 characters, got 101`,
    );
    const many = doc();
    many.responses[0].answers = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`q${i}`, { value: null, at: '2024-05-01T09:30:00Z' }]));
    expect(refusal(many, { file: 'a.json', limits: { answers: 3 } }).message).toBe(`bundle a.json, responses[0] (id 5f0c1a2b\u2026): answers: at most 3 answers by item, got 4`);
  });

  it('upper-case UUIDs are read as lower case; unknown fields are dropped', () => {
    const d = withoutInstrument();
    d.responses[0].id = d.responses[0].id.toUpperCase();
    d.responses[0].futureField = 1;
    d.somethingNew = true;
    const b: Bundle = parseBundle(d);
    expect(b.responses[0]!.id).toBe(IDS.r1);
    expect('futureField' in b.responses[0]!).toBe(false);
    expect('somethingNew' in b).toBe(false);
  });

  it('a self-completed response carries its referral: the respondent\'s code, the parent\'s, the wave', () => {
    const d = withoutInstrument();
    d.responses[0].referral = { code: 'B4NP9T', parent: 'K7M2QX', wave: 1, extra: 'dropped' };
    d.responses[1].referral = { code: 'SEED01', wave: 0 };
    const b = parseBundle(d);
    expect(b.responses[0]!.referral).toEqual({ code: 'B4NP9T', parent: 'K7M2QX', wave: 1 });
    expect(b.responses[1]!.referral).toEqual({ code: 'SEED01', wave: 0 });
    expect('referral' in b.responses[2]!).toBe(false);
  });

  it('a conflict travels as two responses with the same id', () => {
    const d = withoutInstrument();
    const twin = structuredClone(d.responses[0]);
    twin.revision = { device: 'other-device', at: '2024-05-02T00:00:00Z', vv: { 'other-device': 1 } };
    d.responses.push(twin);
    expect(parseBundle(d).responses.filter((x) => x.id === IDS.r1)).toHaveLength(2);
  });
});

describe('a bundle restored record by record: one bad record never blocks the rest', () => {
  const r = (d: Record<string, any>, i = 0) => d.responses[i];

  it('a bad response is set aside with where it was, why, and the record as it was; the others are kept', () => {
    const d = doc();
    r(d, 1).answers.hologram = { value: 'x', at: '2024-05-01T09:30:00Z' };
    r(d, 2).revision.vv = {};
    const { bundle, setAside } = restoreBundle(structuredClone(d), { file: 'tablet.dala.age' });
    expect(bundle.responses.map((x) => x.id)).toEqual([IDS.r1]);
    expect(setAside.map(({ record: _r, ...place }) => place)).toEqual([
      { file: 'tablet.dala.age', list: 'responses', index: 1, id: IDS.r2, reason: "answers.hologram: the study field-study version 2024-05 has no item 'hologram'" },
      { file: 'tablet.dala.age', list: 'responses', index: 2, id: IDS.r3, reason: 'revision.vv: must not be empty' },
    ]);
    expect(setAside[0]!.record).toEqual(d.responses[1]);
  });

  it('a study whose instrument is broken is set aside, and its responses with it, saying why', () => {
    const d = doc();
    d.studies[0].instrument.sections = [];
    const { bundle, setAside } = restoreBundle(d, { file: 'a.json' });
    expect(bundle.studies).toEqual([]);
    expect(bundle.responses).toEqual([]);
    expect(setAside.map((x) => `${x.list}[${x.index}]: ${x.reason}`)).toEqual([
      'studies[0]: instrument: sections: must not be empty',
      'responses[0]: its study field-study version 2024-05 was set aside (studies[0])',
      'responses[1]: its study field-study version 2024-05 was set aside (studies[0])',
      'responses[2]: its study field-study version 2024-05 was set aside (studies[0])',
    ]);
  });

  it('a bad paradata event is set aside alone', () => {
    const d = withoutInstrument();
    d.paradata = [
      { responseId: IDS.r1, at: '2024-05-01T09:00:00Z', event: 'enter' },
      { responseId: IDS.r1, at: 'then', event: 'leave' },
    ];
    const { bundle, setAside } = restoreBundle(d);
    expect(bundle.paradata).toHaveLength(1);
    expect(setAside.map((x) => `${x.list}[${x.index}]: ${x.reason}`)).toEqual(["paradata[1]: at: 'then' is not an ISO time with a zone (like 2024-05-01T10:00:00Z)"]);
  });

  it('the file as a whole is still refused when it is not a bundle at all', () => {
    expect(() => restoreBundle({ type: 'dala-bundle', version: 2, bundleId: 'x' }, { file: 'a.json' })).toThrow(DalaError);
    expect(() => restoreBundleText('{', { file: 'a.json' })).toThrow('bundle a.json is not a Dala bundle: not JSON');
  });
});

describe('a study with data files (instrument format 3) in a bundle', () => {
  it('travels with its files: the study read from the bundle reads them as they were', () => {
    const d = doc();
    const attachments = [{ name: 'prices.csv', mediaType: 'text/csv', content: 'item,price\nrice,450\n', sha256: 'a'.repeat(64) }];
    d.studies[0].instrument = { ...d.studies[0].instrument, attachments };
    const b = parseBundle(d, { file: 'x.json' });
    expect(b.studies[0]!.instrument!.attachments).toEqual(attachments);
  });

  it('a file named like a folder path is refused, saying where', () => {
    const d = doc();
    d.studies[0].instrument = { ...d.studies[0].instrument, attachments: [{ name: '../etc/prices.csv', mediaType: 'text/csv', content: '', sha256: 'a'.repeat(64) }] };
    expect(() => parseBundle(d, { file: 'x.json' })).toThrow("instrument: attachments[0] (../etc/prices.csv): name: '../etc/prices.csv' is not an attachment's name (a file name ending in .csv or .xml, or a media file's, without folders)");
  });
});
