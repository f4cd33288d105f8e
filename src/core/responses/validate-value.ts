/**
 * Is a stored value of the right shape for its item? Returns a reason, or null when it is.
 * Used by the runner (an answer of the wrong shape blocks progress) and by imports of untrusted data.
 */
import { STORED_NAME_PATTERN } from '../media/ref';
import type { Instrument, Item } from '../instrument/types';
import { validateGeoValue } from './geo-value';
import type { AnswerValue } from './types';

export const OTHER = 'other';

/** The codes an item accepts: choice names (plus "other"), or Likert point values and non-substantive codes. */
export function allowedCodes(instrument: Instrument, item: Item): string[] | null {
  if (item.type === 'select_one' || item.type === 'select_multiple' || item.type === 'rank') {
    const list = item.choices ? instrument.choiceLists[item.choices] : undefined;
    const codes = (list ?? []).map((c) => c.name);
    if (item.other && !codes.includes(OTHER)) codes.push(OTHER);
    return codes;
  }
  if (item.type === 'likert') {
    const scale = item.likert ? instrument.likertScales[item.likert] : undefined;
    if (!scale) return [];
    return [...scale.points.map((p) => String(p.value)), ...(scale.nonSubstantive ?? []).map((c) => c.name)];
  }
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;
/** yyyy-mm-ddTHH:MM, with seconds (and fraction) and a zone (Z, +05:00) if given. */
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

export function isValidDateTime(s: string): boolean {
  const m = DATETIME.exec(s);
  return !!m && isValidDate(m[1]!);
}

/** Whether `value` is a point of the range: within its bounds and on a step from its start. */
export function onRange(range: { start: number; end: number; step: number }, value: number): boolean {
  const lo = Math.min(range.start, range.end);
  const hi = Math.max(range.start, range.end);
  if (value < lo - 1e-9 || value > hi + 1e-9) return false;
  const steps = Math.abs(value - range.start) / range.step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function validateValue(instrument: Instrument, item: Item, value: AnswerValue): string | null {
  if (value === null) return null;
  switch (item.type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'not a whole number';
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'not a number';
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : 'not a date (yyyy-mm-dd)';
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? null : 'not a time (HH:MM)';
    case 'datetime':
      return typeof value === 'string' && isValidDateTime(value) ? null : 'not a date and time (yyyy-mm-ddTHH:MM)';
    case 'range':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a number';
      return !item.range || onRange(item.range, value) ? null : `not a point from ${item.range.start} to ${item.range.end} by ${item.range.step}`;
    case 'rank': {
      if (!Array.isArray(value)) return 'not a list of choices';
      const codes = allowedCodes(instrument, item)!;
      const bad = value.find((v) => !codes.includes(v));
      if (bad !== undefined) return `'${bad}' is not one of ${codes.join(', ')}`;
      return new Set(value).size === value.length ? null : 'a choice is ranked twice';
    }
    case 'select_one':
    case 'likert': {
      if (typeof value !== 'string') return 'not a single choice';
      const codes = allowedCodes(instrument, item)!;
      return codes.includes(value) ? null : `'${value}' is not one of ${codes.join(', ')}`;
    }
    case 'select_multiple': {
      if (!Array.isArray(value)) return 'not a list of choices';
      const codes = allowedCodes(instrument, item)!;
      const bad = value.find((v) => !codes.includes(v));
      if (bad !== undefined) return `'${bad}' is not one of ${codes.join(', ')}`;
      return new Set(value).size === value.length ? null : 'a choice is repeated';
    }
    case 'note':
      return 'a note takes no answer';
    // Version 3, location: ODK's text form (./geo-value.ts).
    case 'geopoint':
    case 'geotrace':
    case 'geoshape':
      return validateGeoValue(item.type, value);
    case 'text':
    case 'longtext':
    case 'acknowledge':
    case 'calculate':
    case 'barcode':
    case 'hidden':
    case 'meta':
      return typeof value === 'string' || typeof value === 'number' ? null : 'not a text';
    // Version 3, media: the value is the stored file name; the reference is checked by the bundle schema.
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
    case 'background-audio':
      return typeof value === 'string' && STORED_NAME_PATTERN.test(value) ? null : 'not a file name';
  }
}
