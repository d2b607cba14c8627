import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError } from './errors';
import { formatSqlitePosition } from './positions';
import { openSqliteFile } from './sqlite-connection';
import { SqliteStatements } from './sqlite-schema';
import { AppendRequest, decodeAppends, decodeOutcomes, encodeAppends, encodeOutcomes, outcomeError, SqliteWriter, WireOutcomes } from './sqlite-writer';

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

describe('one transaction of the SQLite writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'case-timeline-writer-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Event ids whose INSERT fails before it writes, as a value SQLite cannot bind makes it fail. */
  const unwritable = new Set<string>();
  afterEach(() => unwritable.clear());

  function writerOnNewFile() {
    const db = openSqliteFile(join(dir, `events-${n++}.sqlite`), 5000);
    const sql = new SqliteStatements(db);
    const insert = sql.insertEvent.run.bind(sql.insertEvent);
    // (A TypeError made here: one from the native binding belongs to another realm under Jest.)
    sql.insertEvent.run = (...params: unknown[]) => {
      if (unwritable.has(params[0] as string)) throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
      return insert(...params);
    };
    const writer = new SqliteWriter(sql, () => db.inTransaction);
    const rows = (streamId: string) => db.prepare('SELECT event_id AS eventId, revision FROM events WHERE stream_id = ? ORDER BY revision').all(streamId);
    const listed = () => (db.prepare('SELECT stream_id AS streamId FROM streams ORDER BY stream_id').all() as Array<{ streamId: string }>).map((r) => r.streamId);
    return { db, writer, rows, listed };
  }

  /** The append, with its event at `index` one that cannot be written. */
  function withUnwritableEvent(append: AppendRequest, index: number): AppendRequest {
    const events = append.events.map((e, i) => (i === index ? { ...e, eventId: `${e.eventId.slice(0, -4)}dead` } : e));
    unwritable.add(events[index].eventId);
    return { ...append, events };
  }

  it('refuses an append of several events that fails part-way, undoing the rows it wrote, and stores the rest of the group', () => {
    // Given a group in which the second event of a two-event append cannot be written
    const { db, writer, rows, listed } = writerOnNewFile();
    const group = [
      request('case-a', 'no-stream', ['ContactMade']),
      withUnwritableEvent(request('case-b', 'no-stream', ['ContactMade', 'RiskAssessed']), 1),
      request('case-c', 'no-stream', ['ContactMade', 'RiskAssessed']),
    ];

    // When the writer writes it
    const outcomes = writer.write(group);

    // Then that append is refused and left nothing, not even its first row or its stream's row
    expect(outcomes[1]).toEqual({ invalid: expect.stringContaining('can only bind') });
    expect(rows('case-b')).toEqual([]);
    expect(listed()).toEqual(['case-a', 'case-c']);
    // and the others of its group are stored and answered
    expect(outcomes[0]).toMatchObject({ written: { revision: 0 } });
    expect(outcomes[2]).toMatchObject({ written: { revision: 1 } });
    expect(rows('case-c')).toEqual([
      { eventId: ids[0], revision: 0 },
      { eventId: ids[1], revision: 1 },
    ]);
    db.close();
  });

  it('refuses an append of one event that cannot be written, leaving nothing of it, and stores the rest of the group', () => {
    // Given a stream with one event, and a group whose middle append of one event cannot be written
    const { db, writer, rows, listed } = writerOnNewFile();
    writer.write([request('case-a', 'no-stream', ['ContactMade'])]);
    const group = [
      { ...request('case-a', 0, ['RiskAssessed']), events: [{ eventId: ids[1], type: 'RiskAssessed' }] },
      withUnwritableEvent({ ...request('case-b', 'no-stream', ['ContactMade']), events: [{ eventId: ids[2], type: 'ContactMade' }] }, 0),
      { ...request('case-a', 1, ['RiskAssessed']), events: [{ eventId: ids[2], type: 'RiskAssessed' }] },
    ];

    // When the writer writes the group
    const outcomes = writer.write(group);

    // Then that append is refused with nothing stored, the stream it would have begun is not listed
    expect(outcomes[1]).toEqual({ invalid: expect.stringContaining('can only bind') });
    expect(rows('case-b')).toEqual([]);
    expect(listed()).toEqual(['case-a']);
    // and the appends before and after it are stored in order
    expect(outcomes.map((o) => ('written' in o ? o.written.revision : undefined))).toEqual([1, undefined, 2]);
    expect(rows('case-a')).toEqual([
      { eventId: ids[0], revision: 0 },
      { eventId: ids[1], revision: 1 },
      { eventId: ids[2], revision: 2 },
    ]);
    db.close();
  });

  it('refuses a conflicting append without writing, and stores the rest of the group', () => {
    // Given a stream at revision 0, and a group in which one append expects revision 5 of it
    const { db, writer, rows } = writerOnNewFile();
    writer.write([request('case-a', 'no-stream', ['ContactMade'])]);
    const group = [
      { ...request('case-a', 5, ['RiskAssessed']), events: [{ eventId: ids[1], type: 'RiskAssessed' }] },
      { ...request('case-a', 0, ['RiskAssessed']), events: [{ eventId: ids[2], type: 'RiskAssessed' }] },
    ];

    // When the writer writes it
    const outcomes = writer.write(group);

    // Then the conflict names the stream's actual revision, and the other append is stored
    expect(outcomes[0]).toEqual({ conflict: { actual: 0, message: expect.stringContaining('case-a') } });
    expect(outcomes[1]).toMatchObject({ written: { revision: 1 } });
    expect(rows('case-a')).toEqual([
      { eventId: ids[0], revision: 0 },
      { eventId: ids[2], revision: 1 },
    ]);
    db.close();
  });
});
