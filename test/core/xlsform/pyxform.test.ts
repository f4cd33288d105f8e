/**
 * The real, public XLSForms of pyxform's test suite (shared/xlsforms/pyxform, see its README): each
 * either becomes an instrument of the expected shape or is refused with problems that name the
 * sheet, the row and the feature. They are read from beside the repository, never copied into it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../../src/core/errors';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { allItems, type Instrument } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { XLSFORMS_DIR } from '../../support/shared';

const dir = resolve(XLSFORMS_DIR, 'pyxform');

function load(name: string) {
  return importXlsForm(new Uint8Array(readFileSync(resolve(dir, `${name}.xlsx`))), `${name}.xlsx`);
}

function accepted(name: string): { instrument: Instrument; warnings: string[] } {
  const result = load(name);
  if (!result.ok) throw new Error(`${name}:\n${result.problems.map(formatProblem).join('\n')}`);
  expect(parseInstrument(result.instrument).ok).toBe(true);
  return { instrument: result.instrument, warnings: result.warnings.map(where) };
}

/** "sheet survey, row 3, column type: ..." without the file name. */
const where = (p: Problem) => formatProblem({ ...p, file: undefined });

function refused(name: string): string[] {
  const result = load(name);
  if (result.ok) throw new Error(`${name}: expected a refusal, got an instrument`);
  for (const p of result.problems) expect(p.file).toBe(`${name}.xlsx`);
  return result.problems.filter((p) => p.severity === 'error').map(where);
}

const shape = (instrument: Instrument) =>
  instrument.sections.map((s) => [s.name, allItems({ ...instrument, sections: [s] }).map(({ item }) => `${item.name}:${item.type}`)]);

describe('the pyxform forms', () => {
  it('are where the README says (shared/ beside the repository)', () => {
    expect(existsSync(dir), `${dir} is missing`).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx'))).toHaveLength(25);
  });
});

describe('pyxform forms Dala can use', () => {
  it('ODKValidateWarnings: an old-style label:English column, "phone number", a headerless column', () => {
    const { instrument, warnings } = accepted('bug_example_xls__ODKValidateWarnings');
    expect(shape(instrument)).toEqual([['section_1', ['family_name:text', 'phone_number:text', 'age:integer']]]);
    expect(allItems(instrument)[1]!.item.constraint).toBe("regex(., '^[0-9]*$')");
    expect(warnings).toContain('sheet survey, row 2, column D: column D has values but no header in row 1: ignored');
  });

  it('xl_date_ambiguous: choice labels that read answers, and a choice_filter it cannot apply', () => {
    const { instrument, warnings } = accepted('bug_example_xls__xl_date_ambiguous');
    expect(shape(instrument)).toEqual([['section_1', ['name1:text', 'name2:text', 'name3:text', 'names:select_one']]]);
    expect(instrument.choiceLists.names_list!.map((c) => c.label.en)).toEqual(['${name1}', '${name2}', '${name3}']);
    expect(instrument.sections[0]!.items[2]!.relevant).toBe('0');
    expect(warnings).toContainEqual(expect.stringMatching(/^sheet survey, row 5, column choice_filter, position 6: choice_filter is not applied/));
    expect(warnings).toContain("sheet changelog: sheet 'changelog' is not read by Dala");
  });

  it('xl_date_ambiguous_v1: a default written as a date-formatted number', () => {
    const { instrument } = accepted('bug_example_xls__xl_date_ambiguous_v1');
    expect(allItems(instrument).at(-1)!.item).toEqual({ name: 'current_date', type: 'date', label: { en: 'date_now' }, default: '1900-01-01' });
  });

  it('extra_columns, extra_sheet_names, text_and_integer: the simplest forms', () => {
    expect(shape(accepted('example_xls__extra_columns').instrument)).toEqual([['section_1', ['a:text']]]);
    const extra = accepted('example_xls__extra_sheet_names');
    expect(shape(extra.instrument)).toEqual([['section_1', ['test:text']]]);
    expect(extra.warnings).toContain("sheet stettings: sheet 'stettings' is not read: did you mean 'settings'?");
    expect(shape(accepted('example_xls__text_and_integer').instrument)).toEqual([['section_1', ['your_name:text', 'your_age:integer']]]);
  });

  it('field-list: a group as a section, labels in English and Chinese', () => {
    const { instrument } = accepted('example_xls__field-list');
    expect(shape(instrument)).toEqual([['name', ['table_list_question:select_one']]]);
    expect(instrument.languages).toEqual(['en', 'zh']);
    expect(instrument.choiceLists.yes_no).toEqual([
      { name: 'yes', label: { en: 'Yes', zh: '是' } },
      { name: 'no', label: { en: 'No', zh: '没有' } },
    ]);
  });

  it('group: an ungrouped question, then a group', () => {
    const { instrument } = accepted('example_xls__group');
    expect(shape(instrument)).toEqual([
      ['section_1', ['family_name:text'],],
      ['father', ['phone_number:text', 'age:integer']],
    ]);
    expect(instrument.sections[1]!.label).toEqual({ en: 'Father' });
  });

  it('or_other, specify_other, yes_or_no_question: "or_other" and the old select spellings', () => {
    const orOther = accepted('example_xls__or_other');
    expect(allItems(orOther.instrument).map(({ item }) => [item.name, item.choices, item.other])).toEqual([
      ['fav_color', 'colors', true],
      ['fav_pastel', 'colors', undefined],
    ]);
    // Its filter compares a column with the bare word yes (no such column): not applied, and why.
    expect(orOther.warnings).toContain(
      "sheet survey, row 3, column choice_filter, position 8: choice_filter is not applied, so every choice of list 'colors' is shown: 'yes' is not a column with values for list 'colors' in the choices sheet (a bare name reads that column of each choice; a text is written 'yes', an answer ${yes})",
    );
    expect(orOther.instrument.choiceLists.colors!.map((c) => c.attributes?.pastel)).toEqual(['no', 'no', 'no', 'yes', 'yes']);
    expect(allItems(accepted('example_xls__specify_other').instrument)[0]!.item).toMatchObject({ name: 'sex', type: 'select_one', choices: 'sexes', other: true });
    expect(allItems(accepted('example_xls__yes_or_no_question').instrument)[0]!.item).toMatchObject({ name: 'good_day', choices: 'yes_or_no' });
  });
});

describe('pyxform forms Dala refuses, saying where and why', () => {
  it('bad_calc: a calculation that is not an expression', () => {
    const expected = ["sheet survey, row 2, column calculation, position 1: the expression does not parse: unexpected name 'because' (write ${because} to use an item's answer)"];
    expect(refused('bug_example_xls__bad_calc')).toEqual(expected);
    expect(refused('example_xls__bad_calc')).toEqual(expected);
  });

  it('survey_no_name: no survey sheet', () => {
    expect(refused('example_xls__survey_no_name')).toEqual(["sheet 'survey' missing (the workbook has 'Sheet1')"]);
  });

  it('include, include_json, loop, pull_data: one refused feature each', () => {
    expect(refused('example_xls__include')).toEqual(['sheet survey, row 3, column type: Dala does not support including other forms (include)']);
    expect(refused('example_xls__include_json')).toEqual(['sheet survey, row 2, column type: Dala does not support including other forms (include)']);
    expect(refused('example_xls__loop')).toEqual(['sheet survey, row 3, column type: Dala does not support loops (begin loop)']);
    expect(refused('example_xls__pull_data')).toEqual([
      'sheet survey, row 2, column calculation, position 1: Dala does not support pulldata() (reading data from an attached CSV file)',
    ]);
  });

  it('case_insensitivity: upper-case sheets and headers are read, its external select and osm refused', () => {
    expect(refused('example_xls__case_insensitivity')).toEqual([
      'sheet SURVEY, row 3, column TYPE: Dala does not support external selects (select_one_external): put the choices in the choices sheet',
      'sheet SURVEY, row 4, column TYPE: Dala does not support OpenStreetMap questions (osm)',
    ]);
  });

  it('choice_filter_test: duplicate choice names (allowed there for cascading selects)', () => {
    expect(refused('example_xls__choice_filter_test')).toEqual([
      "sheet choices, row 6, column name: duplicate choice 'king' in list 'counties' (first on row 4): Dala needs unique choice names within a list, even with allow_choice_duplicates",
    ]);
  });

  it('duplicate_columns: two label columns, and the features of the spec test', () => {
    const errors = refused('bug_example_xls__duplicate_columns');
    expect(errors[0]).toBe("sheet survey, row 1, column label: duplicate column 'label' (also column D, 'label'): only one is read");
    expect(errors).toContain('sheet survey, row 16, column type: Dala does not support repeats (begin repeat)');
  });

  it.each(['example_xls__xlsform_spec_test', 'example_xls__attribute_columns_test', 'example_xls__flat_xlsform_test'])(
    '%s: media, GPS, dateTime, barcode and metadata',
    (name) => {
      const errors = refused(name);
      for (const [row, feature] of [
        [33, 'date-and-time answers (dateTime)'],
        [34, 'GPS location (geopoint)'],
        [35, 'barcode scanning (barcode)'],
        [36, 'photo or image answers (image)'],
        [37, 'audio recordings (audio)'],
        [38, 'video recordings (video)'],
      ] as const) {
        expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^sheet survey, row ${row}, column type: Dala does not support ${feature.replace(/[()]/g, '\\$&')}`)));
      }
      expect(errors).toContain("sheet survey, row 10, column label::english: 'display_image_test' has no label");
      expect(errors).toContain('sheet survey, row 43, column label::english, position 20: ${start} is metadata (row 42) that Dala does not record');
      if (name !== 'example_xls__flat_xlsform_test') expect(errors).toContain('sheet survey, row 15, column type: Dala does not support repeats (begin repeat)');
    },
  );

  it('UCL_Biomass_Plot_Form: files, GPS, photos, repeats, curly quotes and functions Dala lacks', () => {
    const errors = refused('bug_example_xls__UCL_Biomass_Plot_Form');
    for (const expected of [
      `sheet survey, row 9, column relevant, position 18: the expression does not parse: unexpected curly quote (U+2018): use ' or "`,
      'sheet survey, row 16, column type: Dala does not support choices from a file (select_one_from_file): put the choices in the choices sheet',
      'sheet survey, row 22, column type: Dala does not support GPS location (geopoint)',
      'sheet survey, row 23, column type: Dala does not support photo or image answers (image)',
      "sheet survey, row 26, column calculation, position 15: the expression does not parse: unknown function 'sqrt'",
      'sheet survey, row 32, column type: Dala does not support repeats (begin repeat)',
      "sheet survey, row 49, column required: a condition in required ('${health_id}=‘dead’') is not supported: write yes or no",
    ]) {
      expect(errors).toContain(expected);
    }
    // Every problem is at a row of the survey sheet.
    expect(errors.every((e) => /^sheet survey, row [0-9]+, column /.test(e))).toBe(true);
  });
});
