/**
 * The 'dates' function group (./catalog.ts): date(), date-time(), decimal-date-time(), decimal-time(),
 * format-date() and format-date-time(), loaded on demand (../library.ts). Dates are read by
 * ../dates.ts, which the basic functions share (comparing dates, number() of a date); this module
 * formats them and turns them into numbers.
 */
import type { EvalContext } from '../api';
import type { Expr, Value } from '../ast';
import { civilFromDays, dayNumber, parseDateTime, parseTime, type DateTimeParts, type TimeParts } from '../dates';
import { ExpressionError } from '../error';
import { capped, text, type Args, type Call, type FunctionDef, type FunctionGroupModule } from '../functions';
import { isNumberText, toNumber, toText } from '../values';

const DAY_MS = 86_400_000;

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

/** A date, a date-time or a day number as date parts (a number is UTC); null when it is none of these. */
function dateParts(v: Value, withTime: boolean): DateTimeParts | null {
  if (typeof v === 'number' || (typeof v === 'string' && isNumberText(v))) {
    const days = toNumber(v);
    return partsFromDays(withTime ? days : Math.trunc(days));
  }
  if (typeof v !== 'string') return null;
  const parts = parseDateTime(v);
  if (parts || !withTime) return parts;
  const time = parseTime(v.trim());
  return time ? { year: 1970, month: 1, day: 1, ...time, hasTime: true } : null;
}

/** %b and %a in the context's language (English when none, or when the runtime does not know it). */
function dateNames(language: string | undefined): DateNames {
  if (!language || /^en\b/i.test(language)) return ENGLISH_NAMES;
  try {
    const month = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
    // 2001-01-07 was a Sunday.
    return { month: (m) => month.format(Date.UTC(2001, m - 1, 1)), weekday: (d) => day.format(Date.UTC(2001, 0, 7 + d)) };
  } catch {
    return ENGLISH_NAMES;
  }
}

function formatDateCall(a: Args, ctx: EvalContext, node: Call): string {
  const format = text(a, 1);
  const bad = badFormatEscape(format);
  if (bad !== null) throw new ExpressionError(`unknown ${node.name}() pattern '${bad}'`, node.args[1]?.pos ?? node.pos, '');
  const parts = dateParts(a.value(0), true);
  return parts ? capped(formatPattern(parts, format, dateNames(ctx.language)), node) : '';
}

/** A format written in quotes, checked when the expression is parsed. */
function checkFormat(args: readonly Expr[], node: { name: string }, source: string): void {
  const format = args[1];
  const bad = format?.kind === 'string' ? badFormatEscape(format.value) : null;
  if (bad !== null) {
    throw new ExpressionError(`unknown ${node.name}() pattern '${bad}' (use %Y %y %m %n %b %d %e %H %h %M %S %3 %a, and %% for %)`, format!.pos, source);
  }
}

export const DATES: FunctionGroupModule = {
  group: 'dates',
  functions: new Map<string, FunctionDef>([
    [
      'date',
      {
        signature: 'date(x)',
        call: (a) => {
          const parts = dateParts(a.value(0), false);
          return parts ? formatDate(parts) : '';
        },
      },
    ],
    [
      'date-time',
      {
        signature: 'date-time(x)',
        call: (a) => {
          const parts = dateParts(a.value(0), true);
          if (!parts) return '';
          return parts.hasTime ? formatDateTime(parts) : formatDate(parts);
        },
      },
    ],
    [
      'decimal-date-time',
      {
        signature: 'decimal-date-time(date-time)',
        call: (a) => {
          const v = a.value(0);
          if (typeof v === 'number') return v;
          const parts = typeof v === 'string' ? parseDateTime(v) : null;
          return parts ? instantDays(parts) : NaN;
        },
      },
    ],
    [
      'decimal-time',
      {
        signature: 'decimal-time(time)',
        call: (a) => {
          const v = a.value(0);
          if (typeof v === 'number') return v - Math.floor(v);
          const s = toText(v).trim();
          const parts = parseTime(s) ?? parseDateTime(s);
          return parts ? dayFraction(parts) : NaN;
        },
      },
    ],
    ['format-date', { signature: 'format-date(date, format)', call: formatDateCall, check: checkFormat }],
    ['format-date-time', { signature: 'format-date-time(date-time, format)', call: formatDateCall, check: checkFormat }],
  ]),
};
