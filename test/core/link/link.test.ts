import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import { DalaError } from '../../../src/core/errors';
import { decodeStudyLink, encodeStudyLink, LinkError, withReferral, type Referral } from '../../../src/core/link/index';
import { BASE, importableFixtures, payloadOf } from './helpers';

const SEED: Referral = { code: 'K7M2QX', wave: 0 };

describe('a study travels as a link', () => {
  it('the demo study comes back from its link exactly as it was, with its referral', () => {
    const link = encodeStudyLink(demoStudy, { base: BASE, referral: SEED });
    expect(link.startsWith(`${BASE}#/s/1`)).toBe(true);
    expect(link.endsWith('?r=K7M2QX.0')).toBe(true);
    const opened = decodeStudyLink(link);
    expect(opened).toEqual({ ok: true, instrument: demoStudy, referral: SEED, warnings: [] });
    if (opened.ok) expect(opened.instrument).toStrictEqual(demoStudy);
  });

  it('the demo study link is at least 30% shorter than the study as plain JSON', () => {
    const link = encodeStudyLink(demoStudy, { base: BASE, referral: SEED });
    const plain = strToU8(JSON.stringify(demoStudy)).length;
    const linkBytes = strToU8(link).length;
    expect(linkBytes).toBeLessThanOrEqual(0.7 * plain);
    // Also against the plain JSON's characters (Cyrillic counts once, not twice).
    expect(link.length).toBeLessThanOrEqual(0.7 * JSON.stringify(demoStudy).length);
  });

  const fixtures = importableFixtures();
  it('finds the XLSForm fixtures: every one not named error-*', () => {
    const all = readdirSync(join(__dirname, '../../fixtures/xlsform')).filter((f) => f.endsWith('.xlsx') && !f.startsWith('error-'));
    expect(fixtures.map(([file]) => file)).toEqual(all.sort());
    expect(fixtures.every(([file]) => !file.startsWith('error-'))).toBe(true);
  });

  it.each(fixtures)('the XLSForm %s comes back from its link exactly as imported', (_file, instrument) => {
    const opened = decodeStudyLink(encodeStudyLink(instrument, { base: BASE }));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.instrument).toStrictEqual(instrument);
    expect(opened.referral).toBeUndefined();
  });

  it('opens from the whole link, the fragment, or the route, and ignores line breaks and spaces', () => {
    const link = encodeStudyLink(demoStudy, { base: BASE, referral: SEED });
    const fragment = link.slice(link.indexOf('#'));
    const wrapped = link.replace(/(.{70})/g, '$1\n  ');
    for (const text of [link, fragment, fragment.slice(1), wrapped, ` ${link} \n`]) {
      const opened = decodeStudyLink(text);
      expect(opened.ok && opened.instrument.id).toBe(demoStudy.id);
    }
  });

  it('drops what the base address has from "#" on', () => {
    const link = encodeStudyLink(demoStudy, { base: `${BASE}#/sessions` });
    expect(link.startsWith(`${BASE}#/s/1`)).toBe(true);
  });

  it('the same study gives the same payload, whatever the referral', () => {
    const a = encodeStudyLink(demoStudy, { base: BASE, referral: SEED });
    const b = encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'B4NP9T', parent: 'K7M2QX', wave: 1 } });
    expect(payloadOf(a)).toBe(payloadOf(b));
    expect(a.slice(a.indexOf('?'))).toBe('?r=K7M2QX.0');
    expect(b.slice(b.indexOf('?'))).toBe('?r=B4NP9T.1.K7M2QX');
  });

  it('passing a study on replaces only the referral part of the link', () => {
    const seed = encodeStudyLink(demoStudy, { base: BASE, referral: SEED });
    const child: Referral = { code: 'B4NP9T', parent: 'K7M2QX', wave: 1 };
    const passed = withReferral(seed, child);
    expect(passed).toBe(seed.replace('?r=K7M2QX.0', '?r=B4NP9T.1.K7M2QX'));
    const opened = decodeStudyLink(passed);
    expect(opened.ok && opened.referral).toEqual(child);
    expect(withReferral(passed, undefined)).toBe(seed.slice(0, seed.indexOf('?')));
    expect(withReferral(seed.slice(0, seed.indexOf('?')), SEED)).toBe(seed);
  });

  it('refuses to make a link with a referral that could not be read back', () => {
    for (const referral of [{ code: 'k7m2qx', wave: 0 }, { code: 'AB', wave: 0 }, { code: 'K7M2QX', wave: 2 }, { code: 'K7M2QX', wave: 0, parent: 'B4NP9T' }, { code: 'K7M2QX', wave: 1.5, parent: 'B4NP9T' }]) {
      expect(() => encodeStudyLink(demoStudy, { base: BASE, referral })).toThrow(DalaError);
    }
  });

  it('a study too large for a link is refused with a message that says to share the file', () => {
    const big = structuredClone(demoStudy);
    // Texts that do not compress: a link would be far above its cap.
    let seed = 1;
    const noise = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48271) % 2147483647) % 20000))).join('');
    for (const section of big.sections) for (const item of section.items) item.label = { ...item.label, en: noise(2000) };
    try {
      encodeStudyLink(big, { base: BASE });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LinkError);
      expect((e as LinkError).code).toBe('link');
      expect((e as LinkError).reason).toBe('too-long');
      expect((e as LinkError).message).toMatch(/too large for a link: the link would have \d+ characters .* Share it as a study file\./);
    }
  });
});

describe('a study with data files (instrument format 3)', () => {
  const sha256 = '0'.repeat(64);
  it('travels in its link with its files, read back as they were', () => {
    const study = { ...demoStudy, attachments: [{ name: 'prices.csv', mediaType: 'text/csv' as const, content: 'item,price\nrice,450\n', sha256 }] };
    const opened = decodeStudyLink(encodeStudyLink(study, { base: BASE }));
    expect(opened.ok && opened.instrument.attachments).toEqual(study.attachments);
  });

  it('too large for a link because of its files: the error names them and says it would fit without them', () => {
    // A list that does not compress: 200,000 characters of pseudo-random codes.
    let x = 7;
    const rows = Array.from({ length: 20_000 }, () => ((x = (x * 48271) % 2147483647), x.toString(36)));
    const study = { ...demoStudy, attachments: [{ name: 'households.csv', mediaType: 'text/csv' as const, content: `code\n${rows.join('\n')}\n`, sha256 }] };
    expect(() => encodeStudyLink(study, { base: BASE })).toThrow(/too large for a link.*It carries the data files its questions read \(households\.csv: \d+ KB\), without which it would fit\./);
  });
});
