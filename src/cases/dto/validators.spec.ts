import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dateOrInstantProblem, instantWithOffsetProblem, isDateOrInstant, isInstantWithOffset } from './validators';

describe('an instant with an offset (occurredAt)', () => {
  it.each([
    '2024-03-01T10:15:00Z',
    '2024-03-01T10:15Z',
    '2024-03-01T10:15:00.5Z',
    '2024-03-01T10:15:00.123456789Z',
    '2024-03-31T01:30:00+01:00',
    '2024-03-01T10:15:00-05:00',
    '2024-03-01T10:15:00+0530',
    '2024-02-29T23:59:59Z',
  ])('accepts %s', (value) => {
    expect(instantWithOffsetProblem(value, 'occurredAt')).toBeUndefined();
    expect(isInstantWithOffset(value)).toBe(true);
  });

  it('refuses a bare local time, saying an offset is required', () => {
    expect(instantWithOffsetProblem('2024-03-01T10:00:00', 'occurredAt')).toBe(
      'occurredAt must carry an offset or Z, e.g. 2024-03-01T10:15:00Z or 2024-03-01T10:15:00+01:00: a local time without one is ambiguous',
    );
  });

  it.each(['2024-02-30T10:00Z', '2023-02-29T10:00Z', '2024-03-01T24:00Z', '2024-03-01T10:60Z', '2024-03-01T10:00:60Z', '2024-03-01T10:00+01:75', '2024-03-01T10:00+19:00'])(
    'refuses %s, which is no real instant',
    (value) => {
      expect(instantWithOffsetProblem(value, 'occurredAt')).toBe(`occurredAt is not a real calendar date-time: "${value}"`);
    },
  );

  it('agrees with luxon parsing the whole string on which values of the format are real instants', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const value = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        month: two(13),
        day: two(32),
        hour: two(23),
        minute: two(60),
        second: fc.option(two(61), { nil: undefined }),
        fraction: fc.option(fc.integer({ min: 0, max: 999999999 }).map(String), { nil: undefined }),
        offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(18), two(59)).map(([sign, h, m]) => `${sign}${h}:${m}`)),
      })
      .map(({ year, month, day, hour, minute, second, fraction, offset }) =>
        `${year}-${month}-${day}T${hour}:${minute}${second === undefined ? '' : `:${second}${fraction === undefined ? '' : `.${fraction}`}`}${offset}`,
      );
    fc.assert(
      fc.property(value, (v) => {
        expect(isInstantWithOffset(v)).toBe(DateTime.fromISO(v, { setZone: true }).isValid);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with luxon on every day number of every month, in common, leap and century years', () => {
    // Given years that exercise each leap-year rule (every 4, not every 100, every 400, year 0)
    for (const year of ['0000', '1900', '2000', '2023', '2024', '2100', '2400', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          // When a date-time on that day is checked, then it is valid exactly when luxon says so
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T23:59:59Z`;
          expect([value, isInstantWithOffset(value)]).toEqual([value, DateTime.fromISO(value, { setZone: true }).isValid]);
        }
      }
    }
  });

  it('refuses a date without a time', () => {
    expect(instantWithOffsetProblem('2024-03-01', 'occurredAt')).toBe(
      'occurredAt must be a date-time, not only a date, e.g. 2024-03-01T10:15:00Z',
    );
  });

  it.each([['2024-03-01 10:00Z'], ['2024-03-01t10:00z'], ['2024-W09-5T10:00Z'], ['yesterday'], [''], [1709288100000], [null]])(
    'refuses %p with an example of a good value',
    (value) => {
      expect(instantWithOffsetProblem(value, 'occurredAt')).toBe(
        'occurredAt must be an ISO 8601 date-time with an offset or Z, e.g. 2024-03-01T10:15:00Z',
      );
    },
  );
});

describe('a date or an instant (until, expiresAt)', () => {
  it.each(['2024-06-01', '2024-02-29', '2024-06-01T17:00:00+01:00', '2024-06-01T16:00Z'])('accepts %s', (value) => {
    expect(isDateOrInstant(value)).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    expect(dateOrInstantProblem('2023-02-29', 'until')).toBe('until is not a real calendar date: "2023-02-29"');
  });

  it('refuses a local date-time, saying an offset is required', () => {
    expect(dateOrInstantProblem('2024-06-01T17:00', 'until')).toMatch(/^until must carry an offset or Z/);
  });

  it.each([['01/06/2024'], ['2024-6-1'], [20240601]])('refuses %p', (value) => {
    expect(dateOrInstantProblem(value, 'until')).toBe(
      'until must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset or Z, e.g. 2024-06-01 or 2024-06-01T17:00:00+01:00',
    );
  });
});
