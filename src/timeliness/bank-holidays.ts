/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays that date-holidays
 * knows for GB/ENG (England and Wales share their list; substitute days included). Each year is
 * worked out once and kept as a running count of its working days, so that both "is this a
 * working day" and "how many working days between" are an array look-up, whatever the span.
 */
import Holidays from 'date-holidays';
import { firstDayOfYear, isWeekend, parseLocalDate, yearOf } from './local-dates';
import { londonDayOf } from './london';

/** Day-number form of a working calendar, as the engine uses it. */
export interface DayCalendar {
  isWorkingDayNumber(dayNumber: number): boolean;
  /** Working days from `fromDay` to `toDay`, both included; 0 when toDay < fromDay. */
  countWorkingDays(fromDay: number, toDay: number): number;
}

interface YearOfDays {
  firstDay: number;
  /** runningCount[i]: working days among the first i days of the year (length days + 1). */
  runningCount: Uint16Array;
}

let holidays: Holidays | undefined;
const years = new Map<number, YearOfDays>();

/** The bank holidays of `year` in England and Wales, as day numbers. */
export function bankHolidaysOf(year: number): Set<number> {
  holidays ??= new Holidays('GB', 'ENG');
  const days = new Set<number>();
  for (const holiday of holidays.getHolidays(year)) {
    if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
    const first = parseLocalDate(holiday.date.slice(0, 10));
    if (first === undefined) throw new Error(`date-holidays gave an unreadable date: ${holiday.date}`);
    // Every GB holiday lasts one day, but a longer one would be counted whole.
    const last = londonDayOf(holiday.end.getTime() - 1);
    for (let day = first; day <= Math.max(first, last); day++) days.add(day);
  }
  return days;
}

function yearOfDays(year: number): YearOfDays {
  let entry = years.get(year);
  if (entry === undefined) {
    const firstDay = firstDayOfYear(year);
    const length = firstDayOfYear(year + 1) - firstDay;
    const closed = bankHolidaysOf(year);
    const runningCount = new Uint16Array(length + 1);
    for (let i = 0; i < length; i++) {
      const day = firstDay + i;
      runningCount[i + 1] = runningCount[i] + (isWeekend(day) || closed.has(day) ? 0 : 1);
    }
    entry = { firstDay, runningCount };
    years.set(year, entry);
  }
  return entry;
}

export const englandAndWalesDays: DayCalendar = {
  isWorkingDayNumber(dayNumber: number): boolean {
    const { firstDay, runningCount } = yearOfDays(yearOf(dayNumber));
    const i = dayNumber - firstDay;
    return runningCount[i + 1] !== runningCount[i];
  },
  countWorkingDays(fromDay: number, toDay: number): number {
    let count = 0;
    let day = fromDay;
    while (day <= toDay) {
      const { firstDay, runningCount } = yearOfDays(yearOf(day));
      const lastOfYear = firstDay + runningCount.length - 2;
      const until = Math.min(toDay, lastOfYear);
      count += runningCount[until - firstDay + 1] - runningCount[day - firstDay];
      day = until + 1;
    }
    return count;
  },
};
