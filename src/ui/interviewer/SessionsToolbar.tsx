import type { SessionQuery } from '../../app/sessions-view';
import { deviceName } from '../../app/sessions-view';
import { useApp } from '../context';

/** Search, filters and order of the sessions list. */
export function SessionsToolbar(p: {
  query: SessionQuery;
  onChange(q: SessionQuery): void;
  facets: { interviewers: string[]; devices: string[] };
  names: ReadonlyMap<string, string>;
  shown: number;
  total: number;
}) {
  const { t } = useApp();
  const q = p.query;
  const set = (patch: Partial<SessionQuery>) => p.onChange({ ...q, ...patch });
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <div class="toolbar row" role="search" aria-label={t('sessionsFilter')}>
      <label class="field">
        <span class="label small">{t('search')}</span>
        <input type="search" autocomplete="off" value={q.text} onInput={(e) => set({ text: value(e) })} placeholder={t('searchHint')} data-testid="sessions-search" />
      </label>
      <label class="field">
        <span class="label small">{t('status')}</span>
        <select value={q.status} onChange={(e) => set({ status: value(e) as SessionQuery['status'] })} data-testid="filter-status">
          <option value="all">{t('all')}</option>
          <option value="draft">{t('statusDraft')}</option>
          <option value="complete">{t('statusComplete')}</option>
        </select>
      </label>
      {p.facets.interviewers.length > 1 && (
        <label class="field">
          <span class="label small">{t('interviewerCode')}</span>
          <select value={q.interviewer ?? ''} onChange={(e) => set({ interviewer: value(e) || null })} data-testid="filter-interviewer">
            <option value="">{t('all')}</option>
            {p.facets.interviewers.map((i) => (
              <option key={i} value={i}>{i}</option>
            ))}
          </select>
        </label>
      )}
      {p.facets.devices.length > 1 && (
        <label class="field">
          <span class="label small">{t('device')}</span>
          <select value={q.device ?? ''} onChange={(e) => set({ device: value(e) || null })} data-testid="filter-device">
            <option value="">{t('all')}</option>
            {p.facets.devices.map((d) => (
              <option key={d} value={d}>{deviceName(p.names, d)}</option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span class="label small">{t('sortBy')}</span>
        <select value={q.sort} onChange={(e) => set({ sort: value(e) as SessionQuery['sort'] })} data-testid="sessions-sort">
          <option value="newest">{t('sortNewest')}</option>
          <option value="oldest">{t('sortOldest')}</option>
          <option value="respondent">{t('sortRespondent')}</option>
        </select>
      </label>
      <label class="choice">
        <input type="checkbox" checked={q.examples} onChange={(e) => set({ examples: (e.currentTarget as HTMLInputElement).checked })} data-testid="filter-examples-list" />
        <span>{t('showExamples')}</span>
      </label>
      <span class="muted small" role="status" data-testid="sessions-count">{t('sessionsShown', { n: p.shown, total: p.total })}</span>
    </div>
  );
}
