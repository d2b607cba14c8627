import * as fc from 'fast-check';
import { isoOf, parseInstant, parseIsoMs, readIsoInstant } from './instants';

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

describe('readIsoInstant and parseIsoMs', () => {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const same = (text: string) => expect([text, parseIsoMs(text)]).toEqual([text, Date.parse(text)]);

  it('given the forms the service writes and clients send, then it reads what Date.parse reads, without falling back to it', () => {
    for (const text of ['2024-11-30T10:13:27.110Z', '2024-11-30T09:44:00+00:00', '2024-03-31T01:30:00+01:00', '2024-10-27T01:30:00.5-05:30'.replace('.5', '.500'), '2000-02-29T23:59:59Z', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59.999+23:59']) {
      expect(readIsoInstant(text)).toBe(Date.parse(text));
    }
  });

  it.each(['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:59:60Z', '0999-01-01T00:00:00Z', '2024-01-01T00:00:00+24:00', '2024-01-01T00:00:00.1Z', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00z', '2024-01-01T00:00Z', '+002024-01-01T00:00:00Z'])(
    'given %s, then it leaves it to Date.parse',
    (text) => {
      expect(readIsoInstant(text)).toBeUndefined();
      same(text);
    },
  );

  it('given any date, time and offset written in its shape, in range or not, then it reads what Date.parse reads', () => {
    const field = (max: number, width: number) => fc.integer({ min: 0, max }).map((v) => pad(v, width));
    const offset = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), field(25, 2), field(61, 2)).map(([sign, h, m]) => `${sign}${h}:${m}`));
    const text = fc
      .tuple(field(9999, 4), field(13, 2), field(32, 2), field(25, 2), field(61, 2), field(61, 2), fc.option(field(999, 3)), offset)
      .map(([y, mo, d, h, mi, s, ms, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${ms === null ? '' : `.${ms}`}${z}`);
    fc.assert(fc.property(text, (t) => Object.is(parseIsoMs(t), Date.parse(t))), { seed: 7, numRuns: 20000 });
    // And with any one character changed.
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 32, max: 126 }), (t, at, code) => {
        const changed = t.slice(0, at % t.length) + String.fromCharCode(code) + t.slice((at % t.length) + 1);
        return Object.is(parseIsoMs(changed), Date.parse(changed));
      }),
      { seed: 8, numRuns: 20000 },
    );
  });
});
