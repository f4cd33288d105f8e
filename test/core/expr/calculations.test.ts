import { describe, expect, it } from 'vitest';
import { calculate, value } from './helpers';

describe('calculations', () => {
  it('a leadership score is the mean of five Likert answers stored as text', () => {
    const answers = { l1: '4', l2: '5', l3: '3', l4: '4', l5: '2' };
    expect(calculate('(${l1} + ${l2} + ${l3} + ${l4} + ${l5}) div 5', answers)).toBe(3.6);
    expect(calculate('round((${l1} + ${l2} + ${l3} + ${l4} + ${l5}) div 5, 0)', answers)).toBe(4);
  });

  it('a score over an unanswered item has no value (NaN is stored as null)', () => {
    expect(calculate('${l1} + ${l2}', { l1: '4', l2: null })).toBeNull();
  });

  it('coalesce() counts an unanswered item as 0', () => {
    expect(calculate('coalesce(${l1}, 0) + coalesce(${l2}, 0)', { l1: '4', l2: null })).toBe(4);
  });

  it('if() labels the respondent as adult or minor', () => {
    expect(calculate("if(${age} >= 18, 'adult', 'minor')", { age: 30 })).toBe('adult');
    expect(calculate("if(${age} >= 18, 'adult', 'minor')", { age: 12 })).toBe('minor');
  });

  it('concat() builds a household code from its parts', () => {
    expect(calculate("concat(${village}, '-', ${hh}, '-', ${member})", { village: 'KZ01', hh: 17, member: 2 })).toBe(
      'KZ01-17-2',
    );
    expect(calculate("concat('reasons: ', ${why})", { why: ['cost', 'time'] })).toBe('reasons: cost time');
  });

  it('a boolean result is stored as "true" or "false", an empty text as no value', () => {
    expect(calculate('${age} >= 18', { age: 20 })).toBe('true');
    expect(calculate('${age} >= 18', { age: 2 })).toBe('false');
    expect(calculate("concat('', '')")).toBeNull();
    expect(calculate('1 div 0')).toBeNull();
  });

  it('a multiple choice passes through as a copy', () => {
    const why = ['cost', 'time'];
    const out = calculate('${why}', { why });
    expect(out).toEqual(why);
    expect(out).not.toBe(why);
  });

  it('arithmetic follows XPath: div, mod, unary minus, precedence', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('7 mod 3')).toBe(1);
    expect(value('-7 mod 3')).toBe(-1);
    expect(value('7 div 2')).toBe(3.5);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('2 - -3')).toBe(5);
    expect(value('--2')).toBe(2);
    expect(value('1 div 0')).toBe(Infinity);
    expect(value('-1 div 0')).toBe(-Infinity);
    expect(value('0 div 0')).toBeNaN();
    expect(value("'abc' + 1")).toBeNaN();
  });

  it('int() truncates toward zero; round() rounds halves up, toward positive infinity (XPath 1.0, as the ODK spec and Collect)', () => {
    expect(value('int(3.9)')).toBe(3);
    expect(value('int(-3.9)')).toBe(-3);
    expect(value('round(2.5)')).toBe(3);
    expect(value('round(-2.5)')).toBe(-2);
    expect(value('round(-2.51)')).toBe(-3);
    expect(value('round(-1.475, 2)')).toBe(-1.47);
    expect(value('round(1.005, 2)')).toBe(1.01);
    expect(value('round(1234.5, -2)')).toBe(1200);
    expect(value('round(0.0000001234, 9)')).toBe(0.000000123);
    expect(value("round('x')")).toBeNaN();
    expect(value('round(1 div 0)')).toBe(Infinity);
    expect(value('round(${big}, 20)', { big: 1e300 })).toBe(1e300);
    expect(value('round(${tiny}, -20)', { tiny: -1e-300 })).toBe(-0);
    expect(value('round(2.5, 1 div 0)')).toBe(2.5);
    expect(value("round(2.5, 'x')")).toBeNaN();
  });

  it('number() and string() convert as XPath does', () => {
    expect(value("number(' 42 ')")).toBe(42);
    expect(value("number('4,5')")).toBeNaN();
    expect(value("number('')")).toBeNaN();
    expect(value('number(true())')).toBe(1);
    expect(value('string(1 div 3 * 3)')).toBe('1');
    expect(value('string(0.1 * 3)')).toBe('0.30000000000000004');
    expect(value('string(0.0000001)')).toBe('0.0000001');
    expect(value('string(1000000 * 1000000 * 1000000 * 1000)')).toBe('1000000000000000000000');
    expect(value('string(0 div 0)')).toBe('NaN');
    expect(value('string(-0)')).toBe('0');
    expect(value('string(false())')).toBe('false');
  });

  it('contains() and starts-with() look inside text answers', () => {
    expect(value("contains(${job}, 'teach')", { job: 'schoolteacher' })).toBe(true);
    expect(value("starts-with(${id}, 'KZ')", { id: 'KZ-001' })).toBe(true);
    expect(value("starts-with(${id}, 'KZ')", { id: null })).toBe(false);
  });

  it('if() evaluates only the branch it takes', () => {
    // The other branch would be refused (its pattern comes from an answer and does not compile).
    expect(value("if(true(), 'ok', regex('a', ${pattern}))", { pattern: '(' })).toBe('ok');
    expect(value("coalesce('set', regex('a', ${pattern}))", { pattern: '(' })).toBe('set');
  });
});
