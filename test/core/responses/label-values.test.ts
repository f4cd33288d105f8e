import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument } from '../../../src/core/instrument/types';
import { compileInstrument, computeFormState } from '../../../src/core/responses/form-state';
import { fillReferences } from '../../../src/core/responses/label-values';
import type { AnswerValue } from '../../../src/core/responses/types';

/** A household form in English and Russian whose labels name earlier answers, as real XLSForms do. */
function household(): Instrument {
  const result = parseInstrument({
    type: 'dala-instrument',
    version: 3,
    id: 'labels',
    studyVersion: '1',
    title: { en: 'Household', ru: 'Домохозяйство' },
    languages: ['en', 'ru'],
    choiceLists: {
      sex: [
        { name: 'f', label: { en: 'Female', ru: 'Женский' } },
        { name: 'm', label: { en: 'Male', ru: 'Мужской' } },
      ],
      fuel: [
        { name: 'gas', label: { en: 'Gas', ru: 'Газ' } },
        { name: 'wood', label: { en: 'Wood', ru: 'Дрова' } },
        { name: 'coal', label: { en: 'Coal', ru: 'Уголь' } },
      ],
    },
    likertScales: { agree: { points: [{ value: 1, label: { en: 'Disagree', ru: 'Не согласен' } }, { value: 2, label: { en: 'Agree', ru: 'Согласен' } }] } },
    repeats: [
      { name: 'member', label: { en: 'Member' } },
      { name: 'job', parent: 'member', label: { en: 'Job' } },
    ],
    sections: [
      {
        name: 's',
        label: { en: 'About ${head}' },
        items: [
          { name: 'head', type: 'text', label: { en: 'Head of household' } },
          { name: 'head_sex', type: 'select_one', choices: 'sex', label: { en: 'Sex of ${head}' } },
          { name: 'fuels', type: 'select_multiple', choices: 'fuel', label: { en: 'Fuels' } },
          { name: 'happy', type: 'likert', likert: 'agree', label: { en: 'Happy?' } },
          { name: 'visited', type: 'date', label: { en: 'Date' } },
          { name: 'rooms', type: 'decimal', label: { en: 'Rooms' } },
          { name: 'people', type: 'calculate', calculation: 'count(${member})', label: {} },
          { name: 'kids', type: 'integer', relevant: '${rooms} > 1', label: { en: 'Children' } },
          { name: 'name', type: 'text', repeat: 'member', label: { en: 'Name' } },
          { name: 'age', type: 'integer', repeat: 'member', label: { en: 'How old is ${name}?' } },
          { name: 'title', type: 'text', repeat: 'job', label: { en: 'Job of ${name}' } },
        ],
      },
    ],
    scales: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.instrument;
}

const compiled = compileInstrument(household());
const answers: Record<string, AnswerValue> = {
  head: 'Aida',
  head_sex: 'f',
  fuels: ['gas', 'coal'],
  happy: '2',
  visited: '2026-12-03',
  rooms: 2.5,
  'member[a1]': 1,
  'member[a1]/name': 'Aida',
  'member[a1]/age': 34,
  'member[a1]/job[j1]': 1,
  'member[a1]/job[j1]/title': 'Teacher',
  'member[b2]': 2,
  'member[b2]/name': 'Bek',
};
const form = computeFormState(compiled, answers, '2026-12-03');
const fill = (text: string, lang = 'en', path: { repeat: string; id: string }[] = []) => fillReferences(text, compiled, form, path, lang);

describe('${name} in labels shows the answer, as ODK shows it', () => {
  it('shows a select_one as its choice label in the session language', () => {
    expect(fill('${head} is ${head_sex}')).toBe('Aida is Female');
    expect(fill('${head} is ${head_sex}', 'ru')).toBe('Aida is Женский');
  });

  it('shows a select_multiple as its choices labels joined, and a Likert answer as its point', () => {
    expect(fill('Fuels: ${fuels}')).toBe('Fuels: Gas, Coal');
    expect(fill('Топливо: ${fuels}', 'ru')).toBe('Топливо: Газ, Уголь');
    expect(fill('${happy}', 'ru')).toBe('Согласен');
  });

  it('shows numbers, dates and calculations as written', () => {
    expect(fill('On ${visited}, ${rooms} rooms, ${people} people')).toBe('On 2026-12-03, 2.5 rooms, 2 people');
  });

  it('shows nothing for an unanswered question or one that does not apply', () => {
    expect(fill('Children: ${kids}.')).toBe('Children: .');
    const small = computeFormState(compiled, { ...answers, rooms: 1, kids: 3 }, '2026-12-03');
    expect(fillReferences('Children: ${kids}.', compiled, small, [], 'en')).toBe('Children: .');
    expect(fillReferences('Sex: ${head_sex}', compiled, computeFormState(compiled, {}, '2026-12-03'), [], 'en')).toBe('Sex: ');
  });

  it('leaves a name that is no question, and a text without references, as written', () => {
    expect(fill('Hello ${nobody}')).toBe('Hello ${nobody}');
    const plain = 'How old are you?';
    expect(fill(plain)).toBe(plain);
  });

  it('reads the same instance inside a repeat, and the first one from outside', () => {
    expect(fill('How old is ${name}?', 'en', [{ repeat: 'member', id: 'b2' }])).toBe('How old is Bek?');
    expect(fill('How old is ${name}?', 'en', [{ repeat: 'member', id: 'a1' }])).toBe('How old is Aida?');
    expect(fill('First: ${name}')).toBe('First: Aida');
    // Inside an instance, a question outside every repeat reads the form's answer.
    expect(fill('${name} lives with ${head}', 'en', [{ repeat: 'member', id: 'b2' }])).toBe('Bek lives with Aida');
  });

  it('reads the instance around a nested instance, and the nested one itself', () => {
    const job = [{ repeat: 'member', id: 'a1' }, { repeat: 'job', id: 'j1' }];
    expect(fill('Job of ${name}: ${title}', 'en', job)).toBe('Job of Aida: Teacher');
    expect(fill('${title}', 'en', [{ repeat: 'member', id: 'b2' }])).toBe('');
  });

  it('keeps emphasis markers and never reads an answer as anything but text', () => {
    const html = computeFormState(compiled, { ...answers, head: '<b>x</b>' }, '2026-12-03');
    expect(fillReferences('**${head}**', compiled, html, [], 'en')).toBe('**<b>x</b>**');
  });
});
