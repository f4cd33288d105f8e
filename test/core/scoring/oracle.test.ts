/**
 * Dala's scoring against R (test/fixtures/scoring/oracle.R: psych::alpha, friedman.test, wilcox.test,
 * kruskal.test), every figure to 1e-9. Regenerate the expected files with
 * `Rscript test/fixtures/scoring/oracle.R` after changing a dataset.
 */
import { describe, expect, it } from 'vitest';
import { respondentScores, scoreStudy } from '../../../src/core/scoring';
import { expectClose, loadData, loadExpected, loadForm } from './fixtures';

const cases = [
  { name: 'seed-sector', story: 'the seed study (Table 3), public against private sector', form: 'seed-form.json', data: 'seed.csv', groupBy: 'sector' },
  { name: 'synthetic-region', story: 'a synthetic survey with gaps, "dk", reversed items, compared across three regions', form: 'synthetic-form.json', data: 'synthetic.csv', groupBy: 'region' },
  { name: 'synthetic-sector', story: 'the synthetic survey compared across two sectors', form: 'synthetic-form.json', data: 'synthetic.csv', groupBy: 'sector' },
  { name: 'edge-team', story: 'edge cases: an unanswered scale, one score, a constant item, an empty level (Kruskal-Wallis)', form: 'edge-form.json', data: 'edge.csv', groupBy: 'team' },
  { name: 'edge-pair', story: 'edge cases compared across two levels (Mann-Whitney with all ties, an empty side)', form: 'edge-form.json', data: 'edge.csv', groupBy: 'pair' },
];

describe('scoring agrees with R to 1e-9', () => {
  for (const c of cases) {
    describe(c.story, () => {
      const instrument = loadForm(c.form);
      const responses = loadData(instrument, c.data);
      const { scores, oracle, ...expected } = loadExpected(c.name);
      const report = JSON.parse(JSON.stringify(scoreStudy(instrument, responses, { groupBy: c.groupBy })));

      it('was computed by the oracle from the same files', () => {
        expect(oracle).toMatchObject({ form: c.form, data: c.data, groupBy: c.groupBy });
      });
      it('scale table: n, mean, sd, median, min, max, alpha, alphaN', () => {
        expectClose(report.scales, expected.scales, 1e-9, 'scales');
      });
      it('item table: n, mean, sd, r.drop, top two', () => {
        expectClose(report.items, expected.items, 1e-9, 'items');
      });
      it("priority: Kendall's W, chi2, p, mean ranks", () => {
        expectClose(report.priority, expected.priority, 1e-9, 'priority');
      });
      it('group comparison: levels, means, tests', () => {
        expectClose(report.groups, expected.groups, 1e-9, 'groups');
      });
      it('the whole report, key for key', () => {
        expectClose(report, expected);
      });
      it("each respondent's scale scores", () => {
        expectClose(respondentScores(instrument, responses), scores, 1e-12, 'scores');
      });
    });
  }
});
