import { describe, expect, it } from 'vitest';
import { holds, value } from './helpers';

/** XPath 1.0 / ODK rules for the values field forms handle; see docs/expressions.md. */
describe('unanswered values are the empty string', () => {
  it.each([
    ["${x} = ''", true],
    ["${x} != ''", false],
    ['${x} = 0', false],
    ['${x} != 0', true],
    ['${x} > 0', false],
    ['${x} < 0', false],
    ['${x} <= 0', false],
    ['${x}', false],
    ['not(${x})', true],
    ['count-selected(${x}) = 0', true],
    ['string-length(${x}) = 0', true],
  ] as const)('with x unanswered, %s is %s', (source, expected) => {
    expect(holds(source, { x: null })).toBe(expected);
  });
});

describe('comparisons', () => {
  it('a number-looking string compares with a number as a number', () => {
    expect(holds("'10' > 9")).toBe(true);
    expect(holds("' 4 ' = 4")).toBe(true);
    expect(holds("'4.0' = 4")).toBe(true);
    expect(holds("'10' > '9'")).toBe(true); // both numbers: numeric, not text order
  });

  it('two texts are equal only if identical', () => {
    expect(holds("'4.0' = '4'")).toBe(false);
    expect(holds("'Yes' = 'yes'")).toBe(false);
  });

  it('a boolean on either side compares as booleans', () => {
    expect(holds("${x} = true()", { x: 'anything' })).toBe(true);
    expect(holds("${x} = false()", { x: '' })).toBe(true);
    expect(holds('0 = false()')).toBe(true);
    expect(holds('true() > false()')).toBe(true);
  });

  it('a multiple choice compares as its space-separated codes', () => {
    expect(holds("${m} = 'a b'", { m: ['a', 'b'] })).toBe(true);
    expect(holds("${m} = 'a'", { m: ['a', 'b'] })).toBe(false);
  });

  it('comparisons chain left to right, as in XPath', () => {
    expect(value('3 > 2 > 1')).toBe(false); // (3 > 2) > 1 is true > 1 is 1 > 1
    expect(value('1 = 1 = 1')).toBe(true);
  });
});

describe('booleans', () => {
  it.each([
    ["'x'", true],
    ["''", false],
    ["'false'", true],
    ['0', false],
    ['-0', false],
    ['0.5', true],
    ['0 div 0', false],
    ['1 div 0', true],
  ] as const)('%s is %s', (source, expected) => {
    expect(holds(source)).toBe(expected);
  });

  it('an empty multiple choice is false, a non-empty one true', () => {
    expect(holds('${m}', { m: [] })).toBe(false);
    expect(holds('${m}', { m: ['a'] })).toBe(true);
  });

  it('and and or stop as soon as the answer is known', () => {
    expect(value("false() and regex('a', ${p})", { p: '(' })).toBe(false);
    expect(value("true() or regex('a', ${p})", { p: '(' })).toBe(true);
  });
});

describe('today()', () => {
  it('is the date passed in, never the clock', () => {
    expect(value('today()')).toBe('2024-06-15');
  });
});
