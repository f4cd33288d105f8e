/**
 * Paradata of an interview (docs/paradata.md): what happened while it was run, apart from the
 * answers. Events are `ParadataEvent`s (src/core/bundle/types.ts) and travel in bundles' `paradata`;
 * the merge keeps every distinct event (the same event twice is one), so nothing recorded is lost.
 *
 * Events Dala records:
 * - `form start` (the session was created, after consent), `form finalize` (it was completed);
 * - `question`: a question was visited (it had the focus) from `data.start` to `data.end` (ISO times);
 * - `change`: an answer, its "Other" text or its note changed: `data.field` ('value', 'other',
 *   'note'), `data.old` and `data.new` as text (a multiple choice's codes separated by spaces, as
 *   ODK writes them; '' for none). One event per durable write, so a value changed twice is two events.
 *
 * `questionTimes` gives per question the visits and the time spent; `auditRows` the audit log in
 * ODK Collect's audit CSV layout (`event, node, start, end, old-value, new-value`, times in
 * milliseconds since 1970), with `instanceID` first when several responses share one file (as ODK
 * Central's export does).
 */
import type { ParadataEvent } from '../bundle/types';
import type { AnswerValue } from './types';
import type { Cell } from '../csv/write';
import { odkNodePath, type InstanceNumbers } from './instance-numbers';

export const AUDIT_HEADER = ['event', 'node', 'start', 'end', 'old-value', 'new-value'] as const;

/** An answer's value as audit text: codes separated by spaces, '' for none. */
export function auditText(value: AnswerValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

export type ChangedField = 'value' | 'other' | 'note';

/** The change events of one write: one per field whose text differs (none when nothing changed). */
export function changeEvents(
  responseId: string,
  at: string,
  item: string,
  before: { value?: AnswerValue; other?: string; note?: string } | undefined,
  after: { value: AnswerValue; other?: string; note?: string },
): ParadataEvent[] {
  const out: ParadataEvent[] = [];
  const fields: [ChangedField, string, string][] = [
    ['value', auditText(before?.value), auditText(after.value)],
    ['other', before?.other ?? '', after.other ?? ''],
    ['note', before?.note ?? '', after.note ?? ''],
  ];
  for (const [field, old, now] of fields) {
    if (old === now) continue;
    out.push({ responseId, at, event: 'change', item, data: { field, old, new: now } });
  }
  return out;
}

export interface QuestionTime {
  item: string;
  visits: number;
  /** Milliseconds spent on the question over all visits. */
  ms: number;
}

/** Per question: how often it was visited and how long it had the focus, in the order first visited. */
export function questionTimes(events: readonly ParadataEvent[], responseId: string): QuestionTime[] {
  const by = new Map<string, QuestionTime>();
  for (const e of sorted(events.filter((x) => x.responseId === responseId && x.event === 'question' && x.item))) {
    const start = Date.parse(String(e.data?.start ?? e.at));
    const end = Date.parse(String(e.data?.end ?? e.at));
    const t = by.get(e.item!) ?? { item: e.item!, visits: 0, ms: 0 };
    t.visits += 1;
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) t.ms += end - start;
    by.set(e.item!, t);
  }
  return [...by.values()];
}

/** Events in the order they happened: by time, then as recorded (a stable sort). */
export function sorted(events: readonly ParadataEvent[]): ParadataEvent[] {
  const startOf = (e: ParadataEvent) => String(e.event === 'question' && e.data?.start ? e.data.start : e.at);
  return events
    .map((e, i) => ({ e, i, t: startOf(e) }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
    .map((x) => x.e);
}

const ms = (iso: unknown): Cell => {
  const t = Date.parse(String(iso));
  return Number.isFinite(t) ? t : null;
};

/**
 * The audit log in ODK's layout. A change is a `question` row whose start and end are the moment of
 * the change, with its old and new value (ODK's "track changes"); a change of the note or the "Other"
 * text names its node `/data/ITEM/note` or `/data/ITEM/other`. `withInstance` adds the response id first.
 * A question in a repeat instance is named by the instance's position, as ODK writes it
 * (`/data/member[2]/age`), when `instances` gives the response's numbering (./instance-numbers.ts);
 * without it, or for an instance removed since, by its id (`/data/member[k3f9]/age`).
 */
export function auditRows(
  events: readonly ParadataEvent[],
  options: { withInstance?: boolean; instances?: (responseId: string) => InstanceNumbers | undefined } = {},
): { header: string[]; rows: Cell[][] } {
  const header = options.withInstance ? ['instanceID', ...AUDIT_HEADER] : [...AUDIT_HEADER];
  const rows: Cell[][] = [];
  const numbering = new Map<string, InstanceNumbers | undefined>();
  const numbersOf = (responseId: string) => {
    if (!options.instances) return undefined;
    if (!numbering.has(responseId)) numbering.set(responseId, options.instances(responseId));
    return numbering.get(responseId);
  };
  for (const e of sorted(events)) {
    const node = e.item ? odkNodePath(e.item, e.item.includes('[') ? numbersOf(e.responseId) : undefined) : null;
    let row: Cell[];
    if (e.event === 'change') {
      const field = e.data?.field;
      const path = node && (field === 'note' || field === 'other') ? `${node}/${field}` : node;
      row = ['question', path, ms(e.at), ms(e.at), String(e.data?.old ?? ''), String(e.data?.new ?? '')];
    } else if (e.event === 'question') {
      row = ['question', node, ms(e.data?.start ?? e.at), ms(e.data?.end ?? e.at), null, null];
    } else {
      row = [e.event, node, ms(e.at), null, null, null];
    }
    rows.push(options.withInstance ? [`uuid:${e.responseId}`, ...row] : row);
  }
  return { header, rows };
}

/**
 * Whether sessions of a study keep the audit log: always for Dala's own studies; for a study opened
 * from an XLSForm only when the form asks for it with the `audit` metadata row (as ODK Collect does).
 */
export function recordsAudit(instrument: { sections: readonly { items: readonly { type: string }[] }[] }, fromXlsForm: boolean): boolean {
  if (!fromXlsForm) return true;
  return instrument.sections.some((s) => s.items.some((i) => i.type === 'audit'));
}
