/**
 * Version 3, location: geopoint, geotrace and geoshape answers in ODK's text form, validated as the
 * runner and imports validate them, and read by distance() and area() as ODK reads them.
 */
import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../../src/core/expr/all-functions';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { formatGeoPoint, formatGeoPoints, parseGeoPoint, parseGeoPoints, validateGeoValue } from '../../../src/core/responses/geo-value';
import type { AnswerValue } from '../../../src/core/responses/types';
import { validateValue } from '../../../src/core/responses/validate-value';

/** ODK Web Forms' test shape (Sierra Leone): area 2,333,220.77 m², perimeter 5,724.36 m. */
const SHAPE =
  '7.9377 -11.5845 0 0;7.9324 -11.5902 0 0;7.927 -11.5857 0 0;7.925 -11.578 0 0;7.9267 -11.5722 0 0;7.9325 -11.5708 0 0;7.9372 -11.5737 0 0;7.9393 -11.579 0 0;7.9377 -11.5845 0 0';

const farm: Instrument = {
  type: 'dala-instrument',
  version: 3,
  id: 'farm',
  studyVersion: '1',
  title: { en: 'Farm' },
  languages: ['en'],
  choiceLists: {},
  likertScales: {},
  sections: [
    {
      name: 'plot',
      label: { en: 'Plot' },
      items: [
        { name: 'home', type: 'geopoint', label: { en: 'Where is the house?' }, location: { accuracyThreshold: 5 } },
        { name: 'walk', type: 'geotrace', label: { en: 'Walk the boundary path' } },
        { name: 'field', type: 'geoshape', label: { en: 'The field' }, constraint: 'area(.) > 1000' },
        { name: 'field_m2', type: 'calculate', label: {}, calculation: 'area(${field})' },
        { name: 'walk_m', type: 'calculate', label: {}, calculation: 'distance(${walk})' },
        { name: 'perimeter_m', type: 'calculate', label: {}, calculation: 'distance(${field})' },
        { name: 'started', type: 'meta', meta: 'start-geopoint', label: {} },
      ],
    },
  ],
  scales: [],
};

describe('a point, a line and an area as ODK writes them', () => {
  it('reads "lat lon alt acc", and a point typed without altitude and accuracy', () => {
    expect(parseGeoPoint('51.5007 -0.1246 12.5 4.8')).toEqual({ lat: 51.5007, lon: -0.1246, alt: 12.5, acc: 4.8 });
    expect(parseGeoPoint(' 51.5007  -0.1246 ')).toEqual({ lat: 51.5007, lon: -0.1246, alt: 0, acc: 0 });
    // Java's Double.toString, as ODK Collect writes a point near the equator.
    expect(parseGeoPoint('1.0E-5 -0.1 0.0 3.0')).toEqual({ lat: 0.00001, lon: -0.1, alt: 0, acc: 3 });
  });

  it('refuses what is not a point on Earth, saying why', () => {
    expect(parseGeoPoint('91 0 0 0')).toBe('latitude 91 is not between -90 and 90');
    expect(parseGeoPoint('0 -181')).toBe('longitude -181 is not between -180 and 180');
    expect(parseGeoPoint('0 0 0 -1')).toBe('accuracy -1 is not 0 metres or more');
    expect(parseGeoPoint('north 0')).toBe("'north' is not a number");
    expect(parseGeoPoint('1 2 3 4 5')).toBe('\'1 2 3 4 5\' is not "latitude longitude altitude accuracy"');
  });

  it('writes what ODK Collect writes: four numbers, points joined by ";", a shape closed by its first point', () => {
    const a = { lat: 43.238949, lon: 76.889709, alt: 850, acc: 4.5 };
    const b = { lat: 43.24, lon: 76.89, alt: 851, acc: 5 };
    const c = { lat: 43.241, lon: 76.888, alt: 0, acc: 0 };
    expect(formatGeoPoint(a)).toBe('43.238949 76.889709 850 4.5');
    expect(formatGeoPoints([a, b], false)).toBe('43.238949 76.889709 850 4.5;43.24 76.89 851 5');
    expect(formatGeoPoints([a, b, c], true)).toBe('43.238949 76.889709 850 4.5;43.24 76.89 851 5;43.241 76.888 0 0;43.238949 76.889709 850 4.5');
    expect(parseGeoPoints(formatGeoPoints([a, b, c], true))).toEqual([a, b, c, a]);
    // A space after the ";" and a trailing ";" (older Collect) are read.
    expect(parseGeoPoints('0 0 0 0; 0 1 0 0;')).toEqual([{ lat: 0, lon: 0, alt: 0, acc: 0 }, { lat: 0, lon: 1, alt: 0, acc: 0 }]);
  });

  it.each<[string, string, string | null]>([
    ['geopoint', '43.2 76.8 850 4', null],
    ['geopoint', '43.2 76.8', null],
    ['geopoint', '43.2 76.8;43.3 76.9', 'one point is asked for, not several'],
    ['geotrace', '43.2 76.8 0 0;43.3 76.9 0 0', null],
    ['geotrace', '43.2 76.8 0 0', 'a line needs at least 2 points'],
    ['geotrace', '43.2 76.8 0 0;95 0 0 0', 'point 2: latitude 95 is not between -90 and 90'],
    ['geoshape', SHAPE, null],
    ['geoshape', '0 0 0 0;0 1 0 0;1 1 0 0', 'an area is closed: its last point repeats its first'],
    ['geoshape', '0 0 0 0;0 1 0 0;0 0 0 0', 'an area needs at least 3 points'],
  ])('%s %s: %s', (type, value, reason) => {
    expect(validateGeoValue(type as 'geopoint', value)).toBe(reason);
  });

  it('a value of another shape (a number, a list) is not GPS coordinates', () => {
    const home = farm.sections[0]!.items[0]!;
    expect(validateValue(farm, home, 43.2)).toBe('not GPS coordinates');
    expect(validateValue(farm, home, ['43.2 76.8'])).toBe('not GPS coordinates');
    expect(validateValue(farm, home, null)).toBeNull();
  });
});

describe('a version 3 study with location', () => {
  it('parses with its location settings kept, and start-geopoint metadata', () => {
    const result = parseInstrument(JSON.parse(JSON.stringify(farm)));
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.instrument).toEqual(farm);
  });

  it('refuses an accuracy threshold that is not metres, and warns of one on an item that takes no location', () => {
    const bad = JSON.parse(JSON.stringify(farm));
    bad.sections[0].items[0].location.accuracyThreshold = -3;
    const refused = parseInstrument(bad);
    expect(!refused.ok && refused.problems.map((p) => p.message)).toEqual([
      'sections[0].items[0] (home): location.accuracyThreshold: expected metres more than 0 and at most 100000, got -3',
    ]);
    const odd = JSON.parse(JSON.stringify(farm));
    odd.sections[0].items.push({ name: 'age', type: 'integer', label: { en: 'Age' }, location: { accuracyThreshold: 5 } });
    const warned = parseInstrument(odd);
    expect(warned.ok && warned.warnings.map((p) => p.message)).toEqual(['sections[0].items[7] (age): location: ignored: an integer item takes no location']);
  });
});

describe('distance() and area() over the answers, as ODK computes them', () => {
  const compiled = compileInstrument(farm, ALL_FUNCTIONS);
  const state = (answers: Record<string, AnswerValue>) => computeFormState(compiled, answers, '2026-12-03');

  it("a geoshape's area and perimeter, a geotrace's length (ODK Web Forms' values, to 1 in 100,000)", () => {
    const s = state({ field: SHAPE, walk: '7.9377 -11.5845 0 0;7.9324 -11.5902 0 0' });
    const close = (got: AnswerValue | undefined, want: number) => expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-5 * want);
    close(s.effective.field_m2, 2333220.77);
    close(s.effective.perimeter_m, 5724.36);
    close(s.effective.walk_m, 861.99);
    expect(s.items.get('field')?.issue).toBeUndefined();
  });

  it("reads numbers as ODK Collect writes them (Java's 1.0E-5)", () => {
    expect(state({ walk: '1.0E-5 0.0 0.0 5.0;0.0 1.0 0.0 5.0' }).effective.walk_m as number).toBeCloseTo(111318.85, 1);
  });

  it('a constraint on the area refuses a shape too small; an unanswered shape measures 0', () => {
    const tiny = '0 0 0 0;0 0.0001 0 0;0.0001 0.0001 0 0;0 0 0 0';
    expect(state({ field: tiny }).items.get('field')?.issue).toBe('constraint');
    expect(state({}).effective.field_m2).toBe(0);
  });

  it('a shape that is not closed is a type issue of the answer, not a crash', () => {
    expect(state({ field: '0 0 0 0;0 1 0 0;1 1 0 0' }).items.get('field')).toMatchObject({ issue: 'type', detail: 'an area is closed: its last point repeats its first' });
  });
});

describe('the review shows a location as a person reads it', () => {
  it('a point with its accuracy; a line point by point; a value that is not coordinates as typed', async () => {
    const { answerText } = await import('../../../src/core/responses/answer-text');
    const [home, walk] = farm.sections[0]!.items;
    expect(answerText(farm, home!, { value: '43.238949 76.889709 850 4.8' }, 'en')).toBe('43.238949, 76.889709 (±4.8 m)');
    expect(answerText(farm, walk!, { value: '0 0 0 0;0 1 0 0' }, 'en')).toBe('0, 0; 0, 1');
    expect(answerText(farm, home!, { value: 'by the river' }, 'en')).toBe('by the river');
  });
});
