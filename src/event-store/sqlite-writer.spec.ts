import { ConcurrencyError } from './errors';
import { formatSqlitePosition } from './positions';
import { AppendRequest, decodeAppends, decodeOutcomes, encodeAppends, encodeOutcomes, outcomeError, WireOutcomes } from './sqlite-writer';

const ids = ['0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10', '1b6f5a1f-9d2c-4e1a-8b62-404f5d3c8e21', '2c7a6b2a-ae3d-4f2b-9c73-515a6e4d9f32'];

function request(streamId: string, expected: AppendRequest['expected'], types: string[]): AppendRequest {
  return {
    streamId,
    expected,
    events: types.map((type, i) => ({ eventId: ids[i], type })),
    json: types.map((_, i) => ({ data: JSON.stringify({ i, text: 'a "quoted" note' }), metadata: JSON.stringify({ recordedAt: '2024-03-01T10:15:00Z' }) })),
  };
}

/** What the event loop makes of one outcome, as the writer thread sends it. */
function roundTrip(batch: AppendRequest[], written: Parameters<typeof encodeOutcomes>[1]): ReturnType<typeof decodeOutcomes> {
  const wire = encodeOutcomes(batch, written);
  // Only strings, numbers and bigints cross: the message is one flat array.
  expect(wire.every((v) => ['string', 'number', 'bigint'].includes(typeof v))).toBe(true);
  return decodeOutcomes(batch, structuredClone(wire) as WireOutcomes);
}

describe('the messages between the event loop and the SQLite writer thread', () => {
  it('carry a batch of appends to the writer as one flat array, and give it back whole', () => {
    // Given appends of several events, of none, and with each kind of expectation
    const batch = [request('case-a', 3, ['ContactMade', 'RiskAssessed']), request('case-b', 'no-stream', []), request('access-2024-03-01', 'any', ['CaseAccessed'])];

    // When they are encoded, cloned across threads and decoded
    const wire = encodeAppends(batch);

    // Then the writer has exactly the appends sent, from strings and numbers only
    expect(wire.every((v) => typeof v === 'string' || typeof v === 'number')).toBe(true);
    expect(decodeAppends(structuredClone(wire))).toEqual(batch);
  });

  it('answer a written append with its revision and positions, the ids and types being the request’s', () => {
    // Given an append of two events that the writer stored at revisions 4 and 5
    const batch = [request('case-a', 3, ['ContactMade', 'RiskAssessed'])];
    const written = [{ written: { revision: 5, events: [{ eventId: ids[0], type: 'ContactMade', revision: 4, position: 41 }, { eventId: ids[1], type: 'RiskAssessed', revision: 5, position: 42 }] } }];

    // When the answer crosses back, then the event loop has the result the store returns
    expect(encodeOutcomes(batch, written)).toEqual([0, 5, 41, 42]);
    expect(roundTrip(batch, written)).toEqual([
      {
        ok: {
          streamId: 'case-a',
          revision: 5,
          events: [
            { eventId: ids[0], type: 'ContactMade', revision: 4, position: formatSqlitePosition(41) },
            { eventId: ids[1], type: 'RiskAssessed', revision: 5, position: formatSqlitePosition(42) },
          ],
        },
      },
    ]);
  });

  it('answer an idempotent retry with the events as first stored, when they differ from what was sent', () => {
    // Given a retry whose events were stored apart (revisions 2 and 7), the first under another type
    const batch = [request('case-a', 'any', ['ContactMade', 'RiskAssessed'])];
    const stored = [
      { eventId: ids[0], type: 'ReportReceived', revision: 2, position: 1n << 60n },
      { eventId: ids[1], type: 'RiskAssessed', revision: 7, position: 99 },
    ];

    // When the answer crosses back, then it is those events, with the highest revision
    expect(roundTrip(batch, [{ written: { revision: 7, events: stored } }])).toEqual([
      {
        ok: {
          streamId: 'case-a',
          revision: 7,
          events: [
            { eventId: ids[0], type: 'ReportReceived', revision: 2, position: formatSqlitePosition(1n << 60n) },
            { eventId: ids[1], type: 'RiskAssessed', revision: 7, position: formatSqlitePosition(99) },
          ],
        },
      },
    ]);
  });

  it('answer an empty append with the stream’s revision, and refusals with what the event loop needs to raise them', () => {
    // Given, in one request, an empty append, a conflict, an invalid append and a written one
    const batch = [request('case-a', 2, []), request('case-b', 0, ['ContactMade']), request('case-c', 'any', ['ContactMade']), request('case-d', 'no-stream', ['CaseOpened'])];
    const written = [
      { written: { revision: 2, events: [] } },
      { conflict: { actual: 'no-stream' as const, message: 'Stream case-b: expected revision 0, found no stream' } },
      { invalid: 'events[0].type must be a non-empty string' },
      { written: { revision: 0, events: [{ eventId: ids[0], type: 'CaseOpened', revision: 0, position: 7 }] } },
    ];

    // When the answers cross back
    const outcomes = roundTrip(batch, written);

    // Then each is as the store returns or raises it, in order
    expect(outcomes[0]).toEqual({ ok: { streamId: 'case-a', revision: 2, events: [] } });
    const conflict = outcomes[1] as Exclude<(typeof outcomes)[number], { ok: unknown }>;
    expect(outcomeError(conflict)).toBeInstanceOf(ConcurrencyError);
    expect(outcomeError(conflict)).toMatchObject({ streamId: 'case-b', expected: 0, actual: 'no-stream', message: 'Stream case-b: expected revision 0, found no stream' });
    const invalid = outcomes[2] as Exclude<(typeof outcomes)[number], { ok: unknown }>;
    expect(outcomeError(invalid)).toEqual(new TypeError('events[0].type must be a non-empty string'));
    expect(outcomes[3]).toEqual({ ok: { streamId: 'case-d', revision: 0, events: [{ eventId: ids[0], type: 'CaseOpened', revision: 0, position: formatSqlitePosition(7) }] } });
  });
});
