/**
 * The committed .xlsx fixtures (test/fixtures/xlsform, written by make-fixtures.ts), imported as a
 * researcher would import them: one per feature, one per error.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../../src/core/errors';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { allItems, type Instrument } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { fixtures, NOT_AN_XLSX, RECIPIENTS } from '../../fixtures/xlsform/make-fixtures';

const dir = resolve(__dirname, '../../fixtures/xlsform');
const load = (name: string) => importXlsForm(new Uint8Array(readFileSync(resolve(dir, name))), name);

function instrumentOf(name: string): { instrument: Instrument; warnings: Problem[] } {
  const result = load(name);
  if (!result.ok) throw new Error(`${name}:\n${result.problems.map(formatProblem).join('\n')}`);
  expect(parseInstrument(result.instrument).ok).toBe(true);
  return result;
}

/** "row 3, column type: message" for each error. */
function errorsOf(name: string): string[] {
  const result = load(name);
  if (result.ok) throw new Error(`${name}: expected problems, got a form`);
  return result.problems.filter((p) => p.severity === 'error').map((p) => formatProblem({ ...p, file: undefined }));
}

describe('the committed fixtures', () => {
  it('are exactly what make-fixtures.ts writes', () => {
    const made = fixtures();
    for (const [name, bytes] of Object.entries(made)) {
      expect(new Uint8Array(readFileSync(resolve(dir, name))), name).toEqual(bytes);
    }
    expect(new Uint8Array(readFileSync(resolve(dir, 'error-not-xlsx.xlsx')))).toEqual(NOT_AN_XLSX);
    const onDisk = readdirSync(dir).filter((f) => /\.xlsx?$/.test(f)).sort();
    expect(onDisk).toEqual([...Object.keys(made), 'error-not-xlsx.xlsx'].sort());
  }, 60_000);
});

describe('a researcher imports a form that uses', () => {
  it('every supported question type', () => {
    const { instrument, warnings } = instrumentOf('all-types.xlsx');
    expect(warnings).toEqual([]);
    expect(allItems(instrument).map(({ item }) => [item.name, item.type])).toEqual([
      ['intro', 'note'],
      ['full_name', 'text'],
      ['story', 'longtext'],
      ['age', 'integer'],
      ['height', 'decimal'],
      ['visit', 'date'],
      ['start_time', 'time'],
      ['consent', 'select_one'],
      ['colors_liked', 'select_multiple'],
      ['fav_color', 'select_one'],
      ['ack', 'acknowledge'],
      ['n_colors', 'calculate'],
      ['code', 'text'],
      ['bye', 'note'],
    ]);
    const byName = Object.fromEntries(allItems(instrument).map(({ item }) => [item.name, item]));
    expect(byName.full_name).toMatchObject({ required: true, requiredMessage: { en: 'Please give a name' }, hint: { en: 'As in your passport' } });
    expect(byName.age).toMatchObject({ constraint: '. >= 18 and . <= 120', constraintMessage: { en: 'From 18 to 120' }, default: '30' });
    expect(byName.colors_liked).toMatchObject({ relevant: "${consent} = 'yes'", appearance: 'minimal' });
    expect(byName.fav_color).toMatchObject({ choices: 'colors', other: true });
    expect(byName.n_colors).toMatchObject({ calculation: 'count-selected(${colors_liked})' });
    expect(byName.code).toMatchObject({ default: 'n/a', readOnly: true });
    expect(instrument).toMatchObject({ id: 'all_types', studyVersion: '2024-05', title: { en: 'All question types' } });
  });

  it.each(['odk-types.xlsx', 'odk-types.xls'])('the types, metadata, columns and settings ODK forms use (%s)', (name) => {
    const { instrument, warnings } = instrumentOf(name);
    expect(warnings.map((w) => formatProblem({ ...w, file: undefined }))).toEqual([
      "sheet survey, row 7, column parameters: parameter 'track-changes' is kept but not applied by Dala (row 7)",
      "sheet survey, row 17, column required: required 'T' is read as yes (ODK reads a single letter as the name of a question, and so as no; write yes) (row 17)",
    ]);
    expect(instrument).toMatchObject({ id: 'odk_types', studyVersion: '2025-01', title: { en: 'ODK question types' }, languages: ['en', 'ru'], style: 'pages' });
    expect(instrument.sections.map((s) => [s.name, s.appearance])).toEqual([['visit', 'field-list']]);
    const byName = Object.fromEntries(allItems(instrument).map(({ item }) => [item.name, item]));
    expect(allItems(instrument).map(({ item }) => `${item.name}:${item.type}${item.meta ? `:${item.meta}` : ''}`)).toEqual([
      'start:meta:start',
      'end:meta:end',
      'today:meta:today',
      'deviceid:meta:deviceid',
      'username:meta:username',
      'audit:meta:audit',
      'generated_note_name_9:note',
      'visit_day:date',
      'visit_time:datetime',
      'pain:range',
      'water:range',
      'priorities:rank',
      'district:select_one',
      'services:select_multiple',
      'consent:select_one',
      'card:barcode',
      'protocol:hidden',
      'pain_again:integer',
      'instanceName:meta:instanceName',
    ]);
    expect(byName.pain).toMatchObject({ range: { start: 0, end: 10, step: 1 }, choices: 'pain_labels', guidance: { en: 'Point at the face card first' }, required: true });
    expect(byName.water).toMatchObject({ range: { start: 0.5, end: 5, step: 0.5 }, default: '2', appearance: 'vertical' });
    expect(byName.priorities).toMatchObject({ choices: 'priorities', requiredIf: '${pain} > 5' });
    expect(byName.visit_day).toMatchObject({ defaultExpression: 'today()', appearance: 'no-calendar' });
    expect(byName.pain_again).toMatchObject({ calculation: '${pain}', trigger: ['pain'] });
    expect(byName.instanceName).toMatchObject({ calculation: "concat('visit-', ${district})" });
  });

  it('groups: top-level groups are sections, nested ones add their relevance', () => {
    const { instrument, warnings } = instrumentOf('groups.xlsx');
    expect(instrument.sections.map((s) => [s.name, s.items.map((i) => i.name)])).toEqual([
      ['section_1', ['village']],
      ['household', ['members', 'n_children', 'school', 'address']],
      ['section_3', ['remark1', 'remark2']],
      ['closing', ['done']],
    ]);
    expect(instrument.sections[1]!.relevant).toBe("${village} != ''");
    const nChildren = instrument.sections[1]!.items[1]!;
    expect(nChildren.relevant).toBe('(${members} > 1) and (${members} > 2)');
    expect(warnings.map((w) => formatProblem({ ...w, file: undefined }))).toEqual([
      "sheet survey, row 5, column label: the label of nested group 'children' is not shown: Dala flattens a group inside a group into its section (its relevance is kept)",
    ]);
  });

  it('three languages, named in the column headers', () => {
    const { instrument, warnings } = instrumentOf('languages.xlsx');
    expect(instrument.languages).toEqual(['en', 'ru', 'kk']);
    expect(instrument.languageNames).toEqual({ en: 'English', ru: 'Русский', kk: 'Kazakh' });
    expect(instrument.title).toEqual({ en: 'Languages', ru: 'Языки' });
    const age = instrument.sections[0]!.items[0]!;
    expect(age).toEqual({
      name: 'age',
      type: 'integer',
      label: { en: 'How old are you?', ru: 'Сколько вам лет?', kk: 'Жасыңыз нешеде?' },
      hint: { en: 'In full years', ru: 'Полных лет' },
      constraint: '. < 120',
      constraintMessage: { en: 'Too old', ru: 'Слишком много' },
    });
    expect(instrument.choiceLists.yesno).toEqual([
      { name: 'yes', label: { en: 'Yes', ru: 'Да', kk: 'Иә' } },
      { name: 'no', label: { en: 'No', ru: 'Нет', kk: 'Жоқ' } },
    ]);
    expect(warnings.map((w) => w.message)).toEqual(["no 'kk' label on 1 row that has a label in another language (row 4)"]);
  });

  it('a default_language for the columns without one', () => {
    const { instrument } = instrumentOf('default-language.xlsx');
    expect(instrument.languages).toEqual(['kk', 'en']);
    expect(instrument.languageNames).toEqual({ kk: 'Қазақша', en: 'English' });
    expect(instrument.sections[0]!.items[0]!.label).toEqual({ kk: 'Атыңыз?', en: 'Your name?' });
  });

  it('age recipients in the settings', () => {
    const { instrument, warnings } = instrumentOf('settings-recipients.xlsx');
    expect(instrument).toMatchObject({ id: 'encrypted_study', studyVersion: '7', title: { en: 'Encrypted study' }, recipients: RECIPIENTS });
    expect(warnings.map((w) => [w.sheet, w.column, w.message])).toEqual([
      ['settings', 'public_key', 'public_key is noted, not used: it is not an age recipient (age1...), and Dala encrypts to age recipients only (list them in a recipients column)'],
    ]);
  });

  it.each(['likert-demo.xlsx', 'shared-strings.xlsx'])('Likert scales with scale and reverse columns in English and Russian (%s)', (name) => {
    const { instrument, warnings } = instrumentOf(name);
    expect(warnings).toEqual([]);
    expect(instrument.languages).toEqual(['en', 'ru']);
    expect(instrument.scales.map((s) => [s.name, s.label.ru ?? s.label.en, s.items, s.reversed])).toEqual([
      ['strategy', 'Стратегия', ['str_define', 'str_achieve', 'str_joint'], []],
      ['human_capital', 'Человеческий капитал', ['hc_qualification', 'hc_competence', 'hc_turnover'], ['hc_turnover']],
      ['organization', 'Организация', ['org_structure', 'org_culture'], []],
      ['leadership', 'leadership', ['lead_style', 'lead_change'], ['lead_change']],
      ['resources', 'Ресурсы', ['res_budget', 'res_space'], []],
    ]);
    expect(instrument.likertScales.agree5!.points.map((p) => [p.value, p.label.ru])).toEqual([
      [1, 'Совершенно не согласен'],
      [2, 'Не согласен'],
      [3, 'Нейтрально или нет мнения'],
      [4, 'Согласен'],
      [5, 'Полностью согласен'],
    ]);
    expect(instrument.likertScales.agree5!.nonSubstantive).toEqual([{ name: 'dk', label: { en: "Don't know", ru: 'Затрудняюсь ответить' } }]);
    expect(Object.keys(instrument.choiceLists)).toEqual(['yesno']);
    const types = allItems(instrument).map(({ item }) => item.type);
    expect(types.filter((t) => t === 'likert')).toHaveLength(12);
    expect(instrument.recipients).toEqual([RECIPIENTS[0]]);
  });

  it('a choice_filter (cascading selects): the districts of the region chosen', () => {
    const { instrument, warnings } = instrumentOf('choice-filter.xlsx');
    expect(warnings).toEqual([]);
    expect(allItems(instrument).map(({ item }) => [item.name, item.choiceFilter])).toEqual([
      ['region', undefined],
      ['district', '${region} = region'],
    ]);
    expect(instrument.choiceLists.district!.map((c) => [c.name, c.attributes])).toEqual([
      ['n1', { region: 'north' }],
      ['s1', { region: 'south' }],
    ]);
  });

  it('upper-case sheet names and headers, and the old spellings of types', () => {
    const { instrument } = instrumentOf('spellings.xlsx');
    expect(allItems(instrument).map(({ item }) => [item.name, item.type, item.other ?? false])).toEqual([
      ['q1', 'select_one', false],
      ['q2', 'select_one', true],
      ['q3', 'select_multiple', false],
      ['q4', 'select_one', true],
      ['q5', 'integer', false],
    ]);
    expect(allItems(instrument)[4]!.item).toMatchObject({ constraint: '. <= 5', constraintMessage: { en: 'At most 5' }, readOnly: false });
  });
});

describe('a researcher is told exactly what to fix in a form with', () => {
  it.each([
    ['error-unknown-type.xlsx', ["sheet survey, row 3, column type: unknown question type 'hologram'"]],
    ['error-missing-list.xlsx', ["sheet survey, row 2, column type: list 'colours' does not exist in sheet choices"]],
    ['error-duplicate-name.xlsx', ["sheet survey, row 3, column name: duplicate name 'age' (first used on row 2): names are unique within their group"]],
    [
      'error-unbalanced-group.xlsx',
      [
        'sheet survey, row 3, column type: end group without a matching begin group',
        "sheet survey, row 4, column type: begin group 'g1' has no matching end group",
      ],
    ],
    [
      'error-bad-expression.xlsx',
      [
        "sheet survey, row 3, column relevant, position 9: the expression does not parse: expected a value, found '>'",
        "sheet survey, row 4, column constraint, position 1: the expression does not parse: unknown function 'square-root'",
      ],
    ],
    [
      'error-unknown-reference.xlsx',
      [
        'sheet survey, row 3, column relevant, position 1: ${agee} is not a question in this form',
        'sheet survey, row 4, column label, position 9: ${aeg} is not a question in this form',
      ],
    ],
    [
      'error-unsupported.xlsx',
      [
        "sheet survey, row 6, column calculation: the form reads the file 'fruits.csv' (pulldata()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
        "sheet survey, row 7, column appearance: the form reads the file 'fruits.csv' (search()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
      ],
    ],
    ['error-no-survey.xlsx', ["sheet 'survey' missing (the workbook has 'choices', 'questions')"]],
    ['error-not-xlsx.xlsx', ['not an xlsx file (it is not a zip archive)']],
    [
      'error-likert.xlsx',
      [
        "sheet survey, row 2, column scale: 'comment' cannot be in scale 'wellbeing': only a select_one over a list with numeric choice names is a Likert item, and this is text",
        "sheet survey, row 3, column reverse: 'happy' cannot be reverse coded: list 'yesno' has fewer than two numeric choice names (like 1..5)",
        "sheet survey, row 5, column scale: scale 'wellbeing' mixes answer ranges: list 'agree7' runs 1..7, but list 'agree5' (row 4) runs 1..5; reverse coding needs one range",
        "sheet survey, row 6, column reverse: reverse must be yes or no, not 'maybe'",
      ],
    ],
  ])('%s', (name, expected) => {
    expect(errorsOf(name)).toEqual(expected);
  });
});
