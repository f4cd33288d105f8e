/** The scale table, the item table and the priority of the scales (docs/scoring.md defines each figure). */
import type { ScoreReport } from '../../core/scoring';
import { useApp } from '../context';
import { Num, type Format } from './ResultsFormat';

interface Props {
  report: ScoreReport;
  /** Scale or item name → its text in the study language. */
  scaleLabel(name: string): string;
  itemLabel(name: string): string;
  f: Format;
}

export function ScaleTable({ report, scaleLabel, f }: Props) {
  const { t } = useApp();
  return (
    <section class="results-block" aria-labelledby="res-scales-h">
      <h2 id="res-scales-h">{t('resScales')}</h2>
      <p class="hint">{t('resScalesHint')}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="res-scales-h">
        <table class="stats" data-testid="scale-table">
          <thead>
            <tr>
              <th scope="col">{t('resScale')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('resMean')}</th>
              <th scope="col">{t('resSd')}</th>
              <th scope="col">{t('resMedian')}</th>
              <th scope="col">{t('resMin')}</th>
              <th scope="col">{t('resMax')}</th>
              <th scope="col">{t('resAlpha')}</th>
              <th scope="col">{t('resAlphaN')}</th>
            </tr>
          </thead>
          <tbody>
            {report.scales.map((s) => {
              const none = t('resNullNoScore');
              return (
                <tr key={s.name} data-scale={s.name}>
                  <th scope="row">{scaleLabel(s.name)}</th>
                  <td data-col="n">{s.n}</td>
                  <td data-col="mean"><Num v={s.mean} why={none} f={f} /></td>
                  <td data-col="sd"><Num v={s.sd} why={s.n === 0 ? none : t('resNullFew')} f={f} /></td>
                  <td data-col="median"><Num v={s.median} why={none} f={f} /></td>
                  <td data-col="min"><Num v={s.min} why={none} f={f} /></td>
                  <td data-col="max"><Num v={s.max} why={none} f={f} /></td>
                  <td data-col="alpha"><Num v={s.alpha} why={t('resNullAlpha')} f={f} /></td>
                  <td data-col="alphaN">{s.alphaN}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ItemTable({ report, scaleLabel, itemLabel, f }: Props) {
  const { t } = useApp();
  return (
    <section class="results-block" aria-labelledby="res-items-h">
      <h2 id="res-items-h">{t('resItems')}</h2>
      <p class="hint">{t('resItemsHint')}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="res-items-h">
        <table class="stats items long" data-testid="item-table">
          <thead>
            <tr>
              <th scope="col">{t('resStatement')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('resMean')}</th>
              <th scope="col">{t('resSd')}</th>
              <th scope="col">{t('resRDrop')}</th>
              <th scope="col">{t('resTopTwo')}</th>
            </tr>
          </thead>
          {report.scales.map((s) => (
            <tbody key={s.name} data-scale={s.name}>
              <tr class="group">
                <th scope="colgroup" colSpan={6}>
                  <span>{scaleLabel(s.name)}</span>
                </th>
              </tr>
              {report.items
                .filter((i) => i.scale === s.name)
                .map((i) => (
                  <tr key={i.item} data-item={i.item}>
                    <th scope="row" class="label-cell">
                      <span class="code">{i.item}</span> {itemLabel(i.item)}
                      {i.reversed && <span class="badge">{t('resReversed')}</span>}
                    </th>
                    <td data-col="n">{i.n}</td>
                    <td data-col="mean"><Num v={i.mean} why={t('resNullNoAnswers')} f={f} /></td>
                    <td data-col="sd"><Num v={i.sd} why={i.n === 0 ? t('resNullNoAnswers') : t('resNullFew')} f={f} /></td>
                    <td data-col="rDrop"><Num v={i.rDrop} why={t('resNullRDrop')} f={f} /></td>
                    <td data-col="topTwo"><Num v={i.topTwo} why={t('resNullNoAnswers')} f={f} kind="pct" /></td>
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

export function PriorityTable({ report, scaleLabel, f, leftOut }: Props & { leftOut: string[] }) {
  const { t } = useApp();
  const p = report.priority;
  const ranked = report.scales
    .filter((s) => !leftOut.includes(s.name))
    .map((s) => ({ name: s.name, rank: p.meanRanks[s.name] ?? null }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const why = t('resNullPriority');
  return (
    <section class="results-block" aria-labelledby="res-priority-h">
      <h2 id="res-priority-h">{t('resPriority')}</h2>
      <p class="hint">{t('resPriorityHint')}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="res-priority-h">
        <table class="stats compact" data-testid="priority-table">
          <thead>
            <tr>
              <th scope="col">{t('resRank')}</th>
              <th scope="col" class="l">{t('resScale')}</th>
              <th scope="col">{t('resMeanRank')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((r) => (
              <tr key={r.name} data-scale={r.name}>
                <td class="place">{r.rank === null ? '' : ranked.filter((x) => x.rank !== null && x.rank < r.rank!).length + 1}</td>
                <th scope="row">{scaleLabel(r.name)}</th>
                <td data-col="meanRank"><Num v={r.rank} why={why} f={f} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="stat-line" data-testid="kendall">
        <span>{t('resW')} = <Num v={p.W} why={why} f={f} /></span>
        <span>χ² = <Num v={p.chi2} why={why} f={f} /></span>
        <span>df = <Num v={p.df} why={t('resNullTwoScales')} f={f} kind="int" /></span>
        <span>p = <Num v={p.p} why={why} f={f} kind="p" /></span>
        <span>n = {p.n}</span>
      </p>
      {leftOut.length > 0 && <p class="hint">{t('resLeftOut', { scales: leftOut.map(scaleLabel).join(', ') })}</p>}
    </section>
  );
}
