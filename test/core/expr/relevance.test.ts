import { describe, expect, it } from 'vitest';
import { holds } from './helpers';

describe('relevance (skip logic)', () => {
  it("Q1 'Other' text shows only when E is chosen", () => {
    const rule = "selected(${q1}, 'E')";
    expect(holds(rule, { q1: ['A', 'E'] })).toBe(true);
    expect(holds(rule, { q1: ['A', 'B'] })).toBe(false);
    expect(holds(rule, { q1: [] })).toBe(false);
    expect(holds(rule, { q1: null })).toBe(false);
    expect(holds(rule, {})).toBe(false);
  });

  it('selected() also reads a single choice and an ODK space-separated answer', () => {
    expect(holds("selected(${q2}, 'yes')", { q2: 'yes' })).toBe(true);
    expect(holds("selected(${q2}, 'yes')", { q2: 'no' })).toBe(false);
    expect(holds("selected(${q2}, 'ye')", { q2: 'yes' })).toBe(false);
    expect(holds("selected(${q3}, 'b')", { q3: 'a b c' })).toBe(true);
    expect(holds('selected(${likert}, 4)', { likert: '4' })).toBe(true);
  });

  it('a follow-up shows once the question before it is answered, whatever the answer', () => {
    expect(holds("${age} != ''", { age: 0 })).toBe(true);
    expect(holds("${age} != ''", { age: null })).toBe(false);
    expect(holds("${name} != ''", { name: '' })).toBe(false);
    expect(holds("${name} = ''", {})).toBe(true);
    expect(holds("${multi} != ''", { multi: ['A'] })).toBe(true);
    expect(holds("${multi} = ''", { multi: [] })).toBe(true);
  });

  it('the adult section shows for respondents aged 18 and over, not while age is unanswered', () => {
    const rule = '${age} >= 18';
    expect(holds(rule, { age: 18 })).toBe(true);
    expect(holds(rule, { age: 17 })).toBe(false);
    expect(holds(rule, { age: null })).toBe(false);
    expect(holds('${age} < 18', { age: null })).toBe(false);
  });

  it('a Likert answer stored as "4" compares with the number 4', () => {
    expect(holds('${lead3} >= 4', { lead3: '4' })).toBe(true);
    expect(holds('${lead3} = 4', { lead3: '4' })).toBe(true);
    expect(holds('${lead3} = 4', { lead3: 'dk' })).toBe(false);
    expect(holds("${lead3} != 'dk' and ${lead3} < 3", { lead3: '2' })).toBe(true);
  });

  it('and binds tighter than or, as in XPath', () => {
    // a or (b and c)
    expect(holds("${a} = 'y' or ${b} = 'y' and ${c} = 'y'", { a: 'y', b: 'n', c: 'n' })).toBe(true);
    expect(holds("(${a} = 'y' or ${b} = 'y') and ${c} = 'y'", { a: 'y', b: 'n', c: 'n' })).toBe(false);
  });

  it('not() hides the question for those who chose "none"', () => {
    expect(holds("not(selected(${aid}, 'none'))", { aid: ['none'] })).toBe(false);
    expect(holds("not(selected(${aid}, 'none'))", { aid: ['food'] })).toBe(true);
  });

  it('a visit date before today shows the follow-up; dates compare as ISO text', () => {
    expect(holds('${visit} < today()', { visit: '2024-06-14' })).toBe(true);
    expect(holds('${visit} < today()', { visit: '2024-06-15' })).toBe(false);
    expect(holds("${visit} >= '2024-01-01'", { visit: '2024-02-29' })).toBe(true);
    expect(holds('${visit} < today()', { visit: null })).toBe(false);
    expect(holds("${start} < '12:00'", { start: '08:30' })).toBe(true);
  });

  it('a relevance that divides by zero is false, not an error', () => {
    expect(holds('${a} div ${b}', { a: 0, b: 0 })).toBe(false); // NaN
    expect(holds('${a} div ${b}', { a: 1, b: 0 })).toBe(true); // Infinity
    expect(holds('${a} div ${b} > 2', { a: 1, b: 0 })).toBe(true);
  });
});
