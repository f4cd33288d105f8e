/**
 * Fuzz: instruments (a form's JSON) and study links (a study in a URL fragment), from real fixtures
 * changed by ./mutate.ts. parseInstrument never throws: it answers a valid instrument or its
 * problems. An instrument it accepts is trusted: its expressions compile, its form state computes,
 * and it travels as a link and back. decodeStudyLink never throws: a study or a LinkError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { addPart, decodeStudyLink, encodeStudyLink, LinkError, parseReferral, parseResearcherKey, splitIntoParts } from '../../../src/core/link/index';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { importableFixtures } from '../link/helpers';
import { applyJsonEdits, applyTextEdits, expectPrototypeClean, jsonEdits, parsesOrRefuses, runs, textEdits } from './mutate';

const read = (path: string) => JSON.parse(readFileSync(join(__dirname, '../../fixtures', path), 'utf8')) as Instrument;
const FORMS: Instrument[] = [
  read('bundles/field-form.json'),
  read('scoring/seed-form.json'),
  read('scoring/edge-form.json'),
  demoStudy,
  ...importableFixtures().map(([, i]) => i),
];
const BASE = 'https://example.org/dala/';

/** An instrument Dala accepted is used as the app uses it: none of this may throw. */
function trust(instrument: Instrument): void {
  // As the app prepares it: with the function groups it calls (a fixture measures a path with distance()).
  const compiled = compileInstrument(instrument, ALL_FUNCTIONS);
  computeFormState(compiled, {}, '2024-05-01');
  const opened = decodeStudyLink(encodeStudyLink(instrument, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } }));
  if (!opened.ok) expect(opened.error.reason).toBe('too-large');
}

describe('fuzz: instruments and study links', () => {
  it('a form\'s JSON changed, huge, deep or keyed __proto__: an instrument or its problems, never a throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: FORMS.length - 1 }), jsonEdits, (which, edits) => {
        const json = JSON.parse(applyJsonEdits(FORMS[which], edits)) as unknown;
        const result = parseInstrument(json, 'fuzz.json');
        if (result.ok) trust(result.instrument);
        else expect(result.problems.length).toBeGreaterThan(0);
        expectPrototypeClean();
      }),
      runs(600),
    );
  }, 60_000);

  it('a link with characters changed, dropped, cut or repeated: a study or a LinkError, never a throw', () => {
    const links = [FORMS[0]!, demoStudy].map((f) => encodeStudyLink(f, { base: BASE, referral: { code: 'K7M2QX', wave: 1, parent: 'B4NP9T' } }));
    fc.assert(
      fc.property(fc.nat({ max: links.length - 1 }), textEdits, (which, edits) => {
        const opened = decodeStudyLink(applyTextEdits(links[which]!, edits));
        if (opened.ok) trust(opened.instrument);
        else expect(opened.error).toBeInstanceOf(LinkError);
      }),
      runs(600),
    );
  }, 60_000);

  it('a link whose study is a changed form: a study or a LinkError', () => {
    fc.assert(
      fc.property(jsonEdits, (edits) => {
        // encodeStudyLink packs whatever it is given: the link carries the changed JSON as it is.
        const changed = JSON.parse(applyJsonEdits(FORMS[0], edits)) as Instrument;
        let link: string;
        try {
          link = encodeStudyLink(changed, { base: BASE });
        } catch {
          return; // not an object: no link to make
        }
        const opened = decodeStudyLink(link);
        if (opened.ok) trust(opened.instrument);
        else expect(opened.error).toBeInstanceOf(LinkError);
        expectPrototypeClean();
      }),
      runs(150),
    );
  }, 60_000);

  it('a referral code changed: read or refused with a typed error', () => {
    fc.assert(
      fc.property(textEdits, (edits) => {
        parsesOrRefuses(() => parseReferral(applyTextEdits('K7M2QX.2.B4NP9T', edits)));
      }),
      runs(300),
    );
  });

  it('a part of a link sequence or a researcher\'s key changed: taken whole or refused with a reason, never a throw', () => {
    const link = encodeStudyLink(demoStudy, { base: BASE, referral: { code: 'K7M2QX', wave: 0 } });
    const parts = splitIntoParts(link, demoStudy);
    const key = 'DALA-KEY-1 age1e5qrhpczpqs5z9jqhvjg2w63dxd6knkvwaj7gsramq3eevtpdpns7xsqtj';
    fc.assert(
      fc.property(fc.nat({ max: parts.length - 1 }), textEdits, (which, edits) => {
        const changed = applyTextEdits(parts[which]!, edits);
        const out = addPart(null, changed);
        if (out.kind !== 'refused') expect(changed).toBe(parts[which]);
        const k = parseResearcherKey(applyTextEdits(key, edits));
        if (!k.ok) expect(k.message.length).toBeGreaterThan(0);
      }),
      runs(600),
    );
  });
});
