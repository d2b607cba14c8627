import { DateTime } from 'luxon';

// A time without an offset would be read in the process's own zone: refused, like the catalogue does.
const HAS_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds of a stored ISO 8601 instant. Date.parse reads the usual spellings fast;
 * the catalogue also admits an hour-only offset (+01), which only luxon reads. An instant neither
 * can read is a corrupt record, and measuring around it would hide that, so it throws.
 */
export function parseInstant(value: unknown, what: string): number {
  if (typeof value === 'string' && HAS_OFFSET.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return dt.toMillis();
  }
  throw new RangeError(`${what} is not an ISO 8601 instant: ${JSON.stringify(value)}`);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
