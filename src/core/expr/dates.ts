/**
 * Dates, times and date-times as ODK writes them (ISO 8601: `2024-06-15`, `10:30`, `10:30:00.000+06:00`,
 * `2024-06-15T10:30:00.000+06:00`), read for comparisons and arithmetic on dates (./values.ts) and
 * for the date functions (docs/expressions.md, "Dates and times"), which format them in
 * ./groups/dates.ts, loaded on demand.
 *
 * The core reads no clock and knows no time zone. A date-time is read as written: its date and
 * wall-clock time are those in its text, and its offset (`+06:00`, `Z`, or none, read as UTC) only
 * matters where an instant is asked for (decimal-date-time). Days are counted from 1970-01-01 on
 * the proleptic Gregorian calendar, without leap seconds.
 */

export interface DateTimeParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the text gives none. */
  offset: number | null;
  /** Whether the text had a time (a date alone is midnight). */
  hasTime: boolean;
}

/** Days from 1970-01-01 to the given day (negative before it). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The day `days` after 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface TimeParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: number | null;
}

/** `HH:MM[:SS[.fff]][Z|±HH[:MM]]`, or null when it is not a valid time. */
export function parseTime(text: string): TimeParts | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const millisecond = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset: number | null = null;
  const zone = m[5];
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { hour, minute, second, millisecond, offset };
}

/**
 * A date (`yyyy-m-d`, one or two digits for month and day) or a date-time (`yyyy-mm-ddTHH:MM...`,
 * a space instead of T too), surrounding spaces ignored; null when it is neither or names a day
 * that does not exist (`2023-02-29`).
 */
export function parseDateTime(input: string): DateTimeParts | null {
  const text = input.trim();
  if (text.length > 40) return null;
  const split = text.search(/[T ]/);
  const datePart = split < 0 ? text : text.slice(0, split);
  const m = DATE.exec(datePart);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (split < 0) return { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0, offset: null, hasTime: false };
  const time = parseTime(text.slice(split + 1));
  if (!time) return null;
  return { year, month, day, ...time, hasTime: true };
}

/** The day number of the date as written (the date part of a date-time). */
export function dayNumber(parts: DateTimeParts): number {
  return daysFromCivil(parts.year, parts.month, parts.day);
}
