/**
 * The researcher's results for one study version: filters, the scale and item tables, the priority of
 * the scales, a group comparison, the answer charts and the paper's side-by-side tables, printable as
 * a report. Loaded on demand (ResultsRoute.tsx), so none of this is in the first page's JavaScript.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  choiceMatrix,
  defaultProfileField,
  defaultStudyLang,
  likertDistributions,
  ratingMatrix,
  textIn,
  type MatrixOptions,
} from '../../app/results';
import { allItems, localize } from '../../core/instrument/types';
import { useApp } from '../context';
import { href } from '../route';
import { LikertCharts } from './ResultsChart';
import { filtersSummary, ResultsFilters, type Display } from './ResultsFilters';
import { makeFormat } from './ResultsFormat';
import { GroupTable } from './ResultsGroups';
import { RespondentTable } from './ResultsPaper';
import { ItemTable, PriorityTable, ScaleTable } from './ResultsScales';
import { useResults } from './useResults';

export function Results({ studyId, studyVersion }: { studyId: string; studyVersion: string }) {
  const { t, lang } = useApp();
  const r = useResults(studyId, studyVersion);
  const { instrument, filters, filtered, score } = r;
  const [chosen, setDisplay] = useState<Display | null>(null);
  const display: Display | null = chosen ?? (instrument ? { studyLang: defaultStudyLang(instrument, lang), profileField: defaultProfileField(instrument) } : null);
  const f = useMemo(() => makeFormat(lang), [lang]);
  const studyLang = display?.studyLang ?? lang;

  const items = useMemo(() => new Map(instrument ? allItems(instrument).map(({ item }) => [item.name, item]) : []), [instrument]);
  const options: MatrixOptions = {
    lang: studyLang,
    profileField: display?.profileField ?? '',
    otherLabel: t('otherSpecify'),
    quote: (text) => t('resQuote', { text }),
    unscaledLabel: t('resUnscaled'),
  };
  const table3 = useMemo(() => (instrument ? ratingMatrix(instrument, filtered, options) : null), [instrument, filtered, studyLang, options.profileField, lang]);
  const table2 = useMemo(() => (instrument ? choiceMatrix(instrument, filtered, options) : null), [instrument, filtered, studyLang, options.profileField, lang]);
  const charts = useMemo(() => (instrument ? likertDistributions(instrument, filtered, studyLang, options.unscaledLabel) : []), [instrument, filtered, studyLang, lang]);

  if (!r.loaded || !filters) return <p aria-busy="true">{t('resLoading')}</p>;
  if (!instrument || !display) return <p role="alert">{t('resUnknownStudy')}</p>;

  const scaleLabel = (name: string) => textIn(instrument, instrument.scales.find((s) => s.name === name)?.label, studyLang) || name;
  const itemLabel = (name: string) => textIn(instrument, items.get(name)?.label, studyLang) || name;
  const groupItem = filters.groupBy ? items.get(filters.groupBy) : undefined;
  const groupLabel = groupItem ? itemLabel(groupItem.name) : '';
  const levelLabel = (code: string) => {
    const list = groupItem?.choices ? instrument.choiceLists[groupItem.choices] : undefined;
    return textIn(instrument, list?.find((c) => c.name === code)?.label, studyLang) || code;
  };
  const outcome = score.outcome;
  const result = outcome?.ok ? outcome.result : null;
  const hasExamples = filtered.some((x) => x.session.example);

  return (
    <div class="stack results" data-testid="results">
      <div class="results-head">
        <div>
          <h1>{t('results')}</h1>
          <p class="results-study">
            {localize(instrument.title, studyLang)} <span class="muted">· {t('studyVersion')}: {instrument.studyVersion}</span>
          </p>
        </div>
        <div class="row no-print">
          <button class="btn primary" onClick={() => window.print()} data-testid="print">{t('resPrint')}</button>
          <a class="btn" href={href({ name: 'sessions' })}>{t('backToSessions')}</a>
        </div>
      </div>
      <ResultsFilters instrument={instrument} filters={filters} onFilters={r.setFilters} interviewers={r.interviewers} display={display} onDisplay={setDisplay} />
      <p class="print-only">{filtersSummary(filters, t, groupLabel)}</p>
      <p role="status" data-testid="results-count" data-n={filtered.length}>
        {t('resMatching', { n: filtered.length, total: r.all.length })}
        {score.busy && <span class="busy" aria-busy="true"> {t('resBusy')}</span>}
      </p>
      {hasExamples && <p class="notice">{t('exampleNote')}</p>}
      {r.all.length === 0 ? (
        <p class="empty" data-testid="results-empty">{t('resNoSessions')}</p>
      ) : filtered.length === 0 ? (
        <p class="empty" data-testid="results-empty">{t('resEmpty')}</p>
      ) : (
        <div class={score.busy ? 'results-body stale' : 'results-body'}>
          {outcome && !outcome.ok && <p role="alert" class="problems">{t('resError', { error: outcome.error })}</p>}
          {instrument.scales.length === 0 && <p class="hint">{t('resNoScales')}</p>}
          {result && instrument.scales.length > 0 && (
            <>
              <ScaleTable report={result.report} scaleLabel={scaleLabel} itemLabel={itemLabel} f={f} />
              <PriorityTable report={result.report} scaleLabel={scaleLabel} itemLabel={itemLabel} f={f} leftOut={result.priorityLeftOut} />
              {result.report.groups && (
                <GroupTable
                  groups={result.report.groups}
                  report={result.report}
                  sessions={filtered.length}
                  fieldLabel={groupLabel}
                  levelLabel={levelLabel}
                  scaleLabel={scaleLabel}
                  f={f}
                />
              )}
              <ItemTable report={result.report} scaleLabel={scaleLabel} itemLabel={itemLabel} f={f} />
            </>
          )}
          {charts.some((g) => g.items.length > 0) && <LikertCharts groups={charts} />}
          {table3 && table3.groups.length > 0 && <RespondentTable matrix={table3} kind="ratings" />}
          {table2 && table2.groups.length > 0 && <RespondentTable matrix={table2} kind="choices" />}
        </div>
      )}
    </div>
  );
}
