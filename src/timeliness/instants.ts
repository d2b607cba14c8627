import { DateTime } from 'luxon';

// A time without an offset would be read in the process's own zone: refused, like the catalogue does.
const HAS_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds of a stored ISO 8601 instant. Date.parse reads the usual spellings fast;
 * the catalogue also admits an hour-only offset (+01), which only luxon reads. An instant neither
 * can read is a corrupt record, and measuring around it would hide that, so it throws.
 */
export function parseInstant(value: unknown, what: string): number {
  if (typeof value === 'string') {
    const ms = readIsoInstant(value);
    if (ms !== undefined) return ms;
  }
  if (typeof value === 'string' && (value.endsWith('Z') || endsWithColonOffset(value) || HAS_OFFSET.test(value))) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return dt.toMillis();
  }
  throw new RangeError(`${what} is not an ISO 8601 instant: ${JSON.stringify(value)}`);
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The number written by `count` digits from `from`, or -1 if one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days-from-civil), for years from 0. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * Epoch milliseconds of `yyyy-mm-ddThh:mm:ss[.sss]` followed by `Z` or `±hh:mm`, for years
 * 1000 to 9999, read directly; undefined for any other text, or a date or time out of range (what
 * Date.parse makes of those is left to it). What the service writes, and what clients mostly send:
 * a rebuild reads each of the millions of instants in the log several times, and Date.parse costs
 * five times as much. A spec holds it to Date.parse.
 */
export function readIsoInstant(text: string): number | undefined {
  const n = text.length;
  const zulu = n === 20 || n === 24;
  if (!(zulu || n === 25 || n === 29)) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  let millis = 0;
  if (n === 24 || n === 29) {
    if (text.charCodeAt(19) !== 46) return undefined;
    millis = digitsAt(text, 20, 3);
  }
  let offsetMinutes = 0;
  if (zulu) {
    if (text.charCodeAt(n - 1) !== 90) return undefined;
  } else {
    const sign = text.charCodeAt(n - 6);
    const offsetHour = digitsAt(text, n - 5, 2);
    const offsetMinute = digitsAt(text, n - 2, 2);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(n - 3) !== 58 || !(offsetHour >= 0 && offsetHour <= 23) || !(offsetMinute >= 0 && offsetMinute <= 59)) return undefined;
    offsetMinutes = (sign === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) return undefined;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** Date.parse(text), read directly in the forms of readIsoInstant. */
export function parseIsoMs(text: string): number {
  return readIsoInstant(text) ?? Date.parse(text);
}

/**
 * `yyyy-mm-ddThh:mm[:ss[.sss]]+01:00` (or -05:30): what HAS_OFFSET matches most often, checked
 * without the regex. Only digits, colons and a dot between the T and the offset, so nothing
 * passes here that the regex would refuse.
 */
function endsWithColonOffset(value: string): boolean {
  const n = value.length;
  const sign = value.charCodeAt(n - 6);
  if (n < 17 || value.charCodeAt(10) !== 84 || !(sign === 43 || sign === 45) || value.charCodeAt(n - 3) !== 58) return false;
  if (!isDigit(value.charCodeAt(n - 5)) || !isDigit(value.charCodeAt(n - 4)) || !isDigit(value.charCodeAt(n - 2)) || !isDigit(value.charCodeAt(n - 1))) return false;
  for (let i = 11; i < n - 6; i++) {
    const code = value.charCodeAt(i);
    if (!isDigit(code) && code !== 58 && code !== 46) return false;
  }
  return true;
}

const MS_PER_DAY = 86_400_000;
// Years 1000 to 9999, where Date#toISOString writes four digits and no sign.
const FAST_FROM = Date.UTC(1000, 0, 1);
const FAST_UNTIL = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * What `new Date(ms).toISOString()` gives (`2024-03-04T09:00:00.000Z`), written directly: the
 * engine writes a million of these on a rebuild, and toISOString is most of what that costs. The
 * date is the proleptic Gregorian calendar of ECMAScript (days-to-civil, H. Hinnant); a spec
 * compares the two over the whole range.
 */
export function isoOf(ms: number): string {
  if (!(ms >= FAST_FROM && ms <= FAST_UNTIL) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}
