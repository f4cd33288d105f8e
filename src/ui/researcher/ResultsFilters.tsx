/** The results' filters (which sessions count) and display choices (study language, column headings). */
import type { Instrument } from '../../core/instrument/types';
import { groupFields, profileFields, textIn, type ResultsFilters as Filters } from '../../app/results';
import { useApp } from '../context';

export interface Display {
  studyLang: string;
  profileField: string;
}

interface Props {
  instrument: Instrument;
  filters: Filters;
  onFilters(f: Filters): void;
  interviewers: string[];
  display: Display;
  onDisplay(d: Display): void;
}

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
const checked = (e: Event) => (e.currentTarget as HTMLInputElement).checked;

export function ResultsFilters({ instrument, filters, onFilters, interviewers, display, onDisplay }: Props) {
  const { t } = useApp();
  const set = (patch: Partial<Filters>) => onFilters({ ...filters, ...patch });
  const label = (name: string, text: ReturnType<typeof textIn>) => (text ? `${text} (${name})` : name);
  return (
    <div class="results-controls no-print">
      <fieldset class="filters">
        <legend>{t('resFilters')}</legend>
        <label class="field">
          <span class="label">{t('resFrom')}</span>
          <input type="date" value={filters.from} max={filters.to || undefined} onInput={(e) => set({ from: value(e) })} data-testid="filter-from" />
        </label>
        <label class="field">
          <span class="label">{t('resTo')}</span>
          <input type="date" value={filters.to} min={filters.from || undefined} onInput={(e) => set({ to: value(e) })} data-testid="filter-to" />
        </label>
        <label class="field">
          <span class="label">{t('interviewerCode')}</span>
          <select value={filters.interviewer} onChange={(e) => set({ interviewer: value(e) })} data-testid="filter-interviewer">
            <option value="">{t('resAllInterviewers')}</option>
            {interviewers.map((i) => (
              <option key={i} value={i}>{i}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">{t('resGroupBy')}</span>
          <select value={filters.groupBy} onChange={(e) => set({ groupBy: value(e) })} data-testid="group-by">
            <option value="">{t('resNoGroups')}</option>
            {groupFields(instrument).map((i) => (
              <option key={i.name} value={i.name}>{label(i.name, textIn(instrument, i.label, display.studyLang))}</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.completeOnly} onChange={(e) => set({ completeOnly: checked(e) })} data-testid="filter-complete" />
          <span>{t('resCompleteOnly')}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={filters.includeExamples} onChange={(e) => set({ includeExamples: checked(e) })} data-testid="filter-examples" />
          <span>{t('resIncludeExamples')}</span>
        </label>
      </fieldset>
      <fieldset class="filters">
        <legend>{t('resDisplay')}</legend>
        <label class="field">
          <span class="label">{t('resStudyLang')}</span>
          <select value={display.studyLang} onChange={(e) => onDisplay({ ...display, studyLang: value(e) })} data-testid="study-lang">
            {instrument.languages.map((l) => (
              <option key={l} value={l}>{instrument.languageNames?.[l] ?? l}</option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="label">{t('resColumnsBy')}</span>
          <select value={display.profileField} onChange={(e) => onDisplay({ ...display, profileField: value(e) })} data-testid="profile-field">
            <option value="">{t('resCodeOnly')}</option>
            {profileFields(instrument).map((i) => (
              <option key={i.name} value={i.name}>{label(i.name, textIn(instrument, i.label, display.studyLang))}</option>
            ))}
          </select>
        </label>
      </fieldset>
    </div>
  );
}

/** The filters in one line, for the printed report (where the controls are hidden). */
export function filtersSummary(filters: Filters, t: ReturnType<typeof useApp>['t'], groupLabel: string): string {
  const parts: string[] = [];
  if (filters.completeOnly) parts.push(t('resCompleteOnly'));
  parts.push(filters.includeExamples ? t('resIncludeExamples') : t('resExcludeExamples'));
  if (filters.from) parts.push(`${t('resFrom')} ${filters.from}`);
  if (filters.to) parts.push(`${t('resTo')} ${filters.to}`);
  if (filters.interviewer) parts.push(`${t('interviewerCode')}: ${filters.interviewer}`);
  if (filters.groupBy) parts.push(`${t('resGroupBy')}: ${groupLabel}`);
  return t('resSummary', { list: parts.join(' · ') });
}
