/**
 * The researcher's results view, as pure functions the screens render: which sessions the filters
 * keep, the paper's own layouts (Table 3: Likert ratings by respondent; Table 2: the choice questions
 * by respondent), the answer distributions of the Likert items and the geometry of their diverging
 * bars. No DOM, no clock: dates are compared as local calendar days (`localDay`), passed in for tests.
 * The statistics themselves are the core's (`scoreForResults`, docs/scoring.md).
 */
import { allItems, localize, type Instrument, type Item, type LocalizedText } from '../core/instrument/types';
import type { AnswerValue } from '../core/responses/types';
import type { SessionRecord } from '../adapters/storage-idb/records';

export { scoreForResults, type ResultsScore, type ScoreRequest } from '../workers/score';

/** Above this many responses the scores are computed in a Web Worker, below on the main thread. */
export const WORKER_THRESHOLD = 2000;
/** Table 2 and Table 3 show at most this many respondents side by side. */
export const MAX_COLUMNS = 50;
/** The code an "Other (specify)" answer is stored as. */
export const OTHER_CODE = 'other';

/** What the results read of a session (StudyResponse of dala.ts has all of it). */
export interface ResultsResponse {
  id: string;
  session: Pick<SessionRecord, 'respondentCode' | 'interviewer' | 'status' | 'createdAt' | 'example'>;
  answers: Record<string, AnswerValue>;
  other: Record<string, string>;
  /** The interviewer's notes by item: shown beside the answers. */
  notes?: Record<string, string>;
}

export interface ResultsFilters {
  /** A select_one item to compare groups by; '' for none. */
  groupBy: string;
  /** Local calendar days, yyyy-mm-dd, inclusive; '' leaves that end open. */
  from: string;
  to: string;
  /** '' for every interviewer. */
  interviewer: string;
  includeExamples: boolean;
  completeOnly: boolean;
}

/** Complete sessions, any date, any interviewer; examples included only when they are all there is. */
export function defaultFilters(responses: readonly ResultsResponse[]): ResultsFilters {
  const onlyExamples = responses.length > 0 && responses.every((r) => r.session.example === true);
  return { groupBy: '', from: '', to: '', interviewer: '', includeExamples: onlyExamples, completeOnly: true };
}

/** The local calendar day (yyyy-mm-dd) of an ISO time: the day the interviewer saw on the device. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function filterResponses<R extends ResultsResponse>(
  responses: readonly R[],
  f: ResultsFilters,
  dayOf: (iso: string) => string = localDay,
): R[] {
  return responses.filter((r) => {
    const s = r.session;
    if (f.completeOnly && s.status !== 'complete') return false;
    if (!f.includeExamples && s.example) return false;
    if (f.interviewer && s.interviewer !== f.interviewer) return false;
    if (f.from || f.to) {
      const day = dayOf(s.createdAt);
      if (f.from && day < f.from) return false;
      if (f.to && day > f.to) return false;
    }
    return true;
  });
}

export function interviewersOf(responses: readonly ResultsResponse[]): string[] {
  return [...new Set(responses.map((r) => r.session.interviewer))].sort((a, b) => a.localeCompare(b));
}

/** Respondents in code order, numbers in codes compared as numbers (R2 before R10). */
export function byRespondentCode<R extends ResultsResponse>(responses: readonly R[]): R[] {
  return [...responses].sort((a, b) => a.session.respondentCode.localeCompare(b.session.respondentCode, 'en', { numeric: true }) || a.id.localeCompare(b.id));
}

/** Single-choice items: what groups can be compared by. */
export function groupFields(instrument: Instrument): Item[] {
  return allItems(instrument).map((x) => x.item).filter((i) => i.type === 'select_one');
}

/** Items that can head a respondent's column: single choices and short texts. */
export function profileFields(instrument: Instrument): Item[] {
  return allItems(instrument).map((x) => x.item).filter((i) => i.type === 'select_one' || i.type === 'text');
}

/** `role` when the study has such a field, else the first profile field, else ''. */
export function defaultProfileField(instrument: Instrument): string {
  const fields = profileFields(instrument);
  return (fields.find((i) => i.name === 'role') ?? fields[0])?.name ?? '';
}

/** The study language to show: the app's when the study has it, else the study's first. */
export function defaultStudyLang(instrument: Instrument, appLang: string): string {
  return instrument.languages.includes(appLang) ? appLang : (instrument.languages[0] ?? appLang);
}

/** Text in `lang`, falling back to the study's first language. */
export function textIn(instrument: Instrument, text: LocalizedText | undefined, lang: string): string {
  return localize(text, lang, instrument.languages[0] ?? 'en');
}

// ------------------------------------------------------------------------------------------------
// The paper's layouts: rows are questions, columns respondents

export interface RespondentColumn {
  id: string;
  code: string;
  /** The profile field's answer (a choice's label, or the text); '' when unanswered. */
  detail: string;
}

export interface MatrixCell {
  /** What the cell shows: a rating ("5", "dk"), choice codes ("A, B, other “…”"); '' unanswered. */
  text: string;
  /** The labels behind the codes, for a tooltip; '' when none. */
  title: string;
  /** The interviewer's note on this answer, shown under it. */
  note?: string;
}

export interface MatrixRow {
  item: string;
  label: string;
  reversed: boolean;
  /** Table 2: the question's options ("A" → label), as the paper lists them under the question. */
  options: { code: string; label: string }[];
  cells: MatrixCell[];
}

export interface MatrixGroup {
  /** A scale's or a section's name ('' for Likert items outside every scale). */
  name: string;
  label: string;
  rows: MatrixRow[];
}

export interface RespondentMatrix {
  columns: RespondentColumn[];
  groups: MatrixGroup[];
  /** Respondents in the data; `columns` holds at most MAX_COLUMNS of them. */
  total: number;
}

export interface MatrixOptions {
  lang: string;
  /** Column heading field (see `profileFields`); '' for codes only. */
  profileField: string;
  /** Label of "Other (specify)". */
  otherLabel: string;
  /** Quotes an "Other" text, in the app's language ("“…”", "«…»"). */
  quote: (text: string) => string;
  /** Group label for Likert items in no scale. */
  unscaledLabel: string;
  limit?: number;
}

function itemIndex(instrument: Instrument): Map<string, Item> {
  return new Map(allItems(instrument).map(({ item }) => [item.name, item]));
}

function choiceOptions(instrument: Instrument, item: Item, o: MatrixOptions): { code: string; label: string }[] {
  const list = (item.choices && instrument.choiceLists[item.choices]) || [];
  const out = list.map((c) => ({ code: c.name, label: textIn(instrument, c.label, o.lang) }));
  if (item.other && !out.some((c) => c.code === OTHER_CODE)) out.push({ code: OTHER_CODE, label: o.otherLabel });
  return out;
}

export function respondentColumns(instrument: Instrument, responses: readonly ResultsResponse[], o: MatrixOptions): RespondentColumn[] {
  const field = o.profileField ? itemIndex(instrument).get(o.profileField) : undefined;
  const options = field?.type === 'select_one' ? choiceOptions(instrument, field, o) : [];
  return byRespondentCode(responses)
    .slice(0, o.limit ?? MAX_COLUMNS)
    .map((r) => {
      const v = field ? r.answers[field.name] : null;
      let detail = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      if (field?.type === 'select_one' && typeof v === 'string') {
        detail = v === OTHER_CODE && r.other[field.name] ? r.other[field.name]! : (options.find((c) => c.code === v)?.label ?? v);
      }
      return { id: r.id, code: r.session.respondentCode, detail };
    });
}

/** Table 3: every Likert item, grouped by scale (items in no scale last), a rating per respondent. */
export function ratingMatrix(instrument: Instrument, responses: readonly ResultsResponse[], o: MatrixOptions): RespondentMatrix {
  const items = itemIndex(instrument);
  const shown = byRespondentCode(responses).slice(0, o.limit ?? MAX_COLUMNS);
  const row = (item: Item, reversed: boolean): MatrixRow => {
    const likert = item.likert ? instrument.likertScales[item.likert] : undefined;
    const titleOf = (code: string) => {
      const point = likert?.points.find((p) => String(p.value) === code);
      const ns = likert?.nonSubstantive?.find((c) => c.name === code);
      return point ? textIn(instrument, point.label, o.lang) : ns ? textIn(instrument, ns.label, o.lang) : '';
    };
    const cells = shown.map((r) => {
      const v = r.answers[item.name];
      if (v === null || v === undefined || Array.isArray(v)) return { text: '', title: '' };
      const code = String(v);
      return { text: code, title: titleOf(code) };
    });
    return { item: item.name, label: textIn(instrument, item.label, o.lang), reversed, options: [], cells };
  };
  const groups: MatrixGroup[] = [];
  const scaled = new Set<string>();
  for (const scale of instrument.scales) {
    const rows: MatrixRow[] = [];
    for (const name of scale.items) {
      const item = items.get(name);
      if (!item) continue;
      scaled.add(name);
      rows.push(row(item, scale.reversed.includes(name)));
    }
    groups.push({ name: scale.name, label: textIn(instrument, scale.label, o.lang), rows });
  }
  const rest = [...items.values()].filter((i) => i.type === 'likert' && !scaled.has(i.name));
  if (rest.length > 0) groups.push({ name: '', label: o.unscaledLabel, rows: rest.map((i) => row(i, false)) });
  return { columns: respondentColumns(instrument, responses, o), groups, total: responses.length };
}

/** Table 2: the single- and multiple-choice questions by section, the codes each respondent chose. */
export function choiceMatrix(instrument: Instrument, responses: readonly ResultsResponse[], o: MatrixOptions): RespondentMatrix {
  const shown = byRespondentCode(responses).slice(0, o.limit ?? MAX_COLUMNS);
  const groups: MatrixGroup[] = [];
  for (const section of instrument.sections) {
    const rows: MatrixRow[] = [];
    for (const item of section.items) {
      if (item.type !== 'select_one' && item.type !== 'select_multiple') continue;
      const options = choiceOptions(instrument, item, o);
      const cells = shown.map((r) => {
        const v = r.answers[item.name];
        const codes = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
        const note = r.notes?.[item.name];
        const withNote = (cell: MatrixCell): MatrixCell => (note ? { ...cell, note } : cell);
        if (codes.length === 0) return withNote({ text: '', title: '' });
        const other = codes.includes(OTHER_CODE) ? r.other[item.name] : undefined;
        const text = codes.join(', ') + (other ? ` ${o.quote(other)}` : '');
        const title = codes.map((c) => `${c}: ${options.find((x) => x.code === c)?.label ?? c}`).join('; ');
        return withNote({ text, title });
      });
      rows.push({ item: item.name, label: textIn(instrument, item.label, o.lang), reversed: false, options, cells });
    }
    if (rows.length > 0) groups.push({ name: section.name, label: textIn(instrument, section.label, o.lang), rows });
  }
  return { columns: respondentColumns(instrument, responses, o), groups, total: responses.length };
}

// ------------------------------------------------------------------------------------------------
// Answer distributions of the Likert items and their diverging bars

export interface LikertDistribution {
  item: string;
  label: string;
  reversed: boolean;
  /** The Likert scale's points in order, with how many answered each. */
  points: { value: number; label: string; count: number }[];
  /** Non-substantive answers ("dk"), counted apart. */
  nonSubstantive: { code: string; label: string; count: number }[];
  /** Answers on a point: the percentages' base. */
  n: number;
}

export interface DistributionGroup {
  name: string;
  label: string;
  items: LikertDistribution[];
}

function distribution(instrument: Instrument, item: Item, reversed: boolean, responses: readonly ResultsResponse[], lang: string): LikertDistribution {
  const likert = item.likert ? instrument.likertScales[item.likert] : undefined;
  const points = (likert?.points ?? []).map((p) => ({ value: p.value, label: textIn(instrument, p.label, lang), count: 0 }));
  const nonSubstantive = (likert?.nonSubstantive ?? []).map((c) => ({ code: c.name, label: textIn(instrument, c.label, lang), count: 0 }));
  let n = 0;
  for (const r of responses) {
    const v = r.answers[item.name];
    if (v === null || v === undefined || Array.isArray(v)) continue;
    const ns = typeof v === 'string' ? nonSubstantive.find((c) => c.code === v) : undefined;
    if (ns) {
      ns.count++;
      continue;
    }
    const num = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
    const point = points.find((p) => p.value === num);
    if (point) {
      point.count++;
      n++;
    }
  }
  return { item: item.name, label: textIn(instrument, item.label, lang), reversed, points, nonSubstantive, n };
}

/** The Likert items' answers, grouped as Table 3 is. */
export function likertDistributions(instrument: Instrument, responses: readonly ResultsResponse[], lang: string, unscaledLabel: string): DistributionGroup[] {
  const items = itemIndex(instrument);
  const scaled = new Set<string>();
  const groups: DistributionGroup[] = [];
  for (const scale of instrument.scales) {
    const list: LikertDistribution[] = [];
    for (const name of scale.items) {
      const item = items.get(name);
      if (!item) continue;
      scaled.add(name);
      list.push(distribution(instrument, item, scale.reversed.includes(name), responses, lang));
    }
    groups.push({ name: scale.name, label: textIn(instrument, scale.label, lang), items: list });
  }
  const rest = [...items.values()].filter((i) => i.type === 'likert' && !scaled.has(i.name));
  if (rest.length > 0) groups.push({ name: '', label: unscaledLabel, items: rest.map((i) => distribution(instrument, i, false, responses, lang)) });
  return groups;
}

export interface Segment {
  /** Index of the point (0 = the lowest). */
  index: number;
  /** Where the segment starts and ends, as shares of all answers: 0 is the centre line, negative left. */
  start: number;
  end: number;
  share: number;
  side: 'negative' | 'neutral' | 'positive';
  /** Distance from the middle of the scale, 0 (neutral) to 1 (an end point): how dark to draw it. */
  strength: number;
}

export interface DivergingBar {
  segments: Segment[];
  /** Share left and right of the centre line. */
  left: number;
  right: number;
  total: number;
}

/**
 * A diverging stacked bar from the counts of a scale's points, lowest first: the lower half of the
 * points left of the centre line, the upper half right, a middle point (odd number of points) split
 * across it. Points with no answers get no segment.
 */
export function divergingBar(counts: readonly number[]): DivergingBar {
  const k = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || k === 0) return { segments: [], left: 0, right: 0, total };
  const mid = (k - 1) / 2;
  const shares = counts.map((c) => c / total);
  let left = 0;
  for (let i = 0; i < k; i++) {
    if (i < mid) left += shares[i]!;
    else if (i === mid) left += shares[i]! / 2;
  }
  const segments: Segment[] = [];
  let at = -left;
  for (let i = 0; i < k; i++) {
    const share = shares[i]!;
    const start = at;
    at += share;
    if (share === 0) continue;
    const side = i < mid ? 'negative' : i > mid ? 'positive' : 'neutral';
    segments.push({ index: i, start, end: at, share, side, strength: mid === 0 ? 1 : Math.abs(i - mid) / mid });
  }
  return { segments, left, right: 1 - left, total };
}

/** The extent every bar of a chart shares, so their centre lines align: the widest left and right. */
export function chartDomain(bars: readonly DivergingBar[]): { left: number; right: number } {
  let left = 0;
  let right = 0;
  for (const b of bars) {
    if (b.total === 0) continue;
    left = Math.max(left, b.left);
    right = Math.max(right, b.right);
  }
  return left + right === 0 ? { left: 0.5, right: 0.5 } : { left, right };
}

/** Whole percentages of a share (0.375 → 38). */
export function percent(share: number): number {
  return Math.round(share * 100);
}
