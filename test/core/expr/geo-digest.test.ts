import { describe, expect, it } from 'vitest';
import { evalError, holds, value, valueWith } from './helpers';

/** area(), distance() and geofence() as Collect computes them; digest() against the published test vectors. */
describe('area() and distance() on the WGS84 sphere', () => {
  const SHAPE =
    '7.9377 -11.5845 0 0;7.9324 -11.5902 0 0;7.927 -11.5857 0 0;7.925 -11.578 0 0;7.9267 -11.5722 0 0;7.9325 -11.5708 0 0;7.9372 -11.5737 0 0;7.9393 -11.579 0 0;7.9377 -11.5845 0 0';
  const TRACE1 =
    '38.253094215699576 21.756382658677467;38.25021274773806 21.756382658677467;38.25007793942195 21.763892843919166;38.25290886154963 21.763935759263404;38.25146813817506 21.758421137528785';
  const TRACE2 =
    '38.25304740874071 21.75644703234866;38.25308110946615 21.763377860443143;38.25078942453431 21.763399318115262;38.25090738066984 21.756640151397733;38.25197740258244 21.75892539347842';
  const LINE = '7.9377 -11.5845 0 0;7.9324 -11.5902 0 0';
  const SAME = '7.9377 -11.5845 0 0;7.9377 -11.5845 0 0';

  it.each([
    [SHAPE, 2333220.77, 5724.36],
    [TRACE1, 151451.76, 1800.69],
    [TRACE2, 122754.94, 1684.62],
    [LINE, 0, 861.99],
    [SAME, 0, 0],
    ['0 0;0 1', 0, 111318.85],
    ['0 0;0 90', 0, 10018696.05],
    ['90 0;90 1', 0, 0],
  ])('%s: area %d m², distance %d m (the values of ODK Web Forms, to 1 in 100,000)', (geo, expectedArea, expectedDistance) => {
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.max(1e-5 * want, 0.005));
    close(value(`area('${geo}')`) as number, expectedArea);
    close(value(`distance('${geo}')`) as number, expectedDistance);
  });

  it("agrees with Collect's own tests: 151,452 m² (± 0.5) for a geoshape, a quarter of the equator for 90 degrees of it", () => {
    expect(Math.abs((value(`area('${TRACE1.split(';').map((p) => `${p} 0 0`).join('; ')};')`) as number) - 151452)).toBeLessThan(0.5);
    expect(value("distance('0 1 0 0; 0 91 0 0;')")).toBeCloseTo((2 * Math.PI * 6378100) / 4, 6);
  });

  it('reads the points of a geopoint answered in each instance of a repeat', () => {
    const points = SHAPE.split(';');
    expect(valueWith('area(${p})', {}, { nodeset: () => points }) as number).toBeCloseTo(2333221.04, 2);
    expect(valueWith('distance(${p})', {}, { nodeset: () => points }) as number).toBeCloseTo(5724.36, 2);
  });

  it('distance() of several geopoints given one by one', () => {
    expect(value("distance('0 0', '0 1')") as number).toBeCloseTo(111318.85, 2);
    expect(value("distance(${a}, ${b})", { a: '0 0 0 0', b: '0 1 0 0' }) as number).toBeCloseTo(111318.85, 2);
  });

  it('an unanswered shape is no area and no distance; text that is not coordinates is refused', () => {
    expect(value("area('')")).toBe(0);
    expect(value('distance(${t})', { t: null })).toBe(0);
    expect(evalError("distance('5000 5000;5000 5000')").reason).toBe("distance() received '5000 5000', which is not GPS coordinates");
    expect(evalError("area('a')").reason).toBe("area() received 'a', which is not GPS coordinates");
    expect(evalError("distance('1 2 3 4 5')").reason).toContain('not GPS coordinates');
  });

  describe('geofence(point, shape): inside a closed shape', () => {
    const CUBE = '0 0 0 0;0 1 0 0;1 1 0 0;1 0 0 0;0 0 0 0';
    it.each([
      ['0.5 0.5 0 0', true],
      ['-1 0.5 0 0', false],
      ['2 0.5 0 0', false],
      ['0.5 2 0 0', false],
      ['0.5 -1 0 0', false],
      ['-1 0 0 0', false],
      ['-1 1 0 0', false],
      ['0 -1 0 0', false],
    ])('%s is %s', (point, inside) => {
      expect(holds(`geofence('${point}', '${CUBE}')`)).toBe(inside);
      expect(holds('geofence(${p}, ${s})', { p: point, s: CUBE })).toBe(inside);
    });
    it('is false for an empty point, an empty shape or a shape that is not closed', () => {
      expect(holds(`geofence('', '${CUBE}')`)).toBe(false);
      expect(holds("geofence('0 0 0 0', '')")).toBe(false);
      expect(holds("geofence('0.5 0.5 0 0', '0 0 0 0;0 1 0 0;1 1 0 0;1 0 0 0;2 0 0 0')")).toBe(false);
    });
  });
});

describe('digest()', () => {
  it.each([
    ["digest('abc', 'MD5', 'hex')", '900150983cd24fb0d6963f7d28e17f72'],
    ["digest('abc', 'SHA-1', 'hex')", 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ["digest('abc', 'SHA-256', 'hex')", 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ["digest('abc', 'SHA-256')", 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='],
    ["digest('abc', 'SHA-256', 'base64')", 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='],
    ["digest('abc', 'SHA-384', 'hex')", 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
    [
      "digest('abc', 'SHA-512', 'hex')",
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    ["digest('', 'MD5', 'hex')", 'd41d8cd98f00b204e9800998ecf8427e'],
    ["digest('', 'SHA-1', 'hex')", 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ["digest('', 'SHA-256', 'hex')", 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [
      "digest('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'SHA-256', 'hex')",
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('%s is %s', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it("hashes a text's UTF-8 bytes, Kazakh and emoji included", () => {
    // Expected values from Node's crypto (OpenSSL).
    expect(value("digest('Қазақ', 'MD5', 'hex')")).toBe('c571bdc3c81feff2f8dbb45f73b245aa');
    expect(value("digest(${a}, 'SHA-1', 'hex')", { a: 'é🥰' })).toBe('2bd19c4000b87feb10e972984646d10c52c73214');
    // 200 characters: two SHA-512 blocks.
    expect(value("digest(${a}, 'SHA-512', 'hex')", { a: 'x'.repeat(200) })).toBe(
      'ef978e23dc520404ae16fd17bde9ee5945610d671551d6863a5ffbc99433fc726726e51f989b886191be9325b8f8b03b1a63fe3e5eff23d126c2f41f07d2bf87',
    );
  });

  it(`refuses to hash more than ${100_000} characters`, () => {
    expect(evalError("digest(${a}, 'SHA-512')", { a: 'x'.repeat(100_001) }).reason).toBe('digest() input longer than 100000 characters');
  });

  it('an algorithm or encoding from an answer that is not known is refused when it runs', () => {
    expect(evalError("digest('a', ${alg})", { alg: 'SHA-3' }).reason).toContain("digest() algorithm 'SHA-3' is not one of");
    expect(evalError("digest('a', 'MD5', ${enc})", { enc: 'hex2' }).reason).toBe("digest() encoding 'hex2' is not hex or base64");
  });
});
