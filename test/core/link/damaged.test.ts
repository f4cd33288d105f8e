/**
 * Opening a damaged, edited or hostile link: never a throw, always a LinkError (code 'link') whose
 * reason the UI can translate and whose message says what to do.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import { decodeStudyLink, encodeStudyLink, LINK_LIMITS, LinkError, type DecodedStudyLink, type LinkFailure } from '../../../src/core/link/index';
import { toBase64Url } from '../../../src/core/link/base64url';
import { crc32 } from '../../../src/core/link/crc32';
import { DICTIONARY_V1 } from '../../../src/core/link/dictionary';
import { packPayload } from '../../../src/core/link/payload';
import { BASE, importableFixtures, payloadOf, withPayload } from './helpers';

const LINK = encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } });
const PAYLOAD = payloadOf(LINK);

/** The refusal of `opened`, checked to be a LinkError with code 'link'. */
function refusal(opened: DecodedStudyLink): LinkError {
  expect(opened.ok).toBe(false);
  if (opened.ok) throw new Error('opened');
  expect(opened.error).toBeInstanceOf(LinkError);
  expect(opened.error.code).toBe('link');
  return opened.error;
}

function expectRefused(text: string, reason: LinkFailure, message: RegExp): void {
  const error = refusal(decodeStudyLink(text));
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(message);
}

/** A format-1 payload of arbitrary bytes, with a right checksum. */
function craft(bytes: Uint8Array, compressed = deflateSync(bytes, { level: 9, dictionary: strToU8(DICTIONARY_V1) })): string {
  const crc = crc32(bytes);
  const out = new Uint8Array(4 + compressed.length);
  out.set([crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255]);
  out.set(compressed, 4);
  return `${BASE}#/s/1${toBase64Url(out)}`;
}

describe('a respondent opens a damaged or edited link', () => {
  it('a link cut short in a message says it is incomplete', () => {
    for (const keep of [0.9, 0.5, 0.1, 0.01]) {
      for (const extra of [0, 1, 2, 3]) {
        const cut = LINK.slice(0, LINK.indexOf('#/s/') + 5 + Math.floor(PAYLOAD.length * keep) + extra);
        expectRefused(cut, 'incomplete', /^This study link is damaged or incomplete: the study (part is|in it is) cut off\. Ask for the link again\.$/);
      }
    }
  });

  it('a link with nothing after "#/s/" says the study part is missing', () => {
    expectRefused(`${BASE}#/s/`, 'incomplete', /the study part after "#\/s\/" is missing\. Ask for the link again\.$/);
    expectRefused(`${BASE}#/s/1AB`, 'incomplete', /too short to hold a study/);
  });

  it('a changed character in the checksum says the link was changed or damaged', () => {
    const flipped = PAYLOAD.slice(0, 3) + (PAYLOAD[3] === 'A' ? 'B' : 'A') + PAYLOAD.slice(4);
    expectRefused(withPayload(LINK, flipped), 'checksum', /does not match its checksum, so the link was changed or damaged on the way\. Ask for the link again\.$/);
  });

  it('a changed character in the compressed study is refused (it cannot unpack, or its checksum fails)', () => {
    for (const at of [10, 100, 1000, 5000, PAYLOAD.length - 10]) {
      const c = PAYLOAD[at]!;
      const flipped = PAYLOAD.slice(0, at) + (c === 'x' ? 'y' : 'x') + PAYLOAD.slice(at + 1);
      const error = refusal(decodeStudyLink(withPayload(LINK, flipped)));
      expect(['damaged', 'checksum', 'incomplete', 'too-large']).toContain(error.reason);
      expect(error.message).toMatch(/^This study link is damaged or (incomplete|unsafe): .*Ask for the link again/);
    }
  });

  it('a last character with bits no encoder writes is refused as changed', () => {
    // Find a payload whose base64 leaves unused bits, then set them.
    const small = importableFixtures().map(([, i]) => payloadOf(encodeStudyLink(i, { base: BASE }))).find((p) => (p.length - 1) % 4 !== 0);
    expect(small).toBeDefined();
    const p = small!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(p[p.length - 1]!);
    const changed = p.slice(0, -1) + alphabet[last | 1];
    expectRefused(`${BASE}#/s/${changed}`, 'damaged', /the last character of the study part was changed\. Ask for the link again\.$/);
  });

  it('a character a link never has is named, with its place', () => {
    expectRefused(withPayload(LINK, PAYLOAD.slice(0, 20) + '*' + PAYLOAD.slice(21)), 'characters', /it has the character '\*' at position 21 of the study part, which a study link never has\. Ask for the link again\.$/);
    expectRefused(withPayload(LINK, PAYLOAD.slice(0, 20) + '%20' + PAYLOAD.slice(20)), 'characters', /character '%'/);
  });

  it('a link of a newer format says to update Dala', () => {
    expectRefused(LINK.replace('#/s/1', '#/s/2'), 'version', /^This study link is in a format this version of Dala does not read \(format '2'\)\. If the link is new, reload Dala to update it/);
    expectRefused(LINK.replace('#/s/1', '#/s/-'), 'version', /does not start with a link format \(found '-'\)\. Ask for the link again\.$/);
  });

  it('a deflate bomb (40 MB of zeros in 40 KB) is refused at the 2 MB cap', () => {
    // 40 MB of zeros: about 40 KB compressed (node's zlib is native, so making it is quick).
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const bomb = craft(zeros, new Uint8Array(deflateRawSync(zeros, { level: 9, dictionary: Buffer.from(strToU8(DICTIONARY_V1)) })));
    expect(bomb.length).toBeLessThan(LINK_LIMITS.maxPayloadChars);
    expectRefused(bomb, 'too-large', /^This study link is damaged or unsafe: the study in it unpacks to more than 2 MB, far more than any study\. Ask for the link again, or for the study as a file\.$/);
  });

  it('a payload above the length cap is refused before it is decoded', () => {
    expectRefused(`${BASE}#/s/1${'A'.repeat(LINK_LIMITS.maxPayloadChars)}`, 'too-long', /^This study link is too long: its study part has 65537 characters and Dala opens links of up to 65536\. Ask for the study as a file instead\.$/);
    expectRefused('x'.repeat(LINK_LIMITS.maxLinkChars + 1), 'too-long', /^This study link is too long: it has 73729 characters/);
  });

  it('a crafted link with a right checksum but no JSON says the study is not readable', () => {
    expectRefused(`${BASE}#/s/${packPayload('{"id": "x", oops')}`, 'json', /^This study link is damaged or incomplete: the study in it is not readable \(.+\)\. Ask for the link again\.$/);
  });

  it('valid JSON that is not an instrument names what is wrong and asks for a corrected link', () => {
    expectRefused(`${BASE}#/s/${packPayload('[1, 2, 3]')}`, 'instrument', /^This study link does not hold a study: what it carries is not a study\. Ask the researcher for a corrected link\.$/);
    expectRefused(`${BASE}#/s/${packPayload('{"hello": "world"}')}`, 'instrument', /^This study link does not hold a valid study: missing or invalid instrument format version: expected a whole number, got nothing\. Ask the researcher for a corrected link\.$/);
    const { type: _t, ...rest } = demoStudy;
    const broken = { ...rest, sections: [{ ...rest.sections[0]!, items: [{ ...rest.sections[0]!.items[0]!, relevant: 'foo(' }] }] };
    const error = refusal(decodeStudyLink(`${BASE}#/s/${packPayload(JSON.stringify(broken))}`));
    expect(error.reason).toBe('instrument');
    expect(error.message).toMatch(/^This study link does not hold a valid study: sections\[0\]\.items\[0\] .*relevant.*Ask the researcher for a corrected link\.$/);
    expect(error.problems.length).toBeGreaterThan(0);
    // An edited type is not quietly put right.
    expectRefused(`${BASE}#/s/${packPayload(JSON.stringify({ ...rest, type: 'other' }))}`, 'instrument', /type is/);
    // Keys that reach into prototypes are refused, not merged.
    expectRefused(`${BASE}#/s/${packPayload(JSON.stringify(rest).replace('{', '{"__proto__":{"x":1},'))}`, 'instrument', /__proto__/);
  });

  it('other addresses are not study links', () => {
    expectRefused(BASE, 'not-a-link', /^This is not a Dala study link: it has no "#\/s\/" followed by a study\. Check that you copied the whole link, or ask for the link again\.$/);
    expectRefused(`${BASE}#/sessions`, 'not-a-link', /its part after "#" does not start with "\/s\/"/);
    expectRefused('', 'not-a-link', /not a Dala study link/);
    expectRefused(undefined as unknown as string, 'not-a-link', /it is not text/);
  });

  it('a referral that cannot be read is a warning: the study still opens', () => {
    for (const r of ['bad', 'K7M2QX.1', 'K7M2QX.0.B4NP9T', 'K7M2QX.x', 'K7M2QX.1.B4NP9T.9', 'K7M2QX.01.B4NP9T']) {
      const opened = decodeStudyLink(`${LINK.slice(0, LINK.indexOf('?'))}?r=${r}`);
      expect(opened.ok).toBe(true);
      if (!opened.ok) continue;
      expect(opened.referral).toBeUndefined();
      expect(opened.warnings).toHaveLength(1);
      expect(opened.warnings[0]!.message).toMatch(/^the referral part of the link \(r=.*\) is not readable: .*; the study opens without it$/);
    }
    const lower = decodeStudyLink(`${LINK.slice(0, LINK.indexOf('?'))}?x=1&r=b4np9t.3.k7m2qx`);
    expect(lower.ok && lower.referral).toEqual({ code: 'B4NP9T', parent: 'K7M2QX', wave: 3 });
    expect(lower.ok && lower.warnings).toEqual([]);
  });
});

describe('whatever text is opened as a link, decodeStudyLink returns a refusal and never throws', () => {
  const fixture = importableFixtures().find(([f]) => f === 'languages.xlsx')![1];
  const small = encodeStudyLink(fixture, { base: BASE });
  const smallPayload = payloadOf(small);
  const b64char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

  it('random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (text) => {
        for (const t of [text, `#/s/${text}`, `#/s/1${text}`, `${BASE}#/s/1${text}?r=${text}`]) {
          const opened = decodeStudyLink(t);
          expect(opened.ok).toBe(false);
          if (!opened.ok) expect(opened.error.code).toBe('link');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random base64url after "#/s/1"', () => {
    fc.assert(
      fc.property(fc.array(b64char, { maxLength: 400 }), (chars) => {
        const opened = decodeStudyLink(`#/s/1${chars.join('')}`);
        expect(opened.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any one character changed: refused, or (where the change touches no bit of the study) the same study', () => {
    fc.assert(
      fc.property(fc.nat({ max: smallPayload.length - 1 }), b64char, (at, c) => {
        const changed = smallPayload.slice(0, at) + c + smallPayload.slice(at + 1);
        const opened = decodeStudyLink(`${BASE}#/s/${changed}`);
        if (opened.ok) expect(opened.instrument).toStrictEqual(fixture);
        else expect(opened.error.code).toBe('link');
      }),
      { numRuns: 500 },
    );
  });

  it('cut anywhere: refused', () => {
    fc.assert(
      fc.property(fc.nat({ max: small.length - 1 }), (at) => {
        const opened = decodeStudyLink(small.slice(0, at));
        expect(opened.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
