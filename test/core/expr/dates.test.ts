import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../../src/core/expr/dates';
import { calculate, evalError, holds, value, valueWith } from './helpers';

/**
 * Dates as ODK reads them: a date or date-time text is a number of days since 1970-01-01 (the ODK
 * spec's number()), date() and date-time() turn numbers back into dates, format-date() writes them
 * with the spec's patterns. The core has no time zone: a date-time is read as written.
 */
describe('days since 1970-01-01', () => {
  it('the calendar arithmetic is right for every day of 1600-2400', () => {
    for (let days = daysFromCivil(1600, 1, 1); days <= daysFromCivil(2400, 12, 31); days += 1) {
      const { year, month, day } = civilFromDays(days);
      if (daysFromCivil(year, month, day) !== days) throw new Error(`day ${days}`);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2); // 2000 is a leap year
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1); // 1900 is not
  });

  it.each([
    ["number('1970-01-01')", 0],
    ["number('1970-01-02')", 1],
    ["number('1969-12-31')", -1],
    ["number('2008-09-05')", 14127],
    ["number('1941-12-07')", -10252],
    ["number('1970-01-01T00:00:00Z')", 0],
    ["number('2026-08-27T08:27:00.000+07:00')", 20692],
    ["number('2026-10-28T19:23:00.000+07:00')", 20754],
    ["number('2023-02-29')", NaN],
    ["number('2024-13-01')", NaN],
  ])('%s is %d (a date-time counts the day it is written on)', (source, days) => {
    if (Number.isNaN(days)) expect(value(source)).toBeNaN();
    else expect(value(source)).toBe(days);
  });

  it('dates take part in arithmetic and comparisons, as in ODK', () => {
    expect(value('"2021-11-30" - "2021-11-29"')).toBe(1);
    expect(value("date('2018-01-01' + 1)")).toBe('2018-01-02');
    expect(holds("10 + date('2012-07-24') = date('2012-08-03')")).toBe(true);
    expect(holds("date('2100-01-02') > 1")).toBe(true);
    expect(holds("date('1970-01-02') < 3")).toBe(true);
    expect(holds('"string" != date("1999-09-09")')).toBe(true);
  });

  it("a respondent's age in whole years, as forms compute it", () => {
    expect(calculate('int((today() - ${dob}) div 365.25)', { dob: '1990-06-16' })).toBe(33);
    expect(calculate('int((today() - ${dob}) div 365.25)', { dob: '1990-06-14' })).toBe(34);
    expect(calculate('int((today() - ${dob}) div 365.25)', { dob: null })).toBeNull();
  });

  it('a constraint that a date lies 10 to 50 years before another (a real form)', () => {
    const constraint = '. <= date(date(${registration_date}) - 10*365.25) and . >= date(date(${registration_date}) - 50*365.25)';
    expect(holds(constraint, { registration_date: '2024-06-15' }, '1990-01-01')).toBe(true);
    expect(holds(constraint, { registration_date: '2024-06-15' }, '2020-01-01')).toBe(false);
    expect(holds(constraint, { registration_date: '2024-06-15' }, '1960-01-01')).toBe(false);
  });
});

describe('date() and date-time()', () => {
  it.each([
    ['date("2018-01-01")', '2018-01-01'],
    ['date("1970-1-2")', '1970-01-02'],
    ['date(0)', '1970-01-01'],
    ['date(1.5)', '1970-01-02'],
    ['date(-1)', '1969-12-31'],
    ['date(14127)', '2008-09-05'],
    ['date(-10252)', '1941-12-07'],
    ['date("2018-06-25T23:30:00.000+06:00")', '2018-06-25'],
    ["date('')", ''],
    ["date('nonsense')", ''],
    ['date(true())', ''],
    ["date(number('x'))", ''],
    ['date(1 div 0)', ''],
    ['date(99999999999)', ''],
    ['date-time(0)', '1970-01-01T00:00:00.000Z'],
    ['date-time(1.5)', '1970-01-02T12:00:00.000Z'],
    ["date-time('1970-01-01')", '1970-01-01'],
    ["date-time('1970-01-01T21:50:49+06:00')", '1970-01-01T21:50:49.000+06:00'],
    ["date-time('nonsense')", ''],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it('date(0) and date("1970-01-01T00:00:00.000Z") are the same day', () => {
    expect(holds('date(0) = date("1970-01-01T00:00:00.000Z")')).toBe(true);
    expect(holds('date(14127) = date("2008-09-05T00:00:00.000Z")')).toBe(true);
    expect(holds("date(date('1989-11-09')) = date('1989-11-09')")).toBe(true);
  });
});

describe('decimal-date-time() and decimal-time()', () => {
  it.each([
    ['decimal-date-time("1970-01-01T00:00:00Z")', 0],
    ['decimal-date-time("1970-01-02T00:00:00Z")', 1],
    ['decimal-date-time("1969-12-31T00:00:00Z")', -1],
    ['decimal-date-time("2018-04-24T15:30:00.000+06:00")', 17645.395833333332],
    ['decimal-date-time(date-time("2025-08-18T02:03:23.958Z"))', 20318.085693958332],
    ['decimal-date-time("1970-01-01")', 0],
    ['decimal-date-time(12.5)', 12.5],
    ['decimal-time("06:00:00.000-07:00")', 0.25],
    ['decimal-time("06:00:59.000-07:00")', 0.25068287037037035],
    ['decimal-time("23:59:00.000-07:00")', 0.9993055555555556],
    ['decimal-time("12:00")', 0.5],
    ['decimal-time("2024-06-15T18:00:00+05:00")', 0.75],
    ['decimal-time("12:00:00.000-07:00") - decimal-time("06:00:00.000-07:00")', 0.25],
  ])('%s is %d', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it.each(['"a"', '"24:00:00.000-07:00"', '"06:00:00.000-24:00"', '"06:60:00.000-07:00"', '"06:00:60.000-07:00"', '"23:59:00.000-07:60"', '"now()"'])(
    'decimal-time(%s) is NaN',
    (arg) => {
      expect(value(`decimal-time(${arg})`)).toBeNaN();
    },
  );
});

describe('format-date() and format-date-time()', () => {
  it.each([
    ['format-date("2012-07-23", "%Y/%n | %y/%m | %b")', '2012/7 | 12/07 | Jul'],
    ['format-date("2012-08-20T00:00:00.00+00:00", "%Y/%n | %y/%m | %b")', '2012/8 | 12/08 | Aug'],
    ['format-date-time("2001-12-31", "%b %e, %Y")', 'Dec 31, 2001'],
    ['format-date("2017-05-26T00:00:01-07:00", "%a %b")', 'Fri May'],
    ['format-date("2017-05-26T23:59:59-07:00", "%a %b")', 'Fri May'],
    ['format-date("2024-06-05", "%d %e %a")', '05 5 Wed'],
    ['format-date-time("2012-08-08T06:07:08.123-07:00", "%H:%M:%S.%3 %h")', '06:07:08.123 6'],
    ['format-date-time("2012-08-08T16:07:08-07:00", "%H %h")', '16 16'],
    ['format-date-time("08:30", "%H:%M")', '08:30'],
    ['format-date(0, "%Y-%m-%d")', '1970-01-01'],
    ['format-date-time(0.75, "%Y-%m-%d %H:%M")', '1970-01-01 18:00'],
    ['format-date("2024-06-15", "100%% %Y")', '100% 2024'],
    ['format-date("not a date", "%M")', ''],
    ["format-date('', '%Y-%m-%d')", ''],
    ["format-date(number('invalid'), '%Y-%m-%d')", ''],
  ])('%s is %j', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it("writes %b and %a in the form's language when the context gives one", () => {
    // The names are the runtime's (ICU's): 'июн.' or 'июнь' depending on its version.
    expect(valueWith("format-date('2024-06-15', '%a %e %b')", {}, { language: 'ru' })).toMatch(/^сб 15 июн/);
    expect(valueWith("format-date('2024-06-15', '%a %b')", {}, { language: 'en-GB' })).toBe('Sat Jun');
    // A tag the runtime cannot read falls back to English.
    expect(valueWith("format-date('2024-06-15', '%a %b')", {}, { language: 'not a language!' })).toBe('Sat Jun');
  });

  it('a format that comes from an answer with an unknown %-pattern is refused when it runs', () => {
    expect(evalError('format-date(today(), ${f})', { f: '%Q' }).reason).toBe("unknown format-date() pattern '%Q'");
  });

  it("now() is the context's date-time, and formats as written", () => {
    expect(valueWith("format-date-time(now(), '%H:%M:%S')", {}, { now: '2024-06-15T10:30:05.000+05:00' })).toBe('10:30:05');
    expect(evalError("format-date-time(now(), '%H:%M:%S')").reason).toContain('now() needs the current time');
  });
});
