/**
 * Sheets -> instrument, with small tables written in code (no .xlsx involved).
 */
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../src/core/instrument/types';
import type { Problem } from '../../../src/core/errors';
import { parseInstrument } from '../../../src/core/instrument/parse';
import type { Instrument, Item } from '../../../src/core/instrument/types';
import { convertXlsForm, sheetFromRows, type XlsFormResult } from '../../../src/core/xlsform/index';

type Row = (string | number | boolean | null)[];

function convert(form: { survey: Row[]; choices?: Row[]; settings?: Row[]; other?: Record<string, Row[]> }): XlsFormResult {
  const sheets = [sheetFromRows('survey', form.survey)];
  if (form.choices) sheets.push(sheetFromRows('choices', form.choices));
  sheets.push(sheetFromRows('settings', form.settings ?? [['form_id', 'version'], ['test_form', '1']]));
  for (const [name, rows] of Object.entries(form.other ?? {})) sheets.push(sheetFromRows(name, rows));
  return convertXlsForm({ sheets }, 'form.xlsx');
}

function ok(result: XlsFormResult): { instrument: Instrument; warnings: Problem[] } {
  if (!result.ok) throw new Error(`expected a form, got problems:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result;
}

function errors(result: XlsFormResult): Problem[] {
  if (result.ok) throw new Error('expected problems, got a form');
  return result.problems.filter((p) => p.severity === 'error');
}

function items(instrument: Instrument): Record<string, Item> {
  return Object.fromEntries(instrument.sections.flatMap((s) => s.items.map((i) => [i.name, i])));
}

const yesno: Row[] = [
  ['list_name', 'name', 'label'],
  ['yesno', 'yes', 'Yes'],
  ['yesno', 'no', 'No'],
];

const agree5: Row[] = [
  ['list_name', 'name', 'label::English (en)', 'label::Русский (ru)'],
  ['agree5', '1', 'Strongly disagree', 'Совершенно не согласен'],
  ['agree5', '2', 'Disagree', 'Не согласен'],
  ['agree5', '3', 'Neutral', 'Нейтрально'],
  ['agree5', '4', 'Agree', 'Согласен'],
  ['agree5', '5', 'Strongly agree', 'Полностью согласен'],
  ['agree5', 'dk', "Don't know", 'Затрудняюсь ответить'],
];

describe('question types', () => {
  it('maps each supported type, with its columns, onto an instrument item', () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'hint', 'required', 'required_message', 'relevant', 'constraint', 'constraint_message', 'appearance', 'default', 'read_only', 'calculation'],
          ['note', 'intro', 'Welcome'],
          ['text', 'who', 'Name?', 'Full name', 'yes', 'Please answer'],
          ['text', 'story', 'Story?', '', '', '', '', '', '', 'multiline'],
          ['integer', 'age', 'Age?', '', 'TRUE', '', '', '. >= 18', 'Adults only', '', '30'],
          ['decimal', 'weight', 'Weight?', '', '', '', '${age} > 20'],
          ['date', 'day', 'Day?', '', '', '', '', '', '', '', '2024-05-01'],
          ['time', 'at', 'Time?', '', '', '', '', '', '', '', '09:30:00'],
          ['select_one yesno', 'ok', 'OK?', '', '', '', '', '', '', 'minimal', 'yes'],
          ['select_multiple yesno', 'both', 'Both?'],
          ['select_one yesno or_other', 'other', 'Other?'],
          ['acknowledge', 'ack', 'Read it'],
          ['calculate', 'double', '', '', '', '', '', '', '', '', '', '', '${age} * 2'],
          ['text', 'fixed', 'Fixed', '', '', '', '', '', '', '', 'n/a', 'yes'],
        ],
        choices: yesno,
      }),
    );
    expect(items(instrument)).toEqual({
      intro: { name: 'intro', type: 'note', label: { en: 'Welcome' } },
      who: { name: 'who', type: 'text', label: { en: 'Name?' }, hint: { en: 'Full name' }, required: true, requiredMessage: { en: 'Please answer' } },
      story: { name: 'story', type: 'longtext', label: { en: 'Story?' }, appearance: 'multiline' },
      age: { name: 'age', type: 'integer', label: { en: 'Age?' }, required: true, constraint: '. >= 18', constraintMessage: { en: 'Adults only' }, default: '30' },
      weight: { name: 'weight', type: 'decimal', label: { en: 'Weight?' }, relevant: '${age} > 20' },
      day: { name: 'day', type: 'date', label: { en: 'Day?' }, default: '2024-05-01' },
      at: { name: 'at', type: 'time', label: { en: 'Time?' }, default: '09:30' },
      ok: { name: 'ok', type: 'select_one', label: { en: 'OK?' }, choices: 'yesno', default: 'yes', appearance: 'minimal' },
      both: { name: 'both', type: 'select_multiple', label: { en: 'Both?' }, choices: 'yesno' },
      other: { name: 'other', type: 'select_one', label: { en: 'Other?' }, choices: 'yesno', other: true },
      ack: { name: 'ack', type: 'acknowledge', label: { en: 'Read it' } },
      double: { name: 'double', type: 'calculate', label: {}, calculation: '${age} * 2' },
      fixed: { name: 'fixed', type: 'text', label: { en: 'Fixed' }, default: 'n/a', readOnly: true },
    });
    expect(instrument.choiceLists).toEqual({ yesno: [{ name: 'yes', label: { en: 'Yes' } }, { name: 'no', label: { en: 'No' } }] });
    expect(parseInstrument(instrument).ok).toBe(true);
  });

  it('reads pyxform\'s "phone number" as text of digits, and today as metadata recorded at the start', () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'constraint'],
          ['phone number', 'phone', 'Phone?', 'string-length(.) = 10'],
          ['today', 'visit_day'],
        ],
      }),
    );
    expect(items(instrument).phone).toMatchObject({ type: 'text', constraint: "(regex(., '^[0-9]*$')) and (string-length(.) = 10)" });
    expect(items(instrument).visit_day).toEqual({ name: 'visit_day', type: 'meta', label: {}, meta: 'today' });
  });

  it('an interviewer-facing "unknown question type" names the row and the type', () => {
    const result = convert({ survey: [['type', 'name', 'label'], ['text', 'a', 'A'], ['hologram', 'b', 'B']] });
    expect(errors(result)).toEqual([
      { severity: 'error', file: 'form.xlsx', sheet: 'survey', row: 3, column: 'type', message: "unknown question type 'hologram'" },
    ]);
  });

  it.each([
    ['background-geopoint', 'GPS location in the background (background-geopoint)'],
    ['include', 'including other forms (include)'],
    ['select_one_from_file places.geojson', 'external data files (choices from a GeoJSON map file)'],
    ['osm', 'OpenStreetMap questions (osm)'],
  ])('refuses %s, naming the sheet, row and feature', (type, feature) => {
    const result = convert({ survey: [['type', 'name', 'label'], ['text', 'a', 'A'], [type, 'b', 'B'], ['end repeat']], choices: yesno });
    expect(errors(result)[0]).toMatchObject({ sheet: 'survey', row: 3, column: 'type', message: `Dala does not support ${feature}${type.startsWith('select_one_from_file') ? ': attach the list as a CSV file' : type === 'include' ? ': copy the rows into the form' : ''}` });
  });

  it('reads geopoint (and its old names gps and location), geotrace, geoshape and start-geopoint, with the accuracies in metres', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'parameters', 'appearance', 'body::accuracyThreshold', 'calculation'],
          ['start-geopoint', 'here'],
          ['geopoint', 'home', 'Where is the house?', 'capture-accuracy=5 warning-accuracy=20 allow-mock-accuracy=true', 'maps'],
          ['gps', 'well', 'The well'],
          ['location', 'school', 'The school', '', 'placement-map', '10'],
          ['geotrace', 'road', 'The road', 'incremental=true'],
          ['geoshape', 'field', 'The field', 'allow-mock-accuracy=false'],
          ['calculate', 'field_m2', '', '', '', '', 'area(${field})'],
        ],
      }),
    );
    const all = items(instrument);
    expect(all.here).toEqual({ name: 'here', type: 'meta', label: {}, meta: 'start-geopoint' });
    expect(all.home).toMatchObject({ type: 'geopoint', appearance: 'maps', location: { accuracyThreshold: 5, unacceptableAccuracy: 20 } });
    expect(all.well).toMatchObject({ type: 'geopoint' });
    expect(all.well!.location).toBeUndefined();
    expect(all.school).toMatchObject({ type: 'geopoint', appearance: 'placement-map', location: { accuracyThreshold: 10 } });
    expect(all.road).toMatchObject({ type: 'geotrace', parameters: { incremental: 'true' } });
    expect(all.field).toMatchObject({ type: 'geoshape' });
    expect(all.field_m2).toMatchObject({ calculation: 'area(${field})' });
    expect(warnings).toEqual([]);
  });

  it('refuses an accuracy that is not metres, as pyxform refuses one that is not a number', () => {
    const result = convert({ survey: [['type', 'name', 'label', 'parameters'], ['geopoint', 'home', 'Home', 'capture-accuracy=close']] });
    expect(errors(result)).toMatchObject([{ row: 2, column: 'parameters', message: "parameter capture-accuracy 'close' is not a number of metres (more than 0)" }]);
  });

  it('reads photos, recordings, files and signatures (instrument version 3): photo is image, max-pixels kept, appearances drawn without a warning', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'parameters', 'appearance'],
          ['photo', 'house', 'House?', 'max-pixels=1024', 'new'],
          ['image', 'sign', 'Sign here', '', 'signature'],
          ['audio', 'story', 'Story?'],
          ['video', 'walk', 'Walk?'],
          ['file', 'doc', 'Document?'],
          ['background-audio', 'bg', 'Interview recording'],
        ],
      }),
    );
    expect(warnings).toEqual([]);
    const items = allItems(instrument).map(({ item }) => [item.name, item.type, item.appearance ?? '', item.parameters?.['max-pixels'] ?? '']);
    expect(items).toEqual([
      ['house', 'image', 'new', '1024'],
      ['sign', 'image', 'signature', ''],
      ['story', 'audio', '', ''],
      ['walk', 'video', '', ''],
      ['doc', 'file', '', ''],
      ['bg', 'background-audio', '', ''],
    ]);
  });

  it('reads range, rank, dateTime, barcode, hidden, the old trigger type and select_one_external as pyxform does', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'parameters', 'appearance', 'default'],
          ['range', 'pain', 'Pain?', 'start=0 end=10 step=2', 'distress'],
          ['range', 'score', 'Score?'],
          ['range', 'weight', 'Weight?', 'start=0.5;end=2.5,step=0.5'],
          ['rank yesno', 'order', 'Order?'],
          ['dateTime', 'when', 'When?', '', '', '2024-05-01 09:30'],
          ['barcode', 'code', 'Scan'],
          ['hidden', 'secret', '', '', '', 'abc'],
          ['trigger', 'ok', 'Press OK'],
          ['select_one_external place', 'place', 'Place?'],
        ],
        choices: yesno,
        other: { external_choices: [['list_name', 'name', 'label', 'region'], ['place', 'almaty', 'Almaty', 'south'], ['place', 'astana', 'Astana', 'north']] },
      }),
    );
    expect(warnings.filter((w) => w.severity === 'error')).toEqual([]);
    const byName = items(instrument);
    expect(byName.pain).toEqual({ name: 'pain', type: 'range', label: { en: 'Pain?' }, appearance: 'distress', range: { start: 0, end: 10, step: 2 }, parameters: { start: '0', end: '10', step: '2' } });
    expect(byName.score!.range).toEqual({ start: 1, end: 10, step: 1 });
    expect(byName.weight!.range).toEqual({ start: 0.5, end: 2.5, step: 0.5 });
    expect(byName.order).toEqual({ name: 'order', type: 'rank', label: { en: 'Order?' }, choices: 'yesno' });
    expect(byName.when).toEqual({ name: 'when', type: 'datetime', label: { en: 'When?' }, default: '2024-05-01T09:30' });
    expect(byName.code).toEqual({ name: 'code', type: 'barcode', label: { en: 'Scan' } });
    expect(byName.secret).toEqual({ name: 'secret', type: 'hidden', label: {}, default: 'abc' });
    expect(byName.ok).toEqual({ name: 'ok', type: 'acknowledge', label: { en: 'Press OK' } });
    expect(byName.place).toEqual({ name: 'place', type: 'select_one', label: { en: 'Place?' }, choices: 'place', appearance: 'autocomplete' });
    expect(instrument.choiceLists.place).toEqual([
      { name: 'almaty', label: { en: 'Almaty' }, attributes: { region: 'south' } },
      { name: 'astana', label: { en: 'Astana' }, attributes: { region: 'north' } },
    ]);
    expect(parseInstrument(instrument).ok).toBe(true);
  });

  it('refuses range parameters that are not a range, as pyxform does', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label', 'parameters'],
        ['range', 'a', 'A', 'start=0 end=10 step=0'],
        ['range', 'b', 'B', 'start=0 end=10 step=3'],
        ['range', 'c', 'C', 'start=x'],
        ['range', 'd', 'D', 'start=0 end=1 step=5'],
      ],
    });
    expect(errors(result).map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'parameters', 'range parameter step must not be 0'],
      [3, 'parameters', 'range parameter step 3 does not divide the range from 0 to 10'],
      [4, 'parameters', "range parameter start 'x' is not a number"],
      [5, 'parameters', 'range parameter step 5 is larger than the range from 0 to 1'],
    ]);
  });

  it('records metadata as meta items, which labels and expressions may read', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'relevant'],
          ['start', 'start'],
          ['end', 'end'],
          ['get device id', 'device'],
          ['username', 'user'],
          ['phonenumber', 'phone'],
          ['audit', 'audit'],
          ['text', 'a', 'Started at ${start}', "${start} != ''"],
        ],
        settings: [['form_id', 'version', 'instance_name'], ['f', '1', "concat('visit-', ${a})"]],
      }),
    );
    expect(warnings).toEqual([]);
    expect(instrument.sections).toHaveLength(1);
    expect(instrument.sections[0]!.items.map((i) => [i.name, i.type, i.meta])).toEqual([
      ['start', 'meta', 'start'],
      ['end', 'meta', 'end'],
      ['device', 'meta', 'deviceid'],
      ['user', 'meta', 'username'],
      ['phone', 'meta', 'phonenumber'],
      ['audit', 'meta', 'audit'],
      ['a', 'text', undefined],
      ['instanceName', 'meta', 'instanceName'],
    ]);
    expect(items(instrument).instanceName!.calculation).toBe("concat('visit-', ${a})");
  });

  it('takes computed defaults, conditions in required and read_only, and a calculation on a question', () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'default', 'required', 'calculation', 'read_only', 'trigger'],
          ['date', 'd', 'D', 'today()'],
          ['text', 't', 'T', '', "${d} != 'x'", '', '${d} = today()'],
          ['integer', 'i', 'I', '', 'T', '1 + 1'],
          ['integer', 'n', 'N', '${i} * 2'],
          ['calculate', 'c', '', '', '', 'today()', '', '${i}, ${n}'],
          ['text', 'cleared', 'Cleared when i changes', '', '', '', '', '${i}'],
        ],
      }),
    );
    const byName = items(instrument);
    expect(byName.d).toMatchObject({ defaultExpression: 'today()' });
    expect(byName.t).toMatchObject({ requiredIf: "${d} != 'x'", readOnlyIf: '${d} = today()' });
    expect(byName.i).toMatchObject({ required: true, calculation: '1 + 1' });
    expect(byName.n).toMatchObject({ defaultExpression: '${i} * 2' });
    expect(byName.c).toMatchObject({ calculation: 'today()', trigger: ['i', 'n'] });
    expect(byName.cleared).toMatchObject({ trigger: ['i'] });
    expect(byName.cleared!.calculation).toBeUndefined();
  });

  it('reads a single letter in required as its author means it, and says ODK would not', () => {
    const { instrument, warnings } = ok(convert({ survey: [['type', 'name', 'label', 'required'], ['text', 'a', 'A', 'T'], ['text', 'b', 'B', 'T'], ['text', 'c', 'C', 'n']] }));
    expect([items(instrument).a!.required, items(instrument).c!.required]).toEqual([true, false]);
    expect(warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [2, 'required', "required 'T' is read as yes (ODK reads a single letter as the name of a question, and so as no; write yes) (rows 2, 3)"],
      [4, 'required', "required 'n' is read as no (ODK reads a single letter as the name of a question, and so as no; write no) (row 4)"],
    ]);
  });

  it('keeps a fixed default that is not of its type or not in its list out, with a warning (ODK shows no answer)', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'default'],
          ['integer', 'i', 'I', '1.5'],
          ['date', 'd', 'D', '2024-02-30'],
          ['select_one yesno', 's', 'S', 'maybe'],
          ['select_multiple yesno', 'm', 'M', 'yes perhaps'],
          ['select_multiple yesno', 'ok', 'OK', 'yes no'],
        ],
        choices: yesno,
      }),
    );
    expect(warnings.map((p) => [p.row, p.message])).toEqual([
      [2, "default '1.5' is not a whole number: the question starts unanswered"],
      [3, "default '2024-02-30' is not a date (yyyy-mm-dd): the question starts unanswered"],
      [4, "default 'maybe' is not a choice of list 'yesno': the question starts unanswered"],
      [5, "default 'yes perhaps' is not a choice of list 'yesno' ('perhaps' is not): the question starts unanswered"],
    ]);
    expect(Object.values(items(instrument)).map((i) => i.default)).toEqual([undefined, undefined, undefined, undefined, 'yes no']);
  });
});

describe('spellings', () => {
  it('accepts the usual spellings of sheets, headers and types', () => {
    const sheets = [
      sheetFromRows('Survey', [
        ['TYPE', 'Name', 'Label', 'Constraint Message', 'constraint', 'ReadOnly'],
        ['begin_group', 'g', 'G'],
        ['select one yesno', 'q1', 'One'],
        ['SELECT_ONE yesno or_other', 'q2', 'Two'],
        ['select all that apply yesno', 'q3', 'Three'],
        ['select one from yesno or specify other', 'q4', 'Four'],
        ['select_multiple yesno', 'q5', 'Five', 'Too many', 'count-selected(.) < 2', 'no'],
        ['End Group'],
      ]),
      sheetFromRows('CHOICES', [['List Name', 'name', 'label'], ['yesno', 'yes', 'Yes'], ['yesno', 'no', 'No']]),
    ];
    const { instrument } = ok(convertXlsForm({ sheets }, 'form.xlsx'));
    expect(instrument.sections[0]!.items.map((i) => [i.name, i.type, i.other ?? false])).toEqual([
      ['q1', 'select_one', false],
      ['q2', 'select_one', true],
      ['q3', 'select_multiple', false],
      ['q4', 'select_one', true],
      ['q5', 'select_multiple', false],
    ]);
    expect(items(instrument).q5).toMatchObject({ constraintMessage: { en: 'Too many' }, readOnly: false });
  });

  it('reports a select without a list, and a list name with spaces', () => {
    const result = convert({ survey: [['type', 'name', 'label'], ['select_one', 'a', 'A'], ['select_one two words', 'b', 'B']] });
    expect(errors(result).map((p) => [p.row, p.message])).toEqual([
      [2, "'select_one' names no choice list: write 'select_one LIST'"],
      [3, "'select_one two words': a choice list name has no spaces ('two words'); only 'or_other' may follow it"],
    ]);
  });
});

describe('groups and sections', () => {
  const survey: Row[] = [
    ['type', 'name', 'label', 'hint', 'relevant'],
    ['text', 'village', 'Village?'],
    ['text', 'district', 'District?'],
    ['begin group', 'household', 'Household', 'About the home', "${village} != ''"],
    ['integer', 'members', 'Members?'],
    ['begin group', 'kids', '', '', '${members} > 1'],
    ['begin group', 'school', '', '', '${members} > 2'],
    ['integer', 'pupils', 'Pupils?', '', '${members} < 20'],
    ['end group'],
    ['integer', 'kids_n', 'Children?'],
    ['end group'],
    ['end group'],
    ['text', 'remark', 'Remark?'],
  ];

  it('turns top-level groups into sections and runs of ungrouped items into sections of their own', () => {
    const { instrument } = ok(convert({ survey }));
    expect(instrument.sections.map((s) => [s.name, s.label, s.hint, s.relevant, s.items.map((i) => i.name)])).toEqual([
      ['section_1', {}, undefined, undefined, ['village', 'district']],
      ['household', { en: 'Household' }, { en: 'About the home' }, "${village} != ''", ['members', 'pupils', 'kids_n']],
      ['section_3', {}, undefined, undefined, ['remark']],
    ]);
  });

  it('flattens nested groups, AND-ing their relevance into each item', () => {
    const { instrument } = ok(convert({ survey }));
    expect(items(instrument).pupils!.relevant).toBe('(${members} > 1) and (${members} > 2) and (${members} < 20)');
    expect(items(instrument).kids_n!.relevant).toBe('${members} > 1');
    expect(items(instrument).members!.relevant).toBeUndefined();
  });

  it('reports unbalanced groups at the rows that need fixing', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label'],
        ['end group'],
        ['begin group', 'a', 'A'],
        ['text', 'q', 'Q'],
        ['end repeat'],
        ['begin group', 'b', 'B'],
        ['text', 'r', 'R'],
      ],
    });
    expect(errors(result).map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'type', 'end group without a matching begin group'],
      [5, 'type', "end repeat closes the begin group 'a' of row 3: write end group"],
      [6, 'type', "begin group 'b' has no matching end group"],
    ]);
  });

  it('leaves out an empty group with a warning', () => {
    const { instrument, warnings } = ok(
      convert({ survey: [['type', 'name', 'label'], ['begin group', 'empty', 'Empty'], ['end group'], ['text', 'q', 'Q']] }),
    );
    expect(instrument.sections.map((s) => s.name)).toEqual(['section_1']);
    expect(warnings).toContainEqual(expect.objectContaining({ row: 2, message: "group 'empty' has no questions: it is left out" }));
  });
});

describe('names', () => {
  it('reports duplicate, invalid and missing names; a name is unique within its group, as in pyxform', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'age', 'Age?'],
        ['integer', 'age', 'Age again?'],
        ['text', '1st', 'First?'],
        ['text', '', 'Nameless?'],
        ['text', 'constructor', 'Reserved?'],
        ['begin group', 'g', 'G'],
        ['text', 'x', 'X'],
        ['end group'],
        ['begin group', 'g', 'G again'],
        ['text', 'y', 'Y'],
        ['end group'],
      ],
    });
    expect(errors(result).map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'name', "duplicate name 'age' (first used on row 2): names are unique within their group"],
      [4, 'name', "'1st' is not a valid name: use letters, digits, _ . - (at most 64), starting with a letter or _"],
      [5, 'name', 'this question has no name'],
      [6, 'name', "'constructor' is reserved (every JavaScript object has it) and cannot be a name"],
      [10, 'name', "duplicate name 'g' (first used on row 7): names are unique within their group"],
    ]);
  });

  it('stores the same name in two groups under each group, and names a note without a name after its row', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label'],
          ['note', '', 'Welcome'],
          ['begin group', 'mother', 'Mother'],
          ['integer', 'age', 'Age?'],
          ['end group'],
          ['begin group', 'father', 'Father'],
          ['integer', 'age', 'Age?'],
          ['end group'],
          ['integer', 'age', 'Your age?'],
        ],
      }),
    );
    expect(instrument.sections.map((s) => s.items.map((i) => i.name))).toEqual([['generated_note_name_2'], ['mother.age'], ['father.age'], ['age']]);
    expect(warnings.map((w) => [w.row, w.message])).toEqual([
      [4, "'age' is also the name of a question in another group (rows 4, 7, 9): this one is stored as 'mother.age'"],
      [7, "'age' is also the name of a question in another group (rows 4, 7, 9): this one is stored as 'father.age'"],
    ]);
    const ambiguous = convert({
      survey: [['type', 'name', 'label', 'relevant'], ['begin group', 'g1', 'G'], ['text', 'x', 'X'], ['end group'], ['begin group', 'g2', 'G'], ['text', 'x', 'X'], ['end group'], ['text', 'y', 'Y', "${x} = 'a'"]],
    });
    expect(errors(ambiguous).map((p) => [p.row, p.message])).toEqual([
      [8, "${x} is ambiguous: 'x' is the name of questions in several groups (rows 3, 6); give them different names"],
    ]);
  });

  it('reads an absolute path (/data/group/name) as the question at that path, also when its name is in several groups', () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'relevant'],
          ['begin group', 'left', 'Left eye'],
          ['decimal', 'logMAR', 'logMAR'],
          ['end group'],
          ['begin group', 'right', 'Right eye'],
          ['decimal', 'logMAR', 'logMAR'],
          ['end group'],
          ['begin group', 'retest', 'Retest', "/data/left/logMAR > 0.3 and /data/right/logMAR > 0.3 or '/data/left/logMAR' = 'x'"],
          ['text', 'why', 'Why?', '/data/right/logMAR>1'],
          ['end group'],
        ],
      }),
    );
    const retest = instrument.sections[2]!;
    expect(retest.relevant).toBe("${left.logMAR} > 0.3 and ${right.logMAR} > 0.3 or '/data/left/logMAR' = 'x'");
    expect(retest.items[0]!.relevant).toContain('${right.logMAR}>1');
    // A path to nothing stays as written, and is named as the expression language reads it (by its last step).
    const nowhere = convert({ survey: [['type', 'name', 'label', 'relevant'], ['text', 'a', 'A'], ['text', 'b', 'B', '/data/g/nowhere = 1']] });
    expect(errors(nowhere).map((p) => p.message)).toEqual(['${nowhere} is not a question in this form']);
  });

  it('refuses an or_other whose text would be stored under an existing name', () => {
    const result = convert({
      survey: [['type', 'name', 'label'], ['select_one yesno or_other', 'fav', 'Fav?'], ['text', 'fav_other', 'Other fav?']],
      choices: yesno,
    });
    expect(errors(result)[0]!.message).toContain("stored as 'fav_other'");
  });
});

describe('choices', () => {
  it('reports a list that does not exist, and lists that are not used', () => {
    const result = convert({ survey: [['type', 'name', 'label'], ['select_one colours', 'c', 'Colour?']], choices: yesno });
    expect(errors(result)).toEqual([
      expect.objectContaining({ sheet: 'survey', row: 2, column: 'type', message: "list 'colours' does not exist in sheet choices" }),
    ]);
    expect(result.ok ? [] : result.problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', sheet: 'choices', row: 2, message: "list 'yesno' is not used by any question: left out" }),
    );
  });

  it('reports duplicate choices and choices without a list or a name; takes spaces and long names as pyxform does', () => {
    const result = convert({
      survey: [['type', 'name', 'label'], ['select_one l', 'q', 'Q']],
      choices: [['list_name', 'name', 'label'], ['l', 'a', 'A'], ['l', 'a', 'A again'], ['', 'b', 'B'], ['l', '', 'C'], ['l', 'two words', 'D'], ['l', 'x'.repeat(1001), 'E'], ['l', 'y'.repeat(200), 'F']],
    });
    expect(errors(result).map((p) => [p.sheet, p.row, p.column, p.message])).toEqual([
      ['choices', 3, 'name', "duplicate choice 'a' in list 'l' (first on row 2): choice names are unique within a list, unless the settings say allow_choice_duplicates"],
      ['choices', 4, 'list_name', "choice 'b' has no list_name"],
      ['choices', 5, 'name', "a choice of list 'l' has no name"],
      ['choices', 7, 'name', 'choice name of 1001 characters: a stored code has at most 1000'],
    ]);
  });

  it('keeps duplicate choice names when the settings allow them (cascading selects)', () => {
    const { instrument } = ok(
      convert({
        survey: [['type', 'name', 'label', 'choice_filter'], ['select_one state', 'state', 'State?'], ['select_one county', 'county', 'County?', 'state=${state}']],
        choices: [['list_name', 'name', 'label', 'state'], ['state', 'wa', 'WA'], ['state', 'tx', 'TX'], ['county', 'king', 'King', 'wa'], ['county', 'king', 'King', 'tx']],
        settings: [['form_id', 'version', 'allow_choice_duplicates'], ['f', '1', 'yes']],
      }),
    );
    expect(instrument.allowChoiceDuplicates).toBe(true);
    expect(instrument.choiceLists.county!.map((c) => c.attributes?.state)).toEqual(['wa', 'tx']);
  });

  it('reads a list of 5,000 choices', () => {
    const choices: Row[] = [['list_name', 'name', 'label'], ...Array.from({ length: 5000 }, (_, i): Row => ['union', `u${i}`, `Union ${i}`])];
    const { instrument } = ok(convert({ survey: [['type', 'name', 'label', 'appearance'], ['select_one union', 'u', 'Union?', 'minimal']], choices }));
    expect(instrument.choiceLists.union).toHaveLength(5000);
  }, 30_000);

  it('carries a choice_filter and the choices sheet\'s other columns into the instrument', () => {
    const { warnings, instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'choice_filter'],
          ['select_one region', 'region', 'Region?'],
          ['select_multiple district', 'districts', 'Districts?', "region = ${region} or name = 'capital'"],
        ],
        choices: [
          ['list_name', 'name', 'label', 'region', 'media::image'],
          ['region', 'north', 'North'],
          ['region', 'south', 'South'],
          ['district', 'n1', 'North one', 'north', 'n1.png'],
          ['district', 's1', 'South one', 'south'],
          ['district', 'capital', 'Capital'],
        ],
      }),
    );
    expect(items(instrument).districts).toMatchObject({ choices: 'district', choiceFilter: "region = ${region} or name = 'capital'" });
    expect(instrument.choiceLists.district).toEqual([
      { name: 'n1', label: { en: 'North one' }, attributes: { region: 'north' } },
      { name: 's1', label: { en: 'South one' }, attributes: { region: 'south' } },
      { name: 'capital', label: { en: 'Capital' } },
    ]);
    expect(instrument.choiceLists.region![0]).toEqual({ name: 'north', label: { en: 'North' } });
    expect(warnings.map((w) => [w.sheet, w.column, w.message])).toEqual([
      [
        'choices',
        'media::image',
        "the form shows the file 'n1.png', which is not among its files: its text label is shown instead (give the file with the form: a folder, a .zip, or the files together)",
      ],
    ]);
  });

  it('does not apply a choice_filter it cannot read, and says why (every choice is then shown)', () => {
    const filter = (expr: string, type = 'select_one yesno') =>
      convert({ survey: [['type', 'name', 'label', 'choice_filter'], ['select_one yesno', 'a', 'A'], [type, 'b', 'B', expr]], choices: yesno });
    const cases: [string, string, number | undefined][] = [
      ["colour = 'red'", "'colour' is not a column with values for list 'yesno' in the choices sheet (a bare name reads that column of each choice; a text is written 'colour', an answer ${colour})", 0],
      ["label::English != ''", "the expression does not parse: unexpected character ':'", 5],
      ['${b} = name', '${b} is this question itself: a choice_filter cannot read its own answer', 0],
      ['${zz} = name', '${zz} is not a question in this form', 0],
    ];
    for (const [expr, why, position] of cases) {
      const { warnings, instrument } = ok(filter(expr));
      expect(warnings).toContainEqual(
        expect.objectContaining({ row: 3, column: 'choice_filter', position, message: `choice_filter is not applied, so every choice of list 'yesno' is shown: ${why}` }),
      );
      expect(items(instrument).b!.choiceFilter).toBeUndefined();
    }
    const { warnings } = ok(filter("${a} = 'yes'", 'text'));
    expect(warnings).toContainEqual(
      expect.objectContaining({ row: 3, column: 'choice_filter', message: 'choice_filter is ignored on a text row: only selects have choices to filter' }),
    );
  });
});

describe('expressions', () => {
  it('reports an expression that does not parse with its sheet, row, column and position', () => {
    const result = convert({ survey: [['type', 'name', 'label', 'relevant'], ['integer', 'age', 'Age?'], ['text', 'job', 'Job?', '${age} >> 17']] });
    expect(errors(result)).toEqual([
      {
        severity: 'error',
        file: 'form.xlsx',
        sheet: 'survey',
        row: 3,
        column: 'relevant',
        position: 8,
        message: "the expression does not parse: expected a value, found '>'",
      },
    ]);
  });

  it('reports references to unknown items, to groups and to the item itself', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label', 'relevant', 'calculation'],
        ['begin group', 'g', 'G'],
        ['integer', 'age', 'Age?', '${agee} > 1'],
        ['text', 'job', 'Job?', '${g} = 1'],
        ['calculate', 'c', '', '', '${c} + 1'],
        ['note', 'n', 'You are ${aeg}'],
        ['end group'],
      ],
    });
    expect(errors(result).map((p) => [p.row, p.column, p.position, p.message])).toEqual([
      [3, 'relevant', 0, '${agee} is not a question in this form'],
      [4, 'relevant', 0, '${g} is a group, not a question'],
      [5, 'calculation', 0, '${c} is this question itself: a calculation cannot read its own answer'],
      [6, 'label', 8, '${aeg} is not a question in this form'],
    ]);
  });

  it('names XLSForm features Dala refuses instead of a parse error, and a data file not given', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label', 'calculation', 'relevant'],
        ['calculate', 'a', '', "pulldata('f', 'x', 'k', 'v')"],
        ['calculate', 'b', '', "search('f')"],
        ['text', 'd', 'D', '', "${a} = 'pulldata('"],
      ],
    });
    expect(errors(result).map((p) => [p.row, p.message])).toEqual([
      [2, "the form reads the file 'f.csv' (pulldata()), which is not among its files: give it with the form (a folder, a .zip, or the files together)"],
      [3, "Dala does not support search() in an expression (it is an appearance: search('file', ...))"],
    ]);
  });

  it('reads curly quotes pasted from a word processor as straight quotes, as pyxform does', () => {
    const result = convert({ survey: [['type', 'name', 'label', 'relevant'], ['text', 'a', 'A'], ['text', 'b', 'B', '${a} = ‘yes’']] });
    expect(result.ok).toBe(true);
  });
});

describe('languages', () => {
  it('reads label::Name (code), label::code and known names, with the default language first', () => {
    const { instrument } = ok(
      convert({
        survey: [
          ['type', 'name', 'label::English (en)', 'label::Русский (ru)', 'label::Kazakh', 'hint::ru', 'hint'],
          ['text', 'a', 'Name?', 'Имя?', 'Атыңыз?', 'Полностью', 'In full'],
        ],
        settings: [['form_id', 'version', 'default_language'], ['f', '1', 'English (en)']],
      }),
    );
    expect(instrument.languages).toEqual(['en', 'ru', 'kk']);
    expect(instrument.languageNames).toEqual({ en: 'English', ru: 'Русский', kk: 'Қазақша' });
    expect(items(instrument).a).toEqual({
      name: 'a',
      type: 'text',
      label: { en: 'Name?', ru: 'Имя?', kk: 'Атыңыз?' },
      hint: { ru: 'Полностью', en: 'In full' },
    });
  });

  it('puts columns without a language in default_language, else English', () => {
    const withDefault = ok(
      convert({
        survey: [['type', 'name', 'label', 'label::en'], ['text', 'a', 'Аты?', 'Name?']],
        settings: [['form_id', 'version', 'default_language'], ['f', '1', 'kk']],
      }),
    ).instrument;
    expect(withDefault.languages).toEqual(['kk', 'en']);
    expect(items(withDefault).a!.label).toEqual({ kk: 'Аты?', en: 'Name?' });
    expect(withDefault.languageNames).toEqual({ kk: 'Қазақша', en: 'English' });

    const plain = ok(convert({ survey: [['type', 'name', 'label'], ['text', 'a', 'Name?']] })).instrument;
    expect(plain.languages).toEqual(['en']);
  });

  it('warns once per language about labels missing in it', () => {
    const { warnings } = ok(
      convert({
        survey: [['type', 'name', 'label::en', 'label::ru'], ['text', 'a', 'A', 'А'], ['text', 'b', 'B'], ['text', 'c', 'C']],
      }),
    );
    expect(warnings).toContainEqual(
      expect.objectContaining({ row: 3, column: 'label::ru', message: "no 'ru' label on 2 rows that have a label in another language (rows 3, 4)" }),
    );
  });

  it('gives a language written without a code a private one, keeping its name', () => {
    const { instrument, warnings } = ok(convert({ survey: [['type', 'name', 'label::My language', 'label::Language1'], ['text', 'a', 'A', 'B']] }));
    expect(instrument.languages).toEqual(['und-x-lang1', 'und-x-lang2']);
    expect(instrument.languageNames).toEqual({ 'und-x-lang1': 'My language', 'und-x-lang2': 'Language1' });
    expect(items(instrument).a!.label).toEqual({ 'und-x-lang1': 'A', 'und-x-lang2': 'B' });
    expect(warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [1, 'label::My language', "language 'My language' has no code: its texts are kept as language 'und-x-lang1' (write the column as label::My language (xx), with its code, to give one)"],
      [1, 'label::Language1', "language 'Language1' has no code: its texts are kept as language 'und-x-lang2' (write the column as label::Language1 (xx), with its code, to give one)"],
    ]);
  });
});

describe('settings', () => {
  it('reads title, id, version, default language and age recipients', () => {
    const key = 'age1ysa4k2sy0k4kzpt5zwu6z6mz7h4ayueanyypasjjzza2elwyyunsma4mdc';
    const { instrument } = ok(
      convert({
        survey: [['type', 'name', 'label'], ['text', 'a', 'A']],
        settings: [['form_title', 'form_id', 'version', 'recipients'], ['My study', 'my_study', '2024-05', `${key}  ${key}`]],
      }),
    );
    expect(instrument).toMatchObject({ id: 'my_study', studyVersion: '2024-05', title: { en: 'My study' }, recipients: [key] });
  });

  it('refuses a recipient that is not an age X25519 key', () => {
    const result = convert({
      survey: [['type', 'name', 'label'], ['text', 'a', 'A']],
      settings: [['form_id', 'version', 'recipients'], ['s', '1', 'age1notakey ssh-ed25519']],
    });
    expect(errors(result).map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['settings', 2, 'recipients'],
      ['settings', 2, 'recipients'],
    ]);
  });

  it('makes a study id from a form_id that is not one, or from the file name', () => {
    const spaced = ok(convert({ survey: [['type', 'name', 'label'], ['text', 'a', 'A']], settings: [['form_id'], ['My form']] }));
    expect(spaced.instrument.id).toBe('My_form');
    expect(spaced.warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining("form_id 'My form' is not a valid study id") }));
    const bare = ok(convertXlsForm({ sheets: [sheetFromRows('survey', [['type', 'name', 'label'], ['text', 'a', 'A']])] }, 'dir/Study 2024.xlsx'));
    expect(bare.instrument).toMatchObject({ id: 'Study_2024', studyVersion: '1', title: { en: 'Study 2024' } });
  });

  it('reports a workbook without a survey sheet, and suggests the name of a misspelled sheet', () => {
    const result = convertXlsForm({ sheets: [sheetFromRows('Sheet1', [['type'], ['text']])], otherSheets: ['stettings'] }, 'form.xlsx');
    expect(result.ok ? [] : result.problems).toEqual([
      { severity: 'error', file: 'form.xlsx', message: "sheet 'survey' missing (the workbook has 'Sheet1', 'stettings')" },
      { severity: 'warning', file: 'form.xlsx', sheet: 'Sheet1', message: "sheet 'Sheet1' is not read by Dala" },
      { severity: 'warning', file: 'form.xlsx', sheet: 'stettings', message: "sheet 'stettings' is not read: did you mean 'settings'?" },
    ]);
  });
});

describe('appearances', () => {
  it('keeps every appearance, reads a plug-in with parameters as one, and warns (never refuses) about those Dala does not draw', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'appearance'],
          ['select_one yesno', 'a', 'A', 'minimal horizontal columns-3'],
          ['text', 'b', 'B', "custom-xyz(a=1, b='two words') numbers"],
          ['integer', 'c', 'C', 'ex:org.example.app(x=1)'],
          ['begin group', 'g', 'G', 'field-list'],
          ['text', 'd', 'D'],
          ['end group'],
        ],
        choices: yesno,
      }),
    );
    expect(items(instrument).a!.appearance).toBe('minimal horizontal columns-3');
    const table = ok(
      convert({
        survey: [['type', 'name', 'label', 'appearance'], ['begin group', 'grid', 'Grid', 'table-list'], ['select_one yesno', 'q1', 'Q1'], ['select_one yesno', 'q2', 'Q2'], ['end group']],
        choices: yesno,
      }),
    ).instrument;
    expect(table.sections[0]!.items.map((i) => i.appearance)).toEqual(['list', 'list-nolabel']);
    expect(items(instrument).b!.appearance).toBe("custom-xyz(a=1, b='two words') numbers");
    expect(instrument.sections[1]!.appearance).toBe('field-list');
    expect(warnings.map((w) => [w.row, w.message])).toEqual([
      [3, "appearance 'custom-xyz(a=1, b='two words')' is not drawn by Dala on a text row: the question is shown in its usual form (row 3)"],
      [4, "appearance 'ex:org.example.app(x=1)' launches another app, which a browser cannot: the answer is typed (row 4)"],
    ]);
  });
});

describe('columns', () => {
  it('reports duplicate columns and warns about columns Dala does not read', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label', 'label', 'image', 'guidance_hint', 'rows'],
        ['text', 'a', 'A', 'A2', 'a.png', 'Say it slowly', '3'],
      ],
    });
    expect(errors(result)).toEqual([
      expect.objectContaining({ row: 1, column: 'label', message: "duplicate column 'label' (also column C, 'label'): only one is read" }),
    ]);
    const warnings = (result.ok ? [] : result.problems).filter((p) => p.severity === 'warning').map((p) => p.message);
    expect(warnings).toEqual([
      "column 'rows' is ignored: Dala does not know this column (row 2)",
    ]);
  });
});

describe('sizes', () => {
  it('refuses a cell longer than an instrument text may be, naming the cell', () => {
    const result = convert({ survey: [['type', 'name', 'label'], ['note', 'n', 'x'.repeat(10_001)]] });
    expect(errors(result)).toEqual([
      expect.objectContaining({ row: 2, column: 'label', message: 'this cell has 10001 characters; Dala keeps texts of up to 10000' }),
    ]);
  });
});

describe('Likert items and scales', () => {
  const survey: Row[] = [
    ['type', 'name', 'label::English (en)', 'label::Русский (ru)', 'appearance', 'scale', 'reverse'],
    ['begin group', 'strategy', 'Strategy', 'Стратегия'],
    ['select_one agree5', 's1', 'Define the strategy', 'Определить стратегию', 'likert'],
    ['select_one agree5', 's2', 'Follow the strategy', 'Следовать стратегии', 'likert', '', 'yes'],
    ['end group'],
    ['begin group', 'people', 'People', 'Люди', 'table-list'],
    ['select_one agree5', 'p1', 'Qualification matters', 'Квалификация важна'],
    ['select_one agree5', 'p2', 'Turnover is fine', 'Текучесть допустима', '', '', '1'],
    ['select_one agree5', 'lead1', 'The head leads', 'Руководитель ведёт', '', 'leadership'],
    ['end group'],
    ['begin group', 'other', 'Other', 'Прочее'],
    ['select_one agree5', 'lead2', 'The head listens', 'Руководитель слушает', '', 'leadership', 'true'],
    ['select_one agree5', 'plain', 'Not a Likert item', 'Не пункт шкалы'],
    ['end group'],
  ];

  it('turns select_one items over a numeric list into Likert items when they say so', () => {
    const { instrument } = ok(convert({ survey, choices: agree5 }));
    const all = items(instrument);
    expect(all.s1).toEqual({ name: 's1', type: 'likert', label: { en: 'Define the strategy', ru: 'Определить стратегию' }, likert: 'agree5', appearance: 'likert' });
    expect(all.p1).toMatchObject({ type: 'likert', likert: 'agree5' });
    expect(all.plain).toMatchObject({ type: 'select_one', choices: 'agree5' });
    expect(instrument.likertScales.agree5).toEqual({
      points: [
        { value: 1, label: { en: 'Strongly disagree', ru: 'Совершенно не согласен' } },
        { value: 2, label: { en: 'Disagree', ru: 'Не согласен' } },
        { value: 3, label: { en: 'Neutral', ru: 'Нейтрально' } },
        { value: 4, label: { en: 'Agree', ru: 'Согласен' } },
        { value: 5, label: { en: 'Strongly agree', ru: 'Полностью согласен' } },
      ],
      nonSubstantive: [{ name: 'dk', label: { en: "Don't know", ru: 'Затрудняюсь ответить' } }],
    });
    // The list is still there for the ordinary select over it.
    expect(Object.keys(instrument.choiceLists)).toEqual(['agree5']);
  });

  it('puts each Likert item in its scale cell\'s scale, else its innermost group\'s, with reverse items', () => {
    const { instrument } = ok(convert({ survey, choices: agree5 }));
    expect(instrument.scales).toEqual([
      { name: 'strategy', label: { en: 'Strategy', ru: 'Стратегия' }, items: ['s1', 's2'], reversed: ['s2'] },
      { name: 'people', label: { en: 'People', ru: 'Люди' }, items: ['p1', 'p2'], reversed: ['p2'] },
      { name: 'leadership', label: { en: 'leadership' }, items: ['lead1', 'lead2'], reversed: ['lead2'] },
    ]);
    expect(parseInstrument(instrument).ok).toBe(true);
  });

  it('uses a nested group as the scale of its items, and its label as the scale label', () => {
    const { instrument, warnings } = ok(
      convert({
        survey: [
          ['type', 'name', 'label', 'appearance'],
          ['begin group', 'part2', 'Part 2'],
          ['begin group', 'trust', 'Trust', 'table-list'],
          ['select_one agree5', 't1', 'I trust my colleagues'],
          ['end group'],
          ['end group'],
        ],
        choices: agree5,
      }),
    );
    expect(instrument.scales).toEqual([{ name: 'trust', label: { en: 'Trust' }, items: ['t1'], reversed: [] }]);
    expect(warnings.map((w) => w.message)).not.toContainEqual(expect.stringContaining('nested group'));
  });

  it('reports Likert declarations that cannot hold', () => {
    const result = convert({
      survey: [
        ['type', 'name', 'label', 'appearance', 'scale', 'reverse'],
        ['text', 'comment', 'Comment', '', 'wellbeing'],
        ['select_one yesno', 'happy', 'Happy?', '', '', 'yes'],
        ['select_one agree5', 'w1', 'Well', '', 'wellbeing'],
        ['select_one agree7', 'w2', 'Sleep', '', 'wellbeing'],
        ['select_one agree5', 'w3', 'Eat', '', '', 'maybe'],
        ['select_one agree5 or_other', 'w4', 'Drink', '', 'wellbeing'],
        ['select_one agree5', 'w5', 'Walk', '', '', 'yes'],
      ],
      choices: [...agree5, ...[1, 2, 3, 4, 5, 6, 7].map((i) => ['agree7', String(i), `P${i}`]), ['yesno', 'yes', 'Yes'], ['yesno', 'no', 'No']],
    });
    expect(errors(result).map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'scale', "'comment' cannot be in scale 'wellbeing': only a select_one over a list with numeric choice names is a Likert item, and this is text"],
      [3, 'reverse', "'happy' cannot be reverse coded: list 'yesno' has fewer than two numeric choice names (like 1..5)"],
      [5, 'scale', "scale 'wellbeing' mixes answer ranges: list 'agree7' runs 1..7, but list 'agree5' (row 4) runs 1..5; reverse coding needs one range"],
      [6, 'reverse', "reverse must be yes or no, not 'maybe'"],
      [7, 'scale', "'w4' cannot be in scale 'wellbeing': a Likert item has no \"or_other\""],
      [8, 'reverse', "'w5' is marked reverse but is not a Likert item: give it the appearance likert or a scale"],
    ]);
  });

  it('keeps a likert appearance over a non-numeric list as an ordinary select, with a warning', () => {
    const { instrument, warnings } = ok(
      convert({ survey: [['type', 'name', 'label', 'appearance'], ['select_one yesno', 'q', 'Q?', 'likert']], choices: yesno }),
    );
    expect(items(instrument).q).toMatchObject({ type: 'select_one', appearance: 'likert' });
    expect(warnings).toContainEqual(expect.objectContaining({ row: 2, column: 'appearance', message: expect.stringContaining('stays an ordinary select_one') }));
  });
});
