import { describe, expect, it } from 'vitest';
import { holds } from './helpers';

describe('constraints (`.` is the answer being checked)', () => {
  it('an age between 18 and 99 is accepted, 17 and 120 are refused', () => {
    const rule = '. >= 18 and . <= 99';
    expect(holds(rule, {}, 18)).toBe(true);
    expect(holds(rule, {}, 99)).toBe(true);
    expect(holds(rule, {}, 17)).toBe(false);
    expect(holds(rule, {}, 120)).toBe(false);
  });

  it('a phone number must be ten digits', () => {
    const rule = "regex(., '^[0-9]{10}$')";
    expect(holds(rule, {}, '0123456789')).toBe(true);
    expect(holds(rule, {}, '012345678')).toBe(false);
    expect(holds(rule, {}, '01234567890')).toBe(false);
  });

  it('regex() finds the pattern anywhere unless it is anchored, as ODK does', () => {
    expect(holds("regex(., '[0-9]')", {}, 'flat 4b')).toBe(true);
    expect(holds("regex(., '^[0-9]')", {}, 'flat 4b')).toBe(false);
  });

  it('a short answer may not pass 10 characters; emoji count as one', () => {
    expect(holds('string-length(.) <= 10', {}, 'ten chars!')).toBe(true);
    expect(holds('string-length(.) <= 10', {}, 'eleven char')).toBe(false);
    expect(holds('string-length(.) = 3', {}, '👍🏽a')).toBe(true); // thumbs up + skin tone + a
  });

  it('a date of birth may not be in the future', () => {
    expect(holds('. <= today()', {}, '2024-06-15')).toBe(true);
    expect(holds('. <= today()', {}, '2024-06-16')).toBe(false);
  });

  it('at most three reasons may be ticked', () => {
    expect(holds('count-selected(.) <= 3', {}, ['a', 'b', 'c'])).toBe(true);
    expect(holds('count-selected(.) <= 3', {}, ['a', 'b', 'c', 'd'])).toBe(false);
  });

  it("'none' cannot be ticked together with another reason", () => {
    const rule = "not(selected(., 'none') and count-selected(.) > 1)";
    expect(holds(rule, {}, ['none'])).toBe(true);
    expect(holds(rule, {}, ['none', 'cost'])).toBe(false);
  });

  it('the number of children living at home is at most the number of children', () => {
    expect(holds('. <= ${children}', { children: 3 }, 2)).toBe(true);
    expect(holds('. <= ${children}', { children: 3 }, 4)).toBe(false);
  });

  it('without a current answer, `.` is unanswered', () => {
    expect(holds(". = ''")).toBe(true);
  });
});
