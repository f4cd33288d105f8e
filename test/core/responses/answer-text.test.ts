import { describe, expect, it } from 'vitest';
import { demoStudy } from '../../../src/core/demo/demo-study';
import { allItems } from '../../../src/core/instrument/types';
import { answerText } from '../../../src/core/responses/answer-text';

const item = (name: string) => allItems(demoStudy).find((x) => x.item.name === name)!.item;

describe('an answer as a person reads it', () => {
  it('choices and Likert points by their labels in the language asked, "Other" with its text', () => {
    expect(answerText(demoStudy, item('sector'), { value: 'public' }, 'ru')).toBe('Государственный сектор');
    expect(answerText(demoStudy, item('s1'), { value: '4' }, 'kk')).toBe('4 · Келісемін');
    expect(answerText(demoStudy, item('s1'), { value: 'dk' }, 'en')).toBe('Prefer not to answer');
    expect(answerText(demoStudy, item('q1'), { value: ['A', 'other'], other: 'Лидерство' }, 'en', 'Other')).toBe('Public authority strategy; Other: Лидерство');
  });

  it('numbers, dates and texts as given; an invalid value as it was typed; nothing for no answer', () => {
    expect(answerText(demoStudy, item('age'), { value: 34 }, 'en')).toBe('34');
    expect(answerText(demoStudy, item('age'), { value: 'abc' }, 'en')).toBe('abc');
    expect(answerText(demoStudy, item('interview_date'), { value: '2019-11-04' }, 'en')).toBe('2019-11-04');
    expect(answerText(demoStudy, item('sector'), { value: 'ngo' }, 'en')).toBe('ngo');
    expect(answerText(demoStudy, item('sector'), undefined, 'en')).toBe('');
    expect(answerText(demoStudy, item('q1'), { value: [] }, 'en')).toBe('');
  });
});
