import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, LIMITS, REFUSED_FUNCTIONS } from '../../../src/core/expr/index';
import { evalError, holds, parseError, value, valueWith } from './helpers';

/**
 * The ODK XForms function library and XPath 1.0's core functions, with the values the ODK spec,
 * XPath 1.0 and ODK's own engines (JavaRosa, Web Forms) give for them.
 */
type Row = [source: string, expected: unknown];
const table = (rows: Row[]) => it.each(rows)('%s is %j', (source, expected) => {
  const got = value(source);
  if (typeof expected === 'number' && Number.isNaN(expected)) expect(got).toBeNaN();
  else expect(got).toEqual(expected);
});

describe('text functions', () => {
  describe('concat() joins texts, and every node of a node-set (ODK)', () =>
    table([
      ['concat("port", "manteau")', 'portmanteau'],
      ['concat("a")', 'a'],
      ['concat()', ''],
      ['concat("a", 1, true())', 'a1true'],
    ]));
  describe('join(separator, ...)', () =>
    table([
      ['join(" ", "This", "is", "a", "sentence.")', 'This is a sentence.'],
      ['join(" ## ")', ''],
      ["join(', ', 1, 2, 3)", '1, 2, 3'],
    ]));
  describe('substr(text, start[, end]) is 0-based, the end excluded, negatives from the end', () =>
    table([
      ['substr("hello", 0)', 'hello'],
      ['substr("hello", 0, 5)', 'hello'],
      ['substr("hello", 1)', 'ello'],
      ['substr("hello", 1, 4)', 'ell'],
      ['substr("hello", -2)', 'lo'],
      ['substr("hello", 0, -1)', 'hell'],
      ['substr("hello", 4, 2)', ''],
      ['substr("Қазақ", 1, 3)', 'аз'],
    ]));
  describe("substring(text, start[, length]) is XPath 1.0's: 1-based, rounded, with its NaN rules", () =>
    table([
      ['substring("12345", 2, 3)', '234'],
      ['substring("12345", 2)', '2345'],
      ['substring("12345", 1.5, 2.6)', '234'],
      ['substring("12345", 0, 3)', '12'],
      ['substring("12345", 0 div 0, 3)', ''],
      ['substring("12345", 1, 0 div 0)', ''],
      ['substring("12345", -42, 1 div 0)', '12345'],
      ['substring("12345", -1 div 0, 1 div 0)', ''],
    ]));
  describe('substring-before() and substring-after()', () =>
    table([
      ['substring-before("1999/04/01", "/")', '1999'],
      ['substring-after("1999/04/01", "/")', '04/01'],
      ['substring-after("1999/04/01", "19")', '99/04/01'],
      ['substring-before("abc", "x")', ''],
      ['substring-after("abc", "x")', ''],
      ['substring-after("abc", "")', 'abc'],
    ]));
  describe('translate()', () =>
    table([
      ['translate("bar", "abc", "ABC")', 'BAr'],
      ['translate("--aaa--", "abc-", "ABC")', 'AAA'],
      ['translate("Алма", "а", "ә")', 'Алмә'],
    ]));
  describe('string-length() counts characters (code points), normalize-space() trims and collapses', () =>
    table([
      ['string-length("")', 0],
      ['string-length("Қазақша")', 7],
      ['string-length("🥰")', 1],
      ['normalize-space("  a \t b\n\n c ")', 'a b c'],
      ['normalize-space("")', ''],
    ]));
  describe('contains(), starts-with(), ends-with()', () =>
    table([
      ['contains("abc", "b")', true],
      ['contains("abc", "")', true],
      ['starts-with("abc", "ab")', true],
      ['ends-with("abc", "bc")', true],
      ['ends-with("abc", "ab")', false],
    ]));

  it('string-length() and normalize-space() without an argument read the answer being checked', () => {
    expect(value('string-length()', {}, 'abcd')).toBe(4);
    expect(value('normalize-space()', {}, ' a  b ')).toBe('a b');
  });

  it('base64-decode() gives the UTF-8 text the bytes encode, and nothing for what is not base64', () => {
    expect(value("base64-decode('SGVsbG8=')")).toBe('Hello');
    expect(value("base64-decode('RGFzc2Vs')")).toBe('Dassel');
    expect(value("base64-decode('w6nDqMOx')")).toBe('éèñ');
    expect(value("base64-decode('8J+lsA==')")).toBe('🥰');
    expect(value("base64-decode('AGEAYgBj')")).toBe('\u0000a\u0000b\u0000c');
    expect(value("base64-decode('a')")).toBe('');
    expect(value("base64-decode('!!!!')")).toBe('');
  });
});

describe('booleans and choices of branch', () => {
  describe('boolean-from-string() is true for "true" and "1" only', () =>
    table([
      ["boolean-from-string('')", false],
      ['boolean-from-string(1)', true],
      ['boolean-from-string(0)', false],
      ["boolean-from-string('1')", true],
      ["boolean-from-string('2')", false],
      ["boolean-from-string('true')", true],
      ["boolean-from-string('True')", false],
      ["boolean-from-string('false')", false],
      ['boolean-from-string(1.0)', true],
      ['boolean-from-string(1.0001)', false],
      ['boolean-from-string(true())', true],
    ]));
  describe('boolean() is XPath 1.0', () =>
    table([
      ["boolean('false')", true],
      ["boolean('')", false],
      ['boolean(0)', false],
      ['boolean(0 div 0)', false],
    ]));
  describe('coalesce() skips an empty first value, NaN included', () =>
    table([
      ['coalesce("FIRST", "whatever")', 'FIRST'],
      ['coalesce("", "SECOND")', 'SECOND'],
      ['coalesce(1 div "", 0)', 0],
      ['coalesce(1 div 0, 0)', Infinity],
    ]));
  describe('checklist(min, max, ...) counts the true ones; -1 is no bound', () =>
    table([
      ['checklist(-1, 2, 2 > 1)', true],
      ['checklist(-1, 2, 1 = 1, 2 = 2, 3 = 3)', false],
      ['checklist(1, 2, 1 = 1, 2 = 2, 3 = 3)', false],
      ['checklist(1, 1, 1 = 1)', true],
      ['checklist(1, 1, true(), false(), false())', true],
    ]));
  describe('weighted-checklist(min, max, value, weight, ...) sums the weights of the true ones; -1 is no bound', () =>
    table([
      ['weighted-checklist(-1, 2, 2 > 1, 2)', true],
      ['weighted-checklist(-1, 2, 2 > 1, 3)', false],
      ['weighted-checklist(-1, 2, 1 = 1, 1, 2 = 2, 1, 3 = 3, 1)', false],
      ['weighted-checklist(1, 1, 1 = 1, 1)', true],
      ['weighted-checklist(1, 1, 1 = 1, 0)', false],
      ['weighted-checklist(2, 2, true(), 2, false(), 5, false(), 6)', true],
      ['weighted-checklist(2, -1, true(), 999, false(), 5, false(), 6)', true],
    ]));

  it('checklist() counts answers that are not empty, a "no" or a "0" too (as Collect)', () => {
    expect(holds('checklist(2, 2, ${a}, ${b}, ${c})', { a: 'no', b: '', c: '0' })).toBe(true);
  });

  it('once() keeps the value a calculation already has, and computes it only while it has none', () => {
    expect(value('once("aa")', {}, null)).toBe('aa');
    expect(value('once("aa")', {}, 'ab')).toBe('ab');
    expect(value('once(1 div 0)', {}, '')).toBe(Infinity);
    // The argument is not even evaluated when there is a value: no random source is needed.
    expect(value('once(random())', {}, '0.25')).toBe('0.25');
  });
});

describe('numbers', () => {
  describe('int() truncates, as JavaRosa', () =>
    table([
      ['int(2.1)', 2],
      ['int(2.51)', 2],
      ['int("2.51")', 2],
      ['int(-1.4)', -1],
      ['int(-1.51)', -1],
      ['int("a")', NaN],
      ['int(1 div 47999799999)', 0],
    ]));
  describe('round() with digits, halves toward positive infinity', () =>
    table([
      ['round(1.5)', 2],
      ['round(-1.5)', -1],
      ['round(-1.55)', -2],
      ['round(2.44)', 2],
      ['round("23.7825", "2")', 23.78],
      ['round("23.7825", "1")', 23.8],
      ['round("2.15", "1")', 2.2],
      ['round("2.149", "1")', 2.1],
      ['round("23.7825", "-1")', 20],
      ['round("626.3", "-3")', 1000],
      ['round(33.33, -1)', 30],
      ['round(1 div 47999799999)', 0],
      ['round("a")', NaN],
    ]));
  it('round(-0.3) is negative zero, as XPath says', () => {
    expect(Object.is(value('round(-0.3)'), -0)).toBe(true);
  });
  describe('floor() and ceiling()', () =>
    table([
      ['floor(-1.5)', -2],
      ['floor(1.5)', 1],
      ['ceiling(-1.5)', -1],
      ['ceiling(1.1)', 2],
      ['floor("x")', NaN],
    ]));
  describe('pow(), log(), log10(), exp(), exp10(), sqrt(), abs(), pi()', () =>
    table([
      ['pow(2, 10)', 1024],
      ['pow(4, 0.5)', 2],
      ['pow(2, -1)', 0.5],
      ['log(1)', 0],
      ['log10(1000)', 3],
      ['exp(0)', 1],
      ['exp10(2)', 100],
      ['sqrt(16)', 4],
      ['sqrt(-1)', NaN],
      ['abs(-3.5)', 3.5],
      ['abs("x")', NaN],
      ['pi()', Math.PI],
    ]));
  describe('trigonometry, in radians', () =>
    table([
      ['sin(0)', 0],
      ['cos(0)', 1],
      ['tan(0)', 0],
      ['asin(1)', Math.PI / 2],
      ['acos(1)', 0],
      ['atan(1)', Math.PI / 4],
      ['atan2(1, 1)', Math.PI / 4],
      ['round(sin(pi() div 2), 10)', 1],
    ]));
  describe('max() and min() of numbers: NaN when one is not a number or there is none', () =>
    table([
      ['max(1, 2, 3)', 3],
      ['max(-1, -3, 0)', 0],
      ['max(-4, -1, -3)', -1],
      ['max("")', NaN],
      ['min(1, 2, 0)', 0],
      ['min(-1, 2, 3)', -1],
      ['min("")', NaN],
      ['min(3, "cheese")', NaN],
    ]));
});

describe('choices', () => {
  describe('selected-at(answer, index) is 0-based; out of range is empty', () =>
    table([
      ["selected-at('zero one two three', '1')", 'one'],
      ["selected-at('zero one two three', '4')", ''],
      ["selected-at('zero one two three', '-1')", ''],
      ["selected-at('', '0')", ''],
      ['selected-at("apple baby crimson", 2)', 'crimson'],
    ]));
  it('selected-at() reads a multiple choice as its codes', () => {
    expect(value('selected-at(${m}, 1)', { m: ['a', 'c'] })).toBe('c');
  });
  it('selected() and is-selected() ignore spaces around the code, as Collect', () => {
    expect(holds("selected('a b', ' b ')")).toBe(true);
    expect(holds("is-selected('a b', 'b')")).toBe(true);
    expect(holds("selected('ab', 'a')")).toBe(false);
  });
});

describe('the function table', () => {
  it('is a Map, so names of Object.prototype are not functions', () => {
    expect(CATALOG.has('constructor')).toBe(false);
    expect(CATALOG.get('__proto__')).toBeUndefined();
  });

  it('has every function the ODK XForms spec lists, and XPath 1.0 core functions', () => {
    const odk = [
      'string', 'concat', 'join', 'substr', 'substring-before', 'substring-after', 'translate', 'string-length',
      'normalize-space', 'contains', 'starts-with', 'ends-with', 'uuid', 'digest', 'pulldata', 'if', 'coalesce', 'once',
      'true', 'false', 'boolean', 'boolean-from-string', 'not', 'regex', 'checklist', 'weighted-checklist', 'number',
      'random', 'int', 'sum', 'max', 'min', 'round', 'pow', 'log', 'log10', 'abs', 'sin', 'cos', 'tan', 'asin', 'acos',
      'atan', 'atan2', 'sqrt', 'exp', 'exp10', 'pi', 'count', 'count-non-empty', 'position', 'instance', 'current',
      'randomize', 'today', 'now', 'format-date', 'format-date-time', 'date', 'decimal-date-time', 'decimal-time',
      'selected', 'selected-at', 'count-selected', 'jr:choice-name', 'indexed-repeat', 'area', 'distance',
      'base64-decode',
    ];
    const javarosa = ['date-time', 'version', 'geofence', 'is-selected'];
    const xpath = ['last', 'substring', 'floor', 'ceiling'];
    for (const name of [...odk, ...javarosa, ...xpath]) expect(CATALOG.has(name), name).toBe(true);
    // jr:itext is the one function of the spec refused, with its reason.
    expect(REFUSED_FUNCTIONS.has('jr:itext')).toBe(true);
  });

  it('docs/expressions.md names every function, and every one it refuses', () => {
    const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/expressions.md'), 'utf8');
    for (const name of [...CATALOG.keys(), ...REFUSED_FUNCTIONS.keys()]) expect(docs, name).toContain(`\`${name}(`);
  });

  it('a function Dala refuses by name says why', () => {
    expect(parseError("property('deviceid')").reason).toBe(
      'property() is not supported: Dala does not read device properties: use the metadata items (start, end, today, deviceid, username)',
    );
    expect(parseError("choice-label(${a}, 'x')").reason).toContain("ODK writes jr:choice-name(code, '${item}')");
  });
});

describe('hostile arguments', () => {
  it('a text longer than the cap is refused, not built', () => {
    const big = 'x'.repeat(LIMITS.textLength / 2 + 1);
    expect(evalError('concat(${a}, ${a})', { a: big }).reason).toBe(`concat() would make a text longer than ${LIMITS.textLength} characters`);
    expect(evalError("join(',', ${a}, ${a})", { a: big }).reason).toContain('join() would make a text longer');
    expect(evalError('uuid(1000000000)', {}, { random: () => 0.5 }).reason).toContain('uuid() would make a text longer');
  });

  it('a concat() nested to the depth cap stays under the text cap', () => {
    const source = 'concat(${a}, '.repeat(LIMITS.depth - 1) + '${a}' + ')'.repeat(LIMITS.depth - 1);
    expect((value(source, { a: 'ab' }) as string).length).toBe(2 * LIMITS.depth);
  });

  it('NaN, infinities and wrong types give NaN or empty text, never a crash', () => {
    expect(value('substr("abc", 0 div 0)')).toBe('abc');
    expect(value('substr("abc", 1 div 0)')).toBe('');
    expect(value('selected-at("a b", 0 div 0)')).toBe('');
    expect(value('pow("x", 2)')).toBeNaN();
    expect(value('translate(1 div 0, "I", "i")')).toBe('infinity');
    expect(value('round(1.5, "x")')).toBeNaN();
    expect(value('string-length(true())')).toBe(4);
    expect(evalError('uuid("x")', {}, { random: () => 0.5 }).reason).toBe('uuid() length is not a number');
  });

  it('a random source that gives something else than a number in [0, 1) is refused', () => {
    expect(evalError('random()', {}, { random: () => 1 }).reason).toBe('random(): the random source gave 1, not a number in [0, 1)');
    expect(evalError('random()', {}, { random: () => NaN }).reason).toContain('gave NaN');
  });

  it('functions that need something from the form say which hook is missing', () => {
    expect(evalError('now()').reason).toBe('now() needs the current time (EvalContext.now), which is not given here');
    expect(evalError('random()').reason).toBe('random() needs a source of random numbers (EvalContext.random), which is not given here');
    expect(evalError('uuid()').reason).toBe('uuid() needs a source of new ids (EvalContext.newId), which is not given here');
    expect(evalError('version()').reason).toBe("version() needs the form's version (EvalContext.formVersion), which is not given here");
    expect(evalError("jr:choice-name('a', '${q}')").reason).toContain("needs choices' labels (EvalContext.choiceLabel)");
    expect(evalError('position(..)').reason).toContain('needs repeats (EvalContext.position)');
    expect(evalError('indexed-repeat(${a}, ${r}, 1)').reason).toContain('needs repeats (EvalContext.indexed)');
    expect(evalError("pulldata('d', 'a', 'b', 1)").reason).toContain('needs external data (EvalContext.instance)');
  });

  it('now(), uuid(), random() and version() read the context', () => {
    const hooks = { now: '2024-06-15T10:30:00.000+05:00', newId: () => 'id-1', random: () => 0.25, formVersion: '2024061501' };
    expect(valueWith('now()', {}, hooks)).toBe('2024-06-15T10:30:00.000+05:00');
    expect(valueWith('uuid()', {}, hooks)).toBe('id-1');
    expect(valueWith('random()', {}, hooks)).toBe(0.25);
    expect(valueWith('uuid(6)', {}, hooks)).toBe('999999');
    expect(valueWith('uuid(0)', {}, hooks)).toBe('');
    expect(valueWith('version()', {}, hooks)).toBe('2024061501');
    expect(valueWith('once(int(900 * random()) + 100)', {}, { ...hooks, self: null })).toBe(325);
  });
});
