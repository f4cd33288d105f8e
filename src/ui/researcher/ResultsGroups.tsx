/**
 * Group comparison, one row per scale as a paper would print it: each level's mean (levels as
 * columns, n in the heading), then the scale's rank test: Mann-Whitney U and Cliff's δ for two levels,
 * Kruskal-Wallis H and df for more, and p.
 */
import type { GroupTest, Groups, ScoreReport } from '../../core/scoring';
import { useApp } from '../context';
import { Num, type Format } from './ResultsFormat';

interface Props {
  groups: Groups;
  report: ScoreReport;
  /** Sessions scored: those in no level are named in a note. */
  sessions: number;
  fieldLabel: string;
  levelLabel(code: string): string;
  scaleLabel(name: string): string;
  f: Format;
}

export function GroupTable({ groups, report, sessions, fieldLabel, levelLabel, scaleLabel, f }: Props) {
  const { t } = useApp();
  const inLevels = groups.levels.reduce((a, l) => a + l.n, 0);
  const tests = new Map<string, GroupTest>(groups.tests.map((g) => [g.scale, g]));
  const kind = groups.tests[0]?.test;
  const mw = kind === 'mann-whitney';
  return (
    <section class="results-block" aria-labelledby="res-groups-h" data-testid="groups">
      <h2 id="res-groups-h">{t('resGroups', { field: fieldLabel })}</h2>
      <p class="hint">{t('resGroupsHint')}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="res-groups-h">
        <table class="stats" data-testid="group-table">
          <thead>
            <tr>
              <th scope="col">{t('resScale')}</th>
              {groups.levels.map((l) => (
                <th scope="col" key={l.level} data-level={l.level}>
                  {levelLabel(l.level)}
                  <span class="detail" data-col="n">n = {l.n}</span>
                </th>
              ))}
              {kind && (
                <>
                  <th scope="col">{mw ? `${t('resMannWhitney')} U` : `${t('resKruskalWallis')} H`}</th>
                  <th scope="col">{mw ? t('resCliff') : 'df'}</th>
                  <th scope="col">p</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {report.scales.map(({ name }) => {
              const g = tests.get(name);
              const noLevel = g !== undefined && g.statistic === null && (g.test === 'mann-whitney' || g.df === null);
              const why = noLevel ? t('resNullLevel') : t('resNullTies');
              return (
                <tr key={name} data-scale={name} data-test={g?.test}>
                  <th scope="row">{scaleLabel(name)}</th>
                  {groups.levels.map((l) => (
                    <td key={l.level} data-level={l.level}><Num v={l.means[name]} why={t('resNullNoScore')} f={f} /></td>
                  ))}
                  {g && (
                    <>
                      <td data-col="statistic"><Num v={g.statistic} why={why} f={f} /></td>
                      {g.test === 'mann-whitney' ? (
                        <td data-col="cliffsDelta"><Num v={g.cliffsDelta} why={t('resNullLevel')} f={f} /></td>
                      ) : (
                        <td data-col="df"><Num v={g.df} why={t('resNullLevel')} f={f} kind="int" /></td>
                      )}
                      <td data-col="p"><Num v={g.p} why={why} f={f} kind="p" /></td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {sessions > inLevels && <p class="hint">{t('resNotInGroup', { n: sessions - inLevels, field: fieldLabel })}</p>}
    </section>
  );
}
