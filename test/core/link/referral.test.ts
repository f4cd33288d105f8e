import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import {
  decodeStudyLink,
  encodeStudyLink,
  formatReferral,
  MAX_WAVE,
  nextReferral,
  parseReferral,
  REFERRAL_ALPHABET,
  withReferral,
  type Referral,
} from '../../../src/core/link/index';
import { BASE, payloadOf } from './helpers';

/** A fixed sequence of numbers in [0, 1), so that codes are the same on every run. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe('snowball sampling: who referred whom, in which wave', () => {
  it('a researcher makes a seed link: wave 0, no parent, a 6-character code without look-alikes', () => {
    const seed = nextReferral(undefined, sequence(1));
    expect(seed.wave).toBe(0);
    expect(seed.parent).toBeUndefined();
    expect(seed.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(REFERRAL_ALPHABET).not.toMatch(/[01OILU]/);
  });

  it('each respondent passes it on: the wave grows by one and the parent is the referrer', () => {
    const random = sequence(7);
    const chain: Referral[] = [nextReferral(undefined, random)];
    for (let i = 0; i < 5; i++) chain.push(nextReferral(chain[chain.length - 1], random));
    chain.forEach((r, wave) => {
      expect(r.wave).toBe(wave);
      expect(r.parent).toBe(wave === 0 ? undefined : chain[wave - 1]!.code);
    });
    expect(new Set(chain.map((r) => r.code)).size).toBe(chain.length);
  });

  it('the chain travels in the links: each link opened gives the referral the next link is made from', () => {
    const random = sequence(42);
    let link = encodeStudyLink(demoStudy, { base: BASE, referral: nextReferral(undefined, random) });
    const payload = payloadOf(link);
    const seen: Referral[] = [];
    for (let step = 0; step < 4; step++) {
      const opened = decodeStudyLink(link);
      expect(opened.ok).toBe(true);
      if (!opened.ok || !opened.referral) throw new Error('no referral');
      seen.push(opened.referral);
      link = withReferral(link, nextReferral(opened.referral, random));
      expect(payloadOf(link)).toBe(payload);
    }
    expect(seen.map((r) => r.wave)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.parent).toBe(seen[i - 1]!.code);
  });

  it('two respondents passing on the same link make two children with the same parent', () => {
    const random = sequence(3);
    const parent = nextReferral(undefined, random);
    const a = nextReferral(parent, random);
    const b = nextReferral(parent, random);
    expect(a.parent).toBe(parent.code);
    expect(b.parent).toBe(parent.code);
    expect(a.code).not.toBe(b.code);
  });

  it('a random source that repeats itself still never gives a child its parent\'s code', () => {
    const parent: Referral = { code: '222222', wave: 0 };
    const child = nextReferral(parent, (() => {
      const values = [0, 0, 0, 0, 0, 0, 0.5];
      let i = 0;
      return () => values[Math.min(i++, values.length - 1)]!;
    })());
    expect(child.code).not.toBe(parent.code);
    // Out-of-range numbers from a broken source still give valid codes.
    for (const bad of [NaN, -1, 1, 2, Infinity]) expect(nextReferral(undefined, () => bad).code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
  });

  it('the wave stops growing at its maximum', () => {
    expect(nextReferral({ code: 'K7M2QX', parent: 'B4NP9T', wave: MAX_WAVE }, sequence(5)).wave).toBe(MAX_WAVE);
  });

  it('reads and writes its text form: CODE.WAVE[.PARENT], codes case-insensitive', () => {
    expect(formatReferral({ code: 'K7M2QX', wave: 0 })).toBe('K7M2QX.0');
    expect(formatReferral({ code: 'B4NP9T', parent: 'K7M2QX', wave: 2 })).toBe('B4NP9T.2.K7M2QX');
    expect(parseReferral('SEED01')).toEqual({ ok: true, referral: { code: 'SEED01', wave: 0 } });
    expect(parseReferral('b4np9t.2.k7m2qx')).toEqual({ ok: true, referral: { code: 'B4NP9T', parent: 'K7M2QX', wave: 2 } });
    const problems: [string, RegExp][] = [
      ['', /code '' is not 4 to 16/],
      ['AB', /code 'AB' is not 4 to 16/],
      ['K7M2QX.-1', /wave '-1' is not a whole number/],
      ['K7M2QX.1000000.B4NP9T', /wave '1000000'/],
      ['K7M2QX.3', /wave 3 has no parent code/],
      ['K7M2QX.0.B4NP9T', /a seed link \(wave 0\) has no parent code/],
      ['K7M2QX.1.B4', /parent code 'B4'/],
      ['K7M2QX.1.B4NP9T.X', /expected CODE.WAVE.PARENT/],
    ];
    for (const [text, problem] of problems) {
      const parsed = parseReferral(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toMatch(problem);
    }
  });

  it('every referral nextReferral makes reads back from its text as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.nat({ max: 20 }), (seed, steps) => {
        const random = sequence(seed);
        let r = nextReferral(undefined, random);
        for (let i = 0; i < steps; i++) r = nextReferral(r, random);
        expect(parseReferral(formatReferral(r))).toEqual({ ok: true, referral: r });
      }),
    );
  });
});
