/**
 * The generated R script, run by R itself on a generated CSV: labels, factor levels and values.
 * R is a test prerequisite (test/support/ensure-tools.mjs installs r-base-core): without Rscript
 * this test fails, it does not skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolPath } from '../../support/tool';
import { csvText, rScript, rString, wideTable } from '../../../src/core/csv/index';
import type { Instrument } from '../../../src/core/instrument/types';
import { currentResponses, mergeAll } from '../../../src/core/merge/index';
import { deviceABundle, deviceBBundle, IDS } from '../../fixtures/bundles/make-fixtures';

const form = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/field-form.json'), 'utf8')) as Instrument;

const rscript = () => toolPath('Rscript', 'r-base-core', 'this test runs the generated script in R');

describe('the R script', () => {
  it('R strings are plain ASCII with \\u escapes', () => {
    expect(rString('Қазақ "тілі"\n\\')).toBe('"\\u{049a}\\u{0430}\\u{0437}\\u{0430}\\u{049b} \\"\\u{0442}\\u{0456}\\u{043b}\\u{0456}\\"\\n\\\\"');
    expect(rString('😀')).toBe('"\\U{1f600}"');
  });

  for (const separator of [',', ';'] as const) {
    it(`R reads the wide CSV (separator ${separator}) with Russian variable and value labels`, () => {
      const R = rscript();
      const dir = mkdtempSync(join(tmpdir(), 'dala-r-'));
      const table = wideTable(form, currentResponses(mergeAll([deviceABundle(), deviceBBundle()])));
      writeFileSync(join(dir, 'data.csv'), csvText(table.columns.map((c) => c.name), table.rows, { separator }));
      writeFileSync(join(dir, 'data.R'), rScript(table, { csvFile: 'data.csv', separator, lang: 'ru', fallback: 'en' }));
      writeFileSync(
        join(dir, 'check.R'),
        [
          'source("data.R")',
          'out <- function(name, x) cat(name, paste(x, collapse = "|"), "\\n", sep = "\\t")',
          'out("nrow", nrow(d))',
          'out("sector.class", class(d$sector))',
          'out("sector.levels", levels(d$sector))',
          'out("sector.label", attr(d$sector, "label"))',
          'out("s2.levels", levels(d$s2))',
          'out("s2.class", class(d$s2))',
          `out("r2.s2.na", is.na(d$s2[d$id == "${IDS.r2}"]))`,
          `out("r2.s2_na", as.character(d$s2_na[d$id == "${IDS.r2}"]))`,
          `out("r1.s2_na", is.na(d$s2_na[d$id == "${IDS.r1}"]))`,
          'out("s2.max", max(as.integer(d$s2), na.rm = TRUE) <= 5)',
          'out("langs_other_chosen.class", class(d$langs_other_chosen))',
          'out("s1.label", attr(d$s1, "label"))',
          `out("r1.s1", as.character(d$s1[d$id == "${IDS.r1}"]))`,
          'out("age.class", class(d$age))',
          `out("r1.age", d$age[d$id == "${IDS.r1}"])`,
          `out("r1.income", d$income[d$id == "${IDS.r1}"])`,
          'out("langs_kk.class", class(d$langs_kk))',
          `out("r1.langs_kk", d$langs_kk[d$id == "${IDS.r1}"])`,
          'out("langs_kk.label", attr(d$langs_kk, "label"))',
          `out("r2.langs_other", d$langs_other[d$id == "${IDS.r2}"])`,
          `out("r4.comment", d$comment[d$id == "${IDS.r4}"])`,
          `out("r3.age.na", is.na(d$age[d$id == "${IDS.r3}"]))`,
          'out("id.label", attr(d$id, "label"))',
        ].join('\n'),
      );
      const stdout = execFileSync(R, ['--vanilla', 'check.R'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
      const got = Object.fromEntries(stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2) as [string, string]));
      expect(got).toEqual({
        nrow: '4',
        'sector.class': 'factor',
        'sector.levels': 'Государственный сектор|Частный сектор',
        'sector.label': 'Сектор',
        // A Likert item is an ordered factor of its five points; "Don't know" is NA with its reason beside it, never a sixth level.
        's2.levels': 'Совершенно не согласен|Не согласен|Нейтрально|Согласен|Полностью согласен',
        's2.class': 'ordered|factor',
        'r2.s2.na': 'TRUE',
        'r2.s2_na': 'Затрудняюсь ответить',
        'r1.s2_na': 'TRUE',
        's2.max': 'TRUE',
        // The flag of "Other" cannot be taken for the other text.
        'langs_other_chosen.class': 'integer',
        's1.label': 'Утверждение 1',
        'r1.s1': 'Согласен',
        'age.class': 'numeric',
        'r1.age': '35',
        'r1.income': '1250.5',
        'langs_kk.class': 'integer',
        'r1.langs_kk': '1',
        'langs_kk.label': 'Языки: Казахский',
        'r2.langs_other': 'Узбекский',
        'r4.comment': '\'=HYPERLINK("http://x")',
        'r3.age.na': 'TRUE',
        'id.label': 'Response id',
      });
    }, 30_000);
  }
});
