/**
 * Dates, times and date-times as ODK writes them (ISO 8601: `2024-06-15`, `10:30`, `10:30:00.000+06:00`,
 * `2024-06-15T10:30:00.000+06:00`), for the date functions and for arithmetic on dates
 * (docs/expressions.md, "Dates and times").
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

const DAY_MS = 86_400_000;

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

interface TimeParts {
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

/** The instant, in days since 1970-01-01T00:00Z (fractional). A date-time without offset is read as UTC. */
export function instantDays(parts: DateTimeParts): number {
  const ms =
    dayNumber(parts) * DAY_MS +
    ((parts.hour * 60 + parts.minute - (parts.offset ?? 0)) * 60 + parts.second) * 1000 +
    parts.millisecond;
  return ms / DAY_MS;
}

/** The fraction of the day the wall-clock time is (noon is 0.5). */
export function dayFraction(parts: TimeParts): number {
  return (((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + parts.millisecond) / DAY_MS;
}

/** The parts of the UTC instant `days` after 1970-01-01T00:00Z; null when it is not a finite, representable day. */
export function partsFromDays(days: number): DateTimeParts | null {
  if (!Number.isFinite(days) || Math.abs(days) > 3_000_000) return null;
  const ms = Math.round(days * DAY_MS);
  const whole = Math.floor(ms / DAY_MS);
  let rest = ms - whole * DAY_MS;
  const { year, month, day } = civilFromDays(whole);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000, offset: 0, hasTime: true };
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

/** `yyyy-mm-dd`. */
export function formatDate(parts: { year: number; month: number; day: number }): string {
  return `${parts.year < 0 ? '-' : ''}${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** `yyyy-mm-ddTHH:MM:SS.sss±HH:MM` (or `Z`), as ODK writes a date-time. */
export function formatDateTime(parts: DateTimeParts): string {
  const offset = parts.offset ?? 0;
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
  return `${formatDate(parts)}T${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)}.${pad(parts.millisecond, 3)}${zone}`;
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(parts: DateTimeParts): number {
  return (((dayNumber(parts) + 4) % 7) + 7) % 7;
}

export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** What %b and %a print: a month (1..12) and a weekday (0 = Sunday) in the form's language. */
export interface DateNames {
  month(month: number): string;
  weekday(day: number): string;
}

export const ENGLISH_NAMES: DateNames = {
  month: (m) => MONTHS_EN[m - 1] ?? '',
  weekday: (d) => WEEKDAYS_EN[d] ?? '',
};

const ESCAPES = 'YymnbdeHhMS3a%';

/** The first `%x` of `format` that format-date() does not know (`%q`, or `%` at the end), or null. */
export function badFormatEscape(format: string): string | null {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const c = format[i + 1];
    if (c === undefined || !ESCAPES.includes(c)) return `%${c ?? ''}`;
    i++;
  }
  return null;
}

/** format-date's patterns (ODK XForms spec): %Y %y %m %n %b %d %e %H %h %M %S %3 %a, and %% for %. */
export function formatPattern(parts: DateTimeParts, format: string, names: DateNames): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const e = format[++i];
    switch (e) {
      case 'Y':
        out += `${parts.year < 0 ? '-' : ''}${pad(parts.year, 4)}`;
        break;
      case 'y':
        out += pad(parts.year, 4).slice(-2);
        break;
      case 'm':
        out += pad(parts.month, 2);
        break;
      case 'n':
        out += String(parts.month);
        break;
      case 'b':
        out += names.month(parts.month);
        break;
      case 'd':
        out += pad(parts.day, 2);
        break;
      case 'e':
        out += String(parts.day);
        break;
      case 'H':
        out += pad(parts.hour, 2);
        break;
      case 'h':
        out += String(parts.hour);
        break;
      case 'M':
        out += pad(parts.minute, 2);
        break;
      case 'S':
        out += pad(parts.second, 2);
        break;
      case '3':
        out += pad(parts.millisecond, 3);
        break;
      case 'a':
        out += names.weekday(weekday(parts));
        break;
      case '%':
        out += '%';
        break;
      default:
        // badFormatEscape is checked first; an unknown escape is kept as written.
        out += `%${e ?? ''}`;
    }
  }
  return out;
}
