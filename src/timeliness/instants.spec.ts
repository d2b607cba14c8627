import * as fc from 'fast-check';
import { isoOf, parseInstant } from './instants';

describe('isoOf', () => {
  it('writes what Date#toISOString writes, for any instant', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1000, 0, 1) - 86_400_000, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 86_400_000 }),
      fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
    );
    fc.assert(
      fc.property(instant, (ms) => {
        expect(isoOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { seed: 42, numRuns: 5000 },
    );
  });

  it.each(['1000-01-01T00:00:00.000Z', '1900-02-28T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '2024-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z'])(
    'writes %s back as it was',
    (iso) => {
      expect(isoOf(Date.parse(iso))).toBe(iso);
    },
  );
});

describe('parseInstant', () => {
  it('reads offsets with and without a colon, and hour-only', () => {
    expect(parseInstant('2024-03-04T10:00:00+01:00', 'x')).toBe(Date.UTC(2024, 2, 4, 9));
    expect(parseInstant('2024-03-04T10:00:00+0100', 'x')).toBe(Date.UTC(2024, 2, 4, 9));
    expect(parseInstant('2024-03-04T10:00+01', 'x')).toBe(Date.UTC(2024, 2, 4, 9));
    expect(parseInstant('2024-03-04T04:00:00.123456-05:00', 'x')).toBe(Date.UTC(2024, 2, 4, 9, 0, 0, 123));
    expect(parseInstant('2024-03-04T14:30:00+05:30', 'x')).toBe(Date.UTC(2024, 2, 4, 9));
  });

  it('refuses a local time, a date alone and anything else', () => {
    const offsetWithoutTime = '2024-03-04 10:00:00+01:00';
    const notAnOffset = '2024-03-04T10:00:00+1a:00';
    // The regex's T.* stops at a line break; Date.parse alone would read this one.
    const brokenLine = 'Tue\nMar 04 2024 10:00:00 +01:00';
    for (const bad of ['2024-03-04T10:00:00', '2024-03-04', 'yesterday', 1709542800000, undefined, offsetWithoutTime, notAnOffset, '+01:00', 'T+01:00', brokenLine]) {
      expect(() => parseInstant(bad, 'occurredAt of event e1')).toThrow(/occurredAt of event e1/);
    }
  });
});
