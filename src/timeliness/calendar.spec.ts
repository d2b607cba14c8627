import * as fc from 'fast-check';
import { DateTime } from 'luxon';
import reference from '../../../shared/data/bank-holidays-england-and-wales.json';
import {
  dueAfterDuration,
  dueAfterMonths,
  dueAfterWorkingDays,
  englandAndWalesCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';
import { formatLocalDate, parseLocalDate, weekdayOf } from './local-dates';
import { londonOffsetMinutes, plusInLondon, shiftCalendarInLondon } from './london';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const PROPERTY = { seed: 42, numRuns: 200 };

describe('the England and Wales working calendar', () => {
  const bankHolidays = new Set(reference.dates);
  const first = parseLocalDate('2018-01-01') as number;
  const last = parseLocalDate('2027-12-31') as number;

  it('agrees with the published bank holidays on every day of 2018 to 2027', () => {
    const disagreements: string[] = [];
    for (let day = first; day <= last; day++) {
      const date = formatLocalDate(day);
      const weekday = weekdayOf(day) !== 0 && weekdayOf(day) !== 6;
      const expected = weekday && !bankHolidays.has(date);
      if (englandAndWalesCalendar.isWorkingDay(date) !== expected) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
    expect(last - first + 1).toBe(3652);
  });

  it.each([
    ['2022-06-03', 'the Platinum Jubilee'],
    ['2022-09-19', 'the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'the Coronation of King Charles III'],
    ['2021-12-28', 'the Boxing Day substitute'],
  ])('knows %s, %s, as a bank holiday', (date) => {
    expect(englandAndWalesCalendar.isWorkingDay(date)).toBe(false);
  });

  it('refuses a date that does not exist', () => {
    expect(() => englandAndWalesCalendar.isWorkingDay('2023-02-29')).toThrow(RangeError);
    expect(() => englandAndWalesCalendar.isWorkingDay('29/02/2024')).toThrow(RangeError);
  });
});

describe('working-day limits', () => {
  it('given Friday 17:00, 1 working day is due at the end of Monday', () => {
    expect(iso(dueAfterWorkingDays(at('2024-03-08T17:00:00Z'), 1))).toBe('2024-03-11T23:59:59.999Z');
  });

  it('given Friday 17:00 before a Monday bank holiday, 1 working day is due at the end of Tuesday (summer time)', () => {
    // Friday 3 May 2024, 17:00 BST; Monday 6 May is the Early May bank holiday.
    expect(iso(dueAfterWorkingDays(at('2024-05-03T16:00:00Z'), 1))).toBe('2024-05-07T22:59:59.999Z');
  });

  it('given a Saturday, 1 working day is due at the end of Monday', () => {
    expect(iso(dueAfterWorkingDays(at('2024-03-09T10:00:00Z'), 1))).toBe('2024-03-11T23:59:59.999Z');
  });

  it('counts from the London day: 00:30 BST on Monday is still Sunday in UTC', () => {
    // Monday 3 June 2024, 00:30 BST = Sunday 23:30 UTC: the start's day is Monday.
    expect(iso(dueAfterWorkingDays(at('2024-06-02T23:30:00Z'), 1))).toBe('2024-06-04T22:59:59.999Z');
  });

  it('skips Good Friday and Easter Monday, and Christmas with its substitute day', () => {
    expect(iso(dueAfterWorkingDays(at('2024-03-28T12:00:00Z'), 1))).toBe('2024-04-02T22:59:59.999Z');
    // Christmas 2020 fell on a Friday and Boxing Day on a Saturday, observed on Monday 28.
    expect(iso(dueAfterWorkingDays(at('2020-12-24T12:00:00Z'), 1))).toBe('2020-12-29T23:59:59.999Z');
  });

  it('given a Thursday, 3 working days are due at the end of Tuesday', () => {
    expect(iso(dueAfterWorkingDays(at('2024-03-07T09:00:00Z'), 3))).toBe('2024-03-12T23:59:59.999Z');
  });

  it('uses another calendar when given one', () => {
    const everyDay: WorkingCalendar = { isWorkingDay: () => true };
    expect(iso(dueAfterWorkingDays(at('2024-03-08T17:00:00Z'), 1, everyDay))).toBe('2024-03-09T23:59:59.999Z');
    expect(workingDaysBetween(at('2024-03-08T17:00:00Z'), at('2024-03-11T01:00:00Z'), everyDay)).toBe(3);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => dueAfterWorkingDays(at('2024-03-08T17:00:00Z'), 0)).toThrow(RangeError);
    expect(() => dueAfterWorkingDays(at('2024-03-08T17:00:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the start day, up to and including the end day', () => {
    expect(workingDaysBetween(at('2024-03-08T09:00:00Z'), at('2024-03-08T23:00:00Z'))).toBe(0);
    expect(workingDaysBetween(at('2024-03-08T17:00:00Z'), at('2024-03-11T00:00:00Z'))).toBe(1);
    expect(workingDaysBetween(at('2024-05-03T16:00:00Z'), at('2024-05-07T08:00:00Z'))).toBe(1);
    expect(workingDaysBetween(at('2024-03-09T10:00:00Z'), at('2024-03-11T10:00:00Z'))).toBe(1);
  });

  it('is 0 when the end is not later', () => {
    expect(workingDaysBetween(at('2024-03-11T10:00:00Z'), at('2024-03-01T10:00:00Z'))).toBe(0);
  });

  it('counts the 254 working days of 2024 from New Year\'s Eve 2023', () => {
    const fromReference = countFromReference('2024-01-01', '2024-12-31');
    expect(fromReference).toBe(254);
    expect(workingDaysBetween(at('2023-12-31T12:00:00Z'), at('2024-12-31T12:00:00Z'))).toBe(254);
  });

  it('agrees with the published list over any span of 2018 to 2027', () => {
    const day = fc.integer({ min: parseLocalDate('2018-01-01') as number, max: parseLocalDate('2027-12-30') as number });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const start = at(`${formatLocalDate(from)}T12:00:00Z`);
        const end = at(`${formatLocalDate(to)}T12:00:00Z`);
        const expected = from === to ? 0 : countFromReference(formatLocalDate(from + 1), formatLocalDate(to));
        expect(workingDaysBetween(start, end)).toBe(expected);
      }),
      PROPERTY,
    );
  });

  it('undoes dueAfterWorkingDays, whose due day is always a working day', () => {
    const instant = fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2027, 5, 1) });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (ms, n) => {
        const due = dueAfterWorkingDays(new Date(ms), n);
        const local = DateTime.fromJSDate(due, { zone: 'Europe/London' });
        expect(local.toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');
        expect(englandAndWalesCalendar.isWorkingDay(local.toISODate() as string)).toBe(true);
        expect(workingDaysBetween(new Date(ms), due)).toBe(n);
      }),
      PROPERTY,
    );
  });
});

describe('durations and months', () => {
  it('given the change to summer time (Sunday 31 March 2024), PT24H is 24 elapsed hours and P1D the same local time next day', () => {
    const saturdayNoon = at('2024-03-30T12:00:00Z'); // 12:00 GMT
    expect(iso(dueAfterDuration(saturdayNoon, 'PT24H'))).toBe('2024-03-31T12:00:00.000Z'); // 13:00 BST
    expect(iso(dueAfterDuration(saturdayNoon, 'P1D'))).toBe('2024-03-31T11:00:00.000Z'); // 12:00 BST, 23 hours later
  });

  it('given the change back (Sunday 27 October 2024), PT24H is 24 elapsed hours and P1D lasts 25', () => {
    const saturdayNoon = at('2024-10-26T11:00:00Z'); // 12:00 BST
    expect(iso(dueAfterDuration(saturdayNoon, 'PT24H'))).toBe('2024-10-27T11:00:00.000Z'); // 11:00 GMT
    expect(iso(dueAfterDuration(saturdayNoon, 'P1D'))).toBe('2024-10-27T12:00:00.000Z'); // 12:00 GMT
  });

  it('counts P28D in calendar days across a clock change', () => {
    expect(iso(dueAfterDuration(at('2024-03-20T10:00:00Z'), 'P28D'))).toBe('2024-04-17T09:00:00.000Z');
  });

  it('refuses a duration that is not a positive ISO 8601 duration', () => {
    for (const bad of ['PT0H', '24 hours', 'PT1.5H', 'PT-1H']) expect(() => dueAfterDuration(at('2024-03-20T10:00:00Z'), bad)).toThrow(RangeError);
  });

  it('given 31 January, 1 month is the last day of February, in a leap year and not', () => {
    expect(iso(dueAfterMonths(at('2024-01-31T10:00:00Z'), 1))).toBe('2024-02-29T10:00:00.000Z');
    expect(iso(dueAfterMonths(at('2023-01-31T10:00:00Z'), 1))).toBe('2023-02-28T10:00:00.000Z');
  });

  it('keeps the London wall-clock time across a clock change', () => {
    // 15 March 10:00 GMT + 1 month = 15 April 10:00 BST; 28 October 2022 12:00 BST + 3 months = 28 January 12:00 GMT.
    expect(iso(dueAfterMonths(at('2024-03-15T10:00:00Z'), 1))).toBe('2024-04-15T09:00:00.000Z');
    expect(iso(dueAfterMonths(at('2022-10-28T11:00:00Z'), 3))).toBe('2023-01-28T12:00:00.000Z');
  });
});

describe('London time', () => {
  it('gives the offset luxon gives, for any instant of 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(londonOffsetMinutes(ms)).toBe(DateTime.fromMillis(ms, { zone: 'Europe/London' }).offset);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('moves the calendar exactly as luxon does, on ordinary days and onto the days the clocks change', () => {
    // Starts placed so that the shifted date falls in the last week of March or October, often a change day.
    const start = fc
      .record({
        year: fc.integer({ min: 1901, max: 2098 }),
        month: fc.constantFrom(2, 9, 5),
        day: fc.integer({ min: 22, max: 31 }),
        minute: fc.integer({ min: 0, max: 1439 }),
        back: fc.integer({ min: 0, max: 400 }),
      })
      .map(({ year, month, day, minute, back }) => Date.UTC(year, month, day) + minute * 60_000 - back * 86_400_000);
    const shift = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((days) => ({ days })),
      fc.integer({ min: 1, max: 40 }).map((months) => ({ months })),
      fc.record({ years: fc.integer({ min: 0, max: 2 }), months: fc.integer({ min: 0, max: 13 }), weeks: fc.integer({ min: 0, max: 6 }), days: fc.integer({ min: 0, max: 31 }) }),
    );
    fc.assert(
      fc.property(start, shift, (ms, by) => {
        expect(shiftCalendarInLondon(ms, by)).toBe(plusInLondon(ms, by));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('switches at 01:00 UTC on the days the clocks change', () => {
    expect(londonOffsetMinutes(Date.UTC(2024, 2, 31, 0, 59, 59, 999))).toBe(0);
    expect(londonOffsetMinutes(Date.UTC(2024, 2, 31, 1))).toBe(60);
    expect(londonOffsetMinutes(Date.UTC(2024, 9, 27, 0, 59, 59, 999))).toBe(60);
    expect(londonOffsetMinutes(Date.UTC(2024, 9, 27, 1))).toBe(0);
  });
});

const referenceHolidays = new Set(reference.dates);

function countFromReference(fromDate: string, toDate: string): number {
  let count = 0;
  for (let day = parseLocalDate(fromDate) as number; day <= (parseLocalDate(toDate) as number); day++) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6 && !referenceHolidays.has(formatLocalDate(day))) count++;
  }
  return count;
}
