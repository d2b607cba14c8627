import { DateTime } from 'luxon';

// A time without an offset would be read in the process's own zone: refused, like the catalogue does.
const HAS_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds of a stored ISO 8601 instant. Date.parse reads the usual spellings fast;
 * the catalogue also admits an hour-only offset (+01), which only luxon reads. An instant neither
 * can read is a corrupt record, and measuring around it would hide that, so it throws.
 */
export function parseInstant(value: unknown, what: string): number {
  if (typeof value === 'string' && (value.endsWith('Z') || endsWithColonOffset(value) || HAS_OFFSET.test(value))) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return dt.toMillis();
  }
  throw new RangeError(`${what} is not an ISO 8601 instant: ${JSON.stringify(value)}`);
}

const isDigit = (code: number) => code >= 48 && code <= 57;

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
