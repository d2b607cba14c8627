/**
 * Europe/London time, from luxon. luxon asks Intl for every conversion, which costs microseconds,
 * and the engine converts hundreds of thousands of instants on a rebuild; so its answers are kept,
 * per UTC day, and reused. The memo is exact because Europe/London has changed its offset only at
 * whole UTC hours and at most once a day since 1848: instants before 1900 are not memoised at all.
 */
import { DateTime, type DurationLikeObject } from 'luxon';
import { MS_PER_DAY, shiftLocalDay, type CalendarShift } from './local-dates';

export const LONDON = 'Europe/London';

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
const MEMO_FROM = Date.UTC(1900, 0, 1);

/** The offsets of one UTC day: `before` up to `switchAt`, `after` from it (equal on most days). */
interface DayOffsets {
  before: number;
  after: number;
  switchAt: number;
}

const offsetsByUtcDay = new Map<number, DayOffsets>();
const endOfDayByLocalDay = new Map<number, number>();

function luxonOffset(ms: number): number {
  const dt = DateTime.fromMillis(ms, { zone: LONDON });
  if (!dt.isValid) throw new RangeError(`Europe/London is not known to this runtime (${dt.invalidExplanation ?? ''})`);
  return dt.offset;
}

function offsetsOfUtcDay(utcDay: number): DayOffsets {
  const start = utcDay * MS_PER_DAY;
  const before = luxonOffset(start);
  const after = luxonOffset(start + 23 * MS_PER_HOUR);
  if (before === after) return { before, after, switchAt: start };
  // The first whole hour at which the later offset holds.
  let low = 1;
  let high = 23;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (luxonOffset(start + mid * MS_PER_HOUR) === after) high = mid;
    else low = mid + 1;
  }
  return { before, after, switchAt: start + low * MS_PER_HOUR };
}

function memoisedOffsetsOf(utcDay: number): DayOffsets {
  let offsets = offsetsByUtcDay.get(utcDay);
  if (offsets === undefined) {
    offsets = offsetsOfUtcDay(utcDay);
    offsetsByUtcDay.set(utcDay, offsets);
  }
  return offsets;
}

/** Minutes ahead of UTC in London at `ms` (0 in winter, 60 in summer time). */
export function londonOffsetMinutes(ms: number): number {
  if (ms < MEMO_FROM) return luxonOffset(ms);
  const offsets = memoisedOffsetsOf(Math.floor(ms / MS_PER_DAY));
  return ms < offsets.switchAt ? offsets.before : offsets.after;
}

/**
 * The offset of London local day `dayNumber` when it holds, unchanged, from a day before it to a
 * day after it (so that any wall-clock time of that day has exactly one instant); else undefined.
 */
function steadyOffsetAround(dayNumber: number): number | undefined {
  if (dayNumber * MS_PER_DAY < MEMO_FROM + MS_PER_DAY) return undefined;
  const offset = memoisedOffsetsOf(dayNumber).before;
  for (let utcDay = dayNumber - 1; utcDay <= dayNumber + 1; utcDay++) {
    const offsets = memoisedOffsetsOf(utcDay);
    if (offsets.before !== offset || offsets.after !== offset) return undefined;
  }
  return offset;
}

/** The day number of the London local date on which `ms` falls. */
export function londonDayOf(ms: number): number {
  return Math.floor((ms + londonOffsetMinutes(ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

/** 23:59:59.999 London time on the given local day, as epoch milliseconds. */
export function endOfLondonDay(dayNumber: number): number {
  let end = endOfDayByLocalDay.get(dayNumber);
  if (end === undefined) {
    const date = new Date(dayNumber * MS_PER_DAY);
    end = DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: 23,
        minute: 59,
        second: 59,
        millisecond: 999,
      },
      { zone: LONDON },
    ).toMillis();
    endOfDayByLocalDay.set(dayNumber, end);
  }
  return end;
}

/**
 * `ms` moved by whole years, months, weeks and days in London: the same wall-clock time on the
 * shifted local date, as luxon's plus gives it. Where that date is an ordinary day its one offset
 * is known, and the instant follows without asking luxon; on and around the days the clocks
 * change (where a wall-clock time may be missing or doubled), luxon itself resolves it.
 */
export function shiftCalendarInLondon(ms: number, shift: CalendarShift): number {
  if (ms >= MEMO_FROM) {
    const wall = ms + londonOffsetMinutes(ms) * MS_PER_MINUTE;
    const day = Math.floor(wall / MS_PER_DAY);
    const targetDay = shiftLocalDay(day, shift);
    const offset = steadyOffsetAround(targetDay);
    if (offset !== undefined) return targetDay * MS_PER_DAY + (wall - day * MS_PER_DAY) - offset * MS_PER_MINUTE;
  }
  return plusInLondon(ms, shift);
}

/**
 * `ms` plus a duration in London, by luxon's rule: years, months, weeks and days move the local
 * calendar (same wall-clock time, a day across a clock change lasting 23 or 25 hours, a month
 * falling back to its last day); hours, minutes and seconds then add elapsed time.
 */
export function plusInLondon(ms: number, duration: DurationLikeObject): number {
  return DateTime.fromMillis(ms, { zone: LONDON }).plus(duration).toMillis();
}
