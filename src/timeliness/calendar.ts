/**
 * Time arithmetic of the limits (DESIGN.md section 5), all in Europe/London. The engine and these
 * public functions share one implementation, so a spec of one is a spec of the other.
 */
import { Duration, type DurationLikeObject } from 'luxon';
import { englandAndWalesDays, type DayCalendar } from './bank-holidays';
import { formatLocalDate, parseLocalDate } from './local-dates';
import { endOfLondonDay, londonDayOf, shiftCalendarInLondon } from './london';
import type { RuleDef } from './model';

export interface WorkingCalendar {
  /** localDate: YYYY-MM-DD. */
  isWorkingDay(localDate: string): boolean;
}

export const englandAndWalesCalendar: WorkingCalendar = {
  isWorkingDay(localDate: string): boolean {
    const day = parseLocalDate(localDate);
    if (day === undefined) throw new RangeError(`Not a real YYYY-MM-DD date: ${JSON.stringify(localDate)}`);
    return englandAndWalesDays.isWorkingDayNumber(day);
  },
};

/** The calendars a rule may name. */
export const CALENDARS: Readonly<Record<RuleDef['calendar'], WorkingCalendar>> = {
  'england-and-wales': englandAndWalesCalendar,
};

const adapted = new WeakMap<WorkingCalendar, DayCalendar>();

/** A calendar in day-number form: the shipped one is precomputed, any other is asked day by day. */
export function dayCalendarOf(calendar: WorkingCalendar): DayCalendar {
  if (calendar === englandAndWalesCalendar) return englandAndWalesDays;
  let days = adapted.get(calendar);
  if (days === undefined) {
    const isWorkingDayNumber = (day: number) => calendar.isWorkingDay(formatLocalDate(day));
    days = {
      isWorkingDayNumber,
      countWorkingDays(fromDay, toDay) {
        let count = 0;
        for (let day = fromDay; day <= toDay; day++) if (isWorkingDayNumber(day)) count++;
        return count;
      },
    };
    adapted.set(calendar, days);
  }
  return days;
}

const CALENDAR_UNITS = ['years', 'quarters', 'months', 'weeks', 'days'] as const;

/** Why `iso` cannot be a limit's duration, or undefined when it can. */
export function durationProblem(iso: unknown): string | undefined {
  if (typeof iso !== 'string') return 'must be an ISO 8601 duration such as PT24H or P28D';
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return `${JSON.stringify(iso)} is not an ISO 8601 duration such as PT24H or P28D`;
  const values = Object.values(duration.toObject());
  if (values.some((v) => !Number.isInteger(v))) return `${JSON.stringify(iso)} must be in whole units (PT90M, not PT1.5H)`;
  if (values.some((v) => v < 0) || !values.some((v) => v > 0)) return `${JSON.stringify(iso)} must be longer than zero`;
  return undefined;
}

/** Adds a valid limit duration (see durationProblem) to an instant, in epoch milliseconds. */
export function compileDuration(iso: string): (startMs: number) => number {
  const problem = durationProblem(iso);
  if (problem) throw new RangeError(`Bad duration: ${problem}`);
  const parts: DurationLikeObject = Duration.fromISO(iso).toObject();
  // luxon moves the calendar first and then adds hours, minutes and seconds as elapsed time.
  const elapsedMs = ((parts.hours ?? 0) * 60 + (parts.minutes ?? 0)) * 60_000 + (parts.seconds ?? 0) * 1000 + (parts.milliseconds ?? 0);
  if (!CALENDAR_UNITS.some((unit) => (parts[unit] ?? 0) !== 0)) return (startMs) => startMs + elapsedMs;
  const shift = { years: parts.years ?? 0, months: (parts.months ?? 0) + 3 * (parts.quarters ?? 0), weeks: parts.weeks ?? 0, days: parts.days ?? 0 };
  return (startMs) => shiftCalendarInLondon(startMs, shift) + elapsedMs;
}

function positiveInteger(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive whole number, not ${n}`);
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

export function addMonthsInLondon(startMs: number, months: number): number {
  return shiftCalendarInLondon(startMs, { months });
}

/** End of the n-th working day after the London local day `startDay`. */
export function dueAfterWorkingDayNumbers(startDay: number, n: number, days: DayCalendar): number {
  let day = startDay;
  for (let counted = 0; counted < n; ) {
    day++;
    if (days.isWorkingDayNumber(day)) counted++;
  }
  return endOfLondonDay(day);
}

/** Working days after the London local day of `startMs`, up to and including that of `endMs`. */
export function workingDaysBetweenInstants(startMs: number, endMs: number, days: DayCalendar): number {
  return days.countWorkingDays(londonDayOf(startMs) + 1, londonDayOf(endMs));
}

/** PT24H is 24 elapsed hours; P1D is the same London wall-clock time on the next day. */
export function dueAfterDuration(start: Date, isoDuration: string): Date {
  return new Date(compileDuration(isoDuration)(instantOf(start, 'start')));
}

/** The same London wall-clock time `months` later; 31 January + 1 month is the last day of February. */
export function dueAfterMonths(start: Date, months: number): Date {
  positiveInteger(months, 'months');
  return new Date(addMonthsInLondon(instantOf(start, 'start'), months));
}

/** 23:59:59.999 London time on the n-th working day after the start's London local day. */
export function dueAfterWorkingDays(start: Date, n: number, calendar: WorkingCalendar = englandAndWalesCalendar): Date {
  positiveInteger(n, 'n');
  return new Date(dueAfterWorkingDayNumbers(londonDayOf(instantOf(start, 'start')), n, dayCalendarOf(calendar)));
}

/** Working days after the London local day of `start`, up to and including the local day of `end`; 0 if end is not later. */
export function workingDaysBetween(start: Date, end: Date, calendar: WorkingCalendar = englandAndWalesCalendar): number {
  return workingDaysBetweenInstants(instantOf(start, 'start'), instantOf(end, 'end'), dayCalendarOf(calendar));
}
