/**
 * Every form of the public corpus (../shared/xlsforms: pyxform's own test forms and 45 field forms,
 * read in place, never copied) goes through importXlsForm, as `dala form` reads it, and must give
 * the outcome the table in docs/xlsform.md states for it: "opens", "opens, N warnings", or
 * "refused: FEATURES". So a regression fails here, and the table a researcher reads stays true.
 * pyxform is the oracle: the table also says what pyxform makes of each form, and the last test
 * checks that against pyxform itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../../src/core/errors';
import { parseInstrument } from '../../../src/core/instrument/parse';
import { allItems, type Instrument } from '../../../src/core/instrument/types';
import { importXlsForm } from '../../../src/core/xlsform/index';
import { SHARED_DIR, XLSFORMS_DIR } from '../../support/shared';
import { outcome } from './corpus-outcome';

const docs = readFileSync(resolve(__dirname, '../../../docs/xlsform.md'), 'utf8');

/** The rows of the corpus table in docs/xlsform.md: | `pyxform/NAME` | accepts | opens, 2 warnings | why |. */
const table = [...docs.matchAll(/^\| `((?:pyxform|field)\/[^`]+)` \| (accepts|refuses) \| ([^|]+?) \|/gm)].map((m) => ({
  form: m[1]!,
  pyxform: m[2]! as 'accepts' | 'refuses',
  dala: m[3]!.trim(),
}));

const corpus = ['pyxform', 'field'].flatMap((dir) =>
  readdirSync(resolve(XLSFORMS_DIR, dir))
    .filter((f) => /\.xlsx?$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`),
);

const load = (form: string) => importXlsForm(new Uint8Array(readFileSync(resolve(XLSFORMS_DIR, form))), form.split('/')[1]!);

describe('the public XLSForm corpus', () => {
  it('is where the README says, and docs/xlsform.md has one row for each of its 70 forms', () => {
    expect(existsSync(XLSFORMS_DIR), `${XLSFORMS_DIR} is missing`).toBe(true);
    expect(corpus).toHaveLength(70);
    expect(table.map((r) => r.form)).toEqual(corpus);
  });

  it.each(table.map((r) => [r.form, r.dala] as const))('%s: %s', (form, expected) => {
    const result = load(form);
    expect(outcome(result)).toBe(expected);
    if (result.ok) {
      // What Dala opens, its own loader accepts; every warning names its file and says what.
      expect(parseInstrument(result.instrument).ok).toBe(true);
      for (const w of result.warnings) expect(w.file).toBe(form.split('/')[1]);
    } else {
      // A refusal names the sheet and row of each error (but for whole-file problems).
      for (const p of result.problems.filter((p) => p.severity === 'error')) {
        if (p.sheet !== undefined) expect(p.row ?? p.message, formatProblem(p)).toBeDefined();
      }
    }
  }, 60_000);

  it('opens every form pyxform accepts, but for repeats and media (other work), data files the corpus does not hold, and what ODK Collect refuses too', () => {
    // SurveyCTO's own functions (duration(), device-info(), ...), property() and bare names (text that is
    // no XPath: pyxform does not read expressions) are refused by Collect and Enketo as well; a group
    // read as a value is a repeat counted (count(${roster})), which repeats bring.
    // The corpus holds the workbooks only: a form that reads a .csv or .xml file is refused for the
    // file not given (and a map's GeoJSON file as external data); pulldata() takes 4 arguments in Collect.
    const othersWork = /^refused: ((media|repeats|external data files|a data file not given|pulldata\(\) without 4 arguments|OpenStreetMap|SurveyCTO's [a-z:-]+\(\)|property\(\)|bare names in expressions|a reference to a group)(, |$))+$/;
    const blocked = table.filter((r) => r.pyxform === 'accepts' && r.dala.startsWith('refused') && !othersWork.test(r.dala));
    expect(blocked).toEqual([]);
  });

  it('pyxform (the oracle) accepts and refuses exactly the forms the table says', () => {
    const script = resolve(__dirname, '../../support/pyxform-verdicts.py');
    const verdicts = JSON.parse(
      execFileSync('/usr/bin/python3', [script, resolve(SHARED_DIR, 'pyxform'), ...corpus.map((f) => resolve(XLSFORMS_DIR, f))], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      }),
    ) as Record<string, { ok: boolean; error?: string }>;
    const said = Object.fromEntries(table.map((r) => [r.form.split('/')[1]!, r.pyxform]));
    const found = Object.fromEntries(Object.entries(verdicts).map(([f, v]) => [f, v.ok ? 'accepts' : 'refuses']));
    expect(found).toEqual(said);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------
// A closer look at some forms: what they become.

const where = (p: Problem) => formatProblem({ ...p, file: undefined });

function opened(form: string): { instrument: Instrument; warnings: string[] } {
  const result = load(form);
  if (!result.ok) throw new Error(`${form}:\n${result.problems.map(formatProblem).join('\n')}`);
  return { instrument: result.instrument, warnings: result.warnings.map(where) };
}

function refused(form: string): string[] {
  const result = load(form);
  if (result.ok) throw new Error(`${form}: expected a refusal, got an instrument`);
  return result.problems.filter((p) => p.severity === 'error').map(where);
}

const shape = (instrument: Instrument) =>
  instrument.sections.map((s) => [s.name, allItems({ ...instrument, sections: [s] }).map(({ item }) => `${item.name}:${item.type}`)]);

describe('pyxform forms, closer', () => {
  it('ODKValidateWarnings: an old-style label:English column, "phone number", a headerless column', () => {
    const { instrument, warnings } = opened('pyxform/bug_example_xls__ODKValidateWarnings.xlsx');
    expect(shape(instrument)).toEqual([['section_1', ['family_name:text', 'phone_number:text', 'age:integer']]]);
    expect(allItems(instrument)[1]!.item.constraint).toBe("regex(., '^[0-9]*$')");
    expect(warnings).toContain('sheet survey, row 2, column D: column D has values but no header in row 1: ignored');
  });

  it('xl_date_ambiguous: an instance_name Dala cannot read is left out with a warning, not a refusal', () => {
    const { instrument, warnings } = opened('pyxform/bug_example_xls__xl_date_ambiguous.xlsx');
    expect(shape(instrument)).toEqual([['section_1', ['name1:text', 'name2:text', 'name3:text', 'names:select_one']]]);
    expect(warnings).toContainEqual(expect.stringMatching(/^sheet settings, row 2, column instance_name, position 1: instance_name is not used/));
  });

  it('choice_filter_test: duplicate choice names, allowed by the settings for cascading selects', () => {
    const { instrument } = opened('pyxform/example_xls__choice_filter_test.xlsx');
    expect(instrument.allowChoiceDuplicates).toBe(true);
    expect(instrument.choiceLists.counties!.filter((c) => c.name === 'king').map((c) => c.attributes)).toEqual([{ cf: 'washington' }, { cf: 'texas' }]);
  });

  it('survey_no_name: the only sheet is the survey, as pyxform reads it', () => {
    const { instrument, warnings } = opened('pyxform/example_xls__survey_no_name.xlsx');
    expect(shape(instrument)).toEqual([['section_1', ['state:text']]]);
    expect(warnings).toContain("sheet Sheet1: the workbook's only sheet, 'Sheet1', is read as the survey sheet (as pyxform reads it)");
  });

  it('loop: begin loop over a list is a repeat with one instance per choice', () => {
    const { instrument } = opened('pyxform/example_xls__loop.xlsx');
    expect(instrument.repeats).toEqual([{ name: 'loop_toilet_types', label: {}, loop: 'toilet_type' }]);
    expect(shape(instrument)).toEqual([
      ['section_1', ['available_toilet_types:select_multiple']],
      ['loop_toilet_types', ['number:integer']],
    ]);
    expect(allItems(instrument)[1]!.item.repeat).toBe('loop_toilet_types');
  });

  it('include, pull_data: one refused feature each, named with its row (pull_data without its file)', () => {
    expect(refused('pyxform/example_xls__include.xlsx')).toEqual(['sheet survey, row 3, column type: Dala does not support including other forms (include): copy the rows into the form']);
    expect(refused('pyxform/example_xls__pull_data.xlsx')).toEqual([
      "sheet survey, row 2, column calculation: the form reads the file 'fruits.csv' (pulldata()), which is not among its files: give it with the form (a folder, a .zip, or the files together)",
    ]);
  });

  it('xlsform_spec_test: range, dateTime, barcode, geopoint, metadata and its repeat are read; media are refused by row', () => {
    const errors = refused('pyxform/example_xls__xlsform_spec_test.xlsx');
    expect(errors).toEqual([
      'sheet survey, row 36, column type: Dala does not support photo or image answers (image)',
      'sheet survey, row 37, column type: Dala does not support audio recordings (audio)',
      'sheet survey, row 38, column type: Dala does not support video recordings (video)',
    ]);
  });
});

describe('field forms, closer', () => {
  it('Bangladesh, division to union: 5,307 unions in one list, names with spaces and line breaks, cascading filters', () => {
    const { instrument, warnings } = opened('field/khalilurrrahmanridoykhan__bangladesh-admin-boundary-xlsform__Full_Bangladesh_Division_To_Union.xlsx');
    expect(warnings).toEqual([]);
    const lists = Object.values(instrument.choiceLists).map((l) => l.length);
    expect(Math.max(...lists)).toBe(5307);
    expect(allItems(instrument).filter(({ item }) => item.choiceFilter).length).toBeGreaterThan(0);
  });

  it('select_one_external: the list of its external_choices sheet, with its filter columns', () => {
    const { instrument, warnings } = opened('field/qlands__FormShare__select_one_external.xlsx');
    expect(warnings).toEqual([]);
    const externals = allItems(instrument).filter(({ item }) => item.appearance?.includes('autocomplete'));
    expect(externals.length).toBeGreaterThan(0);
    for (const { item } of externals) expect(instrument.choiceLists[item.choices!]!.length).toBeGreaterThan(0);
  });

  it('the .xls workbooks of SwissTPH open as their .xlsx would', () => {
    for (const form of ['field/SwissTPH__odk_planner__CRF1.xls', 'field/SwissTPH__odk_planner__LRF1.xls']) {
      const { instrument } = opened(form);
      expect(instrument.sections.length).toBeGreaterThan(0);
      expect(instrument.languages).toEqual(['en', 'zh']);
    }
  });

  it('the field forms with GPS open with their geopoints, with no warning about location', () => {
    const forms = {
      'field/LSHTM-ORK__ODK_Biometrics__Registration_KOBO.xlsx': 1,
      'field/abdulganiu99__Household-Energy-Survey__Household_Energy_Access_and_Usage_Survey.xlsx': 1,
      'field/chrissyhroberts__eREC_Visual_Acuity_Tropical_Data__eREC_Examination_Form.xlsx': 1,
      'field/ecohealthalliance__formstools__ghana_community_form.xlsx': 1,
    };
    for (const [form, points] of Object.entries(forms)) {
      const { instrument, warnings } = opened(form);
      expect(allItems(instrument).filter(({ item }) => item.type === 'geopoint').length, form).toBe(points);
      // The one warning near location is about the form itself: parameters written as appearances, which ODK ignores too.
      expect(warnings.filter((w) => /geo|gps|location|map/i.test(w) && !/looks like a parameter/.test(w)), form).toEqual([]);
    }
  });

  it('the field forms with repeats that open, open with their repeats, with no warning about repeats', () => {
    const forms = {
      'field/Edouard-Legoupil__kobocruncher__sample_xlsform.xlsx': ['members'],
      'field/qlands__FormShare__consumers.xlsx': ['demo', 'veg1_repeat', 'veg_repeat', 'SecCgroup', 'D1group', 'otherveg', 'groupE', 'Sec_G', 'H2', 'housing'],
    };
    for (const [form, repeats] of Object.entries(forms)) {
      const { instrument, warnings } = opened(form);
      expect(instrument.repeats?.map((r) => r.name), form).toEqual(repeats);
      expect(allItems(instrument).some(({ item }) => item.repeat !== undefined), form).toBe(true);
      expect(warnings.filter((w) => /repeat|loop|instance|position|indexed/i.test(w)), form).toEqual([]);
    }
  });

  it('an appearance with parameters (an app to launch) is one appearance, kept and named in one warning', () => {
    const { instrument, warnings } = opened('field/LSHTM-ORK__ODK_Biometrics__All_Functions.xlsx');
    const scan = allItems(instrument).find(({ item }) => item.name === 'basic_scan_fast');
    expect(scan?.item.appearance).toBe("ex:uk.ac.lshtm.keppel.android.SCAN(uk.ac.lshtm.keppel.android.fast='true') masked");
    expect(warnings).toContain(
      "sheet survey, row 32, column appearance: appearance 'ex:uk.ac.lshtm.keppel.android.SCAN(uk.ac.lshtm.keppel.android.fast='true')' launches another app, which a browser cannot: the answer is typed (row 32)",
    );
  });
});
