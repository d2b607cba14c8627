/**
 * Instants as a force in England and Wales records them: local time in Europe/London with its
 * offset (+00:00 in winter, +01:00 in summer). The zone rules come from luxon; the offset is
 * kept per UTC hour because a seed writes millions of instants and offsets change only on the hour.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Rng } from './rng';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const LONDON = IANAZone.create('Europe/London');
const offsetByHour = new Map<number, number>();

/** Minutes east of UTC in Europe/London at `ms`. */
export function londonOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = LONDON.offset(hour * HOUR);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The local wall clock at `ms`, read through the UTC fields of the returned Date. */
function wallClock(ms: number): Date {
  return new Date(ms + londonOffsetMinutes(ms) * MINUTE);
}

/** ISO 8601 local time with its offset, to the second: `2024-07-01T14:05:00+01:00`. */
export function londonInstant(ms: number): string {
  const offset = londonOffsetMinutes(ms);
  const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local calendar date (YYYY-MM-DD), as bail end dates and order expiry dates are written. */
export function londonDate(ms: number): string {
  return wallClock(ms).toISOString().slice(0, 10);
}

export function londonYear(ms: number): number {
  return wallClock(ms).getUTCFullYear();
}

/** Whole minutes: officers write times to the minute; only the server clock has seconds. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * The first office hour (Monday to Friday, 08:00 to 18:00 local) at or after `ms`: strategy
 * meetings, CPS decisions and support referrals happen then, which is what makes working-day
 * limits meaningful. Bank holidays are left to the engine.
 */
export function officeHours(ms: number, rng: Rng): number {
  const local = wallClock(ms);
  const hour = local.getUTCHours();
  let moved = ms;
  if (hour < 8) moved += (9 - hour) * HOUR + rng.int(0, 50) * MINUTE;
  else if (hour >= 18) moved += (24 - hour + 9) * HOUR + rng.int(0, 50) * MINUTE;
  const weekday = wallClock(moved).getUTCDay();
  if (weekday === 6) moved += 2 * DAY;
  else if (weekday === 0) moved += DAY;
  return moved;
}

/** Calendar months later at the same local time (for order expiry and bail dates, not for clocks). */
export function addMonths(ms: number, months: number): number {
  return DateTime.fromMillis(ms, { zone: LONDON }).plus({ months }).toMillis();
}
