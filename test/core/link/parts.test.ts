/**
 * A study link too long for one QR code travels as numbered parts. Another Dala scans them in any
 * order, any number of times, and gets the link back character for character; a damaged part, a
 * part of another study or of another link of the same study is refused and never mixed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import {
  addPart,
  decodeStudyLink,
  encodeStudyLink,
  missingParts,
  PART_MAX_BYTES,
  parsePart,
  splitIntoParts,
  studyQr,
  type AddOutcome,
  type PartsCollection,
} from '../../../src/core/link/index';
import { crc32 } from '../../../src/core/link/crc32';
import { runs } from '../fuzz/mutate';
import { BASE } from './helpers';

const DEMO = { id: demoStudy.id, studyVersion: demoStudy.studyVersion };
const LINK = encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } });
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Scans `texts` in this order; the last outcome and every outcome's kind. */
function scan(texts: string[], from: PartsCollection | null = null): { last: AddOutcome; kinds: string[] } {
  let collection = from;
  let last: AddOutcome | undefined;
  const kinds: string[] = [];
  for (const t of texts) {
    last = addPart(collection, t);
    kinds.push(last.kind);
    collection = last.collection;
  }
  return { last: last!, kinds };
}

describe('a study link as a sequence of QR codes', () => {
  it('the demo study link: parts of even size, each a QR code of version 22 or less, in order they make the link again', () => {
    const parts = splitIntoParts(LINK, DEMO);
    expect(parts.length).toBeGreaterThan(LINK.length / PART_MAX_BYTES);
    expect(parts.length).toBeLessThanOrEqual(20);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThanOrEqual(PART_MAX_BYTES);
      const qr = studyQr(p);
      expect(qr.ok && qr.version).toBeLessThanOrEqual(22);
    }
    expect(parts[0]).toMatch(new RegExp(`^DALA-PARTS-1 1/${parts.length} [0-9A-F]{8} ${demoStudy.id} ${demoStudy.studyVersion} [0-9A-F]{8} https://example\\.org/dala/#/s/1`));
    const sizes = parts.map((p) => bytes(p));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(10);
    const { last, kinds } = scan(parts);
    expect(kinds).toEqual([...Array<string>(parts.length - 1).fill('added'), 'complete']);
    expect(last.kind === 'complete' && last.text).toBe(LINK);
    expect(decodeStudyLink(last.kind === 'complete' ? last.text : '').ok).toBe(true);
  });

  it('scanned in a shuffled order with a part seen twice, it says which parts are missing, then gives the link', () => {
    const parts = splitIntoParts(LINK, DEMO);
    let c: PartsCollection | null = null;
    const order = [5, 2, 2, 0, ...parts.keys()].filter((i, at, all) => all.indexOf(i) === at || at === 2);
    const seen: string[] = [];
    for (const i of order) {
      const out = addPart(c, parts[i]!);
      seen.push(out.kind);
      c = out.collection;
      if (out.kind === 'added') expect(missingParts(out.collection)).not.toContain(i + 1);
      if (i === 0 && out.kind === 'added') expect(missingParts(out.collection)).toEqual([...parts.keys()].filter((k) => ![0, 2, 5].includes(k)).map((k) => k + 1));
    }
    expect(seen[2]).toBe('duplicate');
    expect(seen.at(-1)).toBe('complete');
  });

  it('property: any order, with repeats, of the parts of any text gives that text back exactly', () => {
    const text = fc.oneof(fc.string({ minLength: 1, maxLength: 6000 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 }), fc.constant(LINK));
    fc.assert(
      fc.property(text, fc.integer({ min: 300, max: 1200 }), fc.infiniteStream(fc.nat()), (t, max, picks) => {
        const parts = splitIntoParts(t, { id: 'study Ω/1', studyVersion: '2.0 beta' }, max);
        for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(max);
        // A shuffled order in which every part comes at least once, and some twice.
        const order = [...parts.keys(), ...parts.keys()].map((i) => [picks.next().value as number, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
        let c: PartsCollection | null = null;
        let done: string | null = null;
        for (const i of order) {
          const out = addPart(c, parts[i]!);
          expect(out.kind).not.toBe('refused');
          if (out.kind === 'complete' && done === null) done = out.text;
          c = out.collection;
        }
        expect(done).toBe(t);
        expect(c!.studyId).toBe('study Ω/1');
      }),
      runs(300),
    );
  });

  it('property: a part with any one character changed, dropped or added is refused, and the parts scanned so far stay', () => {
    const parts = splitIntoParts(LINK, DEMO);
    const first = addPart(null, parts[0]!).collection!;
    fc.assert(
      fc.property(fc.nat({ max: parts.length - 1 }), fc.nat(), fc.integer({ min: 32, max: 126 }), fc.constantFrom('change', 'drop', 'add'), (which, where, code, how) => {
        const p = parts[which]!;
        const at = where % p.length;
        const ch = String.fromCharCode(code);
        const changed = how === 'change' ? p.slice(0, at) + ch + p.slice(at + 1) : how === 'drop' ? p.slice(0, at) + p.slice(at + 1) : p.slice(0, at) + ch + p.slice(at);
        if (changed === p) return;
        const out = addPart(first, changed);
        expect(out.kind).toBe('refused');
        expect(out.collection).toBe(first);
        expect(parsePart(changed).ok).toBe(false);
      }),
      runs(3000),
    );
  });

  it('a part of another study, or of another link of the same study (another referral), is refused and not mixed in', () => {
    const parts = splitIntoParts(LINK, DEMO);
    const { last } = scan(parts.slice(0, 3));
    const otherReferral = splitIntoParts(encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'B4NP9T', wave: 0 } }), DEMO);
    const otherStudy = splitIntoParts(encodeStudyLink({ ...demoStudy, id: 'another-study' }, { base: BASE }), { id: 'another-study', studyVersion: '1' });
    for (const p of [otherReferral[5]!, otherStudy[5]!]) {
      const out = addPart(last.collection, p);
      expect(out).toMatchObject({ kind: 'refused', reason: 'other-sequence' });
      expect(out.collection).toBe(last.collection);
    }
    expect(addPart(last.collection, otherStudy[5]!)).toMatchObject({ other: { studyId: 'another-study', studyVersion: '1' } });
  });

  it('a crafted part that claims a number already scanned with another piece is refused; crafted parts that do not add up are refused whole', () => {
    const study = { id: 's', studyVersion: '1' };
    const a = splitIntoParts('abcdefghij'.repeat(30), study, 150);
    const b = splitIntoParts('ABCDEFGHIJ'.repeat(30), study, 150);
    expect(a.length).toBe(b.length);
    // Same count, but another whole: another sequence.
    expect(addPart(addPart(null, a[0]!).collection, b[1]!)).toMatchObject({ kind: 'refused', reason: 'other-sequence' });
    // A part of b relabelled with a's whole checksum (its own check recomputed, as a forger would).
    const whole = a[0]!.split(' ')[2]!;
    const forge = (p: string) => {
      const f = p.split(' ');
      const chunk = f.slice(6).join(' ');
      const head = `${f[0]} ${f[1]} ${whole} ${f[3]} ${f[4]}`;
      return reCheck(head, chunk);
    };
    const forged = forge(b[1]!);
    expect(parsePart(forged).ok).toBe(true);
    expect(addPart(addPart(addPart(null, a[0]!).collection, a[1]!).collection, forged)).toMatchObject({ kind: 'refused', reason: 'conflict' });
    // Every part but one from a, that one forged from b: all there, but the whole does not check.
    const mixed = [...a.slice(0, 1), forged, ...a.slice(2)];
    expect(scan(mixed).last).toMatchObject({ kind: 'refused', reason: 'whole', collection: null });
  });

  it('texts that are not parts: refused with a reason, never a throw', () => {
    const cases: [string, string][] = [
      ['hello', 'not-a-part'],
      ['age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj', 'not-a-part'],
      ['DALA-PARTS-2 1/2 00000000 s 1 00000000 x', 'version'],
      ['DALA-PARTS-1 0/2 00000000 s 1 00000000 x', 'header'],
      ['DALA-PARTS-1 3/2 00000000 s 1 00000000 x', 'header'],
      ['DALA-PARTS-1 1/201 00000000 s 1 00000000 x', 'header'],
      ['DALA-PARTS-1 1/2 0000000g s 1 00000000 x', 'header'],
      ['DALA-PARTS-1 1/2 00000000 s%ZZ 1 00000000 x', 'header'],
      ['DALA-PARTS-1 1/2 00000000 s 1 00000000 ', 'header'],
      ['DALA-PARTS-1 1/2 00000000 s 1 00000000', 'header'],
      ['DALA-PARTS-1 1/2 00000000 s 1 00000000 x', 'checksum'],
      ['DALA-PARTS-1 ' + 'x'.repeat(5000), 'header'],
    ];
    for (const [text, reason] of cases) expect(parsePart(text), text).toMatchObject({ ok: false, reason });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(addPart(null, `DALA-PARTS-1 ${s}`).kind).toBe('refused');
      }),
      runs(1000),
    );
  });
});

/** A part with its own check recomputed, as a forger would (the format's checks are not a signature). */
function reCheck(head: string, chunk: string): string {
  const own = crc32(new TextEncoder().encode(`${head} ${chunk}`)).toString(16).toUpperCase().padStart(8, '0');
  return `${head} ${own} ${chunk}`;
}
