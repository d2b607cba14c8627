/**
 * Local calendar dates as whole day numbers (days since 1970-01-01), so that stepping through
 * working days and comparing dates is integer arithmetic rather than string or zone work. A day
 * number says nothing about a zone: which instants belong to it is london.ts's business.
 */

export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a real YYYY-MM-DD date, or undefined (2023-02-29, 2024-13-01, 2024-3-1). */
export function parseLocalDate(value: string): number | undefined {
  const match = LOCAL_DATE_RE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A day past the month's end rolls into the next month: that is how a date that does not exist shows.
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() / MS_PER_DAY;
}

export function formatLocalDate(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** 0 for Sunday to 6 for Saturday, as Date#getUTCDay. */
export function weekdayOf(dayNumber: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Day number of 1 January of `year`. */
export function firstDayOfYear(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime() / MS_PER_DAY;
}

export interface CalendarShift {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

/**
 * A local date moved by whole calendar units, as luxon moves one: years and months first, the day
 * falling back to the last of a shorter month (31 January + 1 month = 28 or 29 February), then
 * weeks and days.
 */
export function shiftLocalDay(dayNumber: number, shift: CalendarShift): number {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + (shift.months ?? 0) + 12 * (shift.years ?? 0);
  // Day 0 of the month after is the last day of the target month, whatever the overflow.
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month + 1, 0);
  const day = Math.min(date.getUTCDate(), lastOfMonth.getUTCDate()) + (shift.days ?? 0) + 7 * (shift.weeks ?? 0);
  const shifted = new Date(0);
  shifted.setUTCFullYear(year, month, day);
  return shifted.getTime() / MS_PER_DAY;
}
