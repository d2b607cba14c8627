import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConcurrencyError, StoreUnavailableError } from '../../src/event-store/errors';
import type { AppendResult } from '../../src/event-store/event-store.port';
import { openSqliteFile } from '../../src/event-store/sqlite-connection';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { SCHEMA_VERSION } from '../../src/event-store/sqlite-schema';
import { anEvent, collect, events, metadata, nextEvent, uniquePrefix, uniqueStream, within } from './contract-helpers';
import { describeEventStoreContract } from './event-store.contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-timeline-sqlite-'));
let files = 0;
const newFile = (): string => path.join(dir, `events-${(files += 1)}.sqlite`);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('SQLite adapter', async () => {
  const store = new SqliteEventStore({ file: newFile() });
  return { store, cleanup: () => store.close() };
});

describe('SQLite adapter specifics', () => {
  const open: SqliteEventStore[] = [];
  function openStore(file: string, pollIntervalMs?: number): SqliteEventStore {
    const store = new SqliteEventStore({ file, pollIntervalMs });
    open.push(store);
    return store;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('commits concurrent appends together: one conflict on a contended stream, every other append stored', async () => {
    const store = openStore(newFile());
    const contended = uniqueStream();
    await store.append(contended, [anEvent()], 'no-stream');
    const send = jest.spyOn(store as unknown as { send(request: { type: string }): void }, 'send');

    const others = Array.from({ length: 200 }, () => uniqueStream());
    const attempts = [
      ...others.map((streamId) => store.append(streamId, events(2), 'no-stream')),
      store.append(contended, [anEvent('First')], 0),
      store.append(contended, [anEvent('Second')], 0),
    ];
    const settled = await Promise.allSettled(attempts);

    // One batch for the writer thread, so one transaction and one fsync.
    expect(send.mock.calls.filter(([request]) => request.type === 'write')).toHaveLength(1);
    const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConcurrencyError);
    expect(rejected[0].reason).toMatchObject({ streamId: contended, expected: 0, actual: 1 });
    for (const streamId of others) expect(await store.readStream(streamId)).toHaveLength(2);
    expect((await store.readStream(contended)).map((e) => e.type)).toEqual(['ContactMade', 'First']);
  });

  it('rejects every append of a batch whose transaction fails, and stores none of them', async () => {
    const store = openStore(newFile());
    // A failure SQLite raises in the middle of the batch, as a full disk or an I/O error would.
    const db = (store as unknown as { db: { exec(sql: string): void } }).db;
    db.exec(`CREATE TRIGGER fail_boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];

    const settled = await Promise.allSettled([
      store.append(streams[0], [anEvent()], 'no-stream'),
      store.append(streams[1], [anEvent('Boom')], 'no-stream'),
      store.append(streams[2], [anEvent()], 'no-stream'),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const s of settled) {
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
      expect((s as PromiseRejectedResult).reason.message).toMatch(/disk I\/O error/);
    }
    expect(await store.headPosition()).toBeUndefined();
    db.exec('DROP TRIGGER fail_boom');
    await store.append(streams[0], [anEvent()], 'no-stream');
    expect(await store.readStream(streams[0])).toHaveLength(1);
  });

  it('writes on a thread of its own: a batch waiting for the file holds up neither timers nor reads', async () => {
    const file = newFile();
    const store = openStore(file);
    const streamId = uniqueStream();
    await store.append(streamId, [anEvent()], 'no-stream');
    // Another process (here another instance) holds the write lock for a while.
    const locker = (openStore(file) as unknown as { db: { exec(sql: string): void } }).db;
    locker.exec('BEGIN IMMEDIATE');
    let written = false;
    const pending = store.append(streamId, [anEvent()], 0).then((result) => ((written = true), result));

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBe(false);
    expect(await store.readStream(streamId)).toHaveLength(1);

    locker.exec('COMMIT');
    await expect(pending).resolves.toMatchObject({ revision: 1 });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('sends appends to the writer thread while it is still writing earlier ones; what waited commits next, as one group, in the order sent', async () => {
    const file = newFile();
    const store = openStore(file);
    await store.append(uniqueStream(), [anEvent()], 'no-stream');
    const send = jest.spyOn(store as unknown as { send(request: { type: string }): void }, 'send');
    const onReply = jest.spyOn(store as unknown as { onReply(reply: { type: string; ids?: number[] }): void }, 'onReply');
    const streamId = uniqueStream();
    const other = uniqueStream();
    // Given the writer thread held up in a transaction by another process's write lock
    const locker = (openStore(file) as unknown as { db: { exec(sql: string): void } }).db;
    locker.exec('BEGIN IMMEDIATE');
    const first = store.append(streamId, [anEvent()], 'no-stream');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // When more appends come, in two later turns of the event loop
    const second = store.append(streamId, [anEvent('Second')], 0);
    await new Promise((resolve) => setImmediate(resolve));
    const third = store.append(other, [anEvent()], 'no-stream');
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Then each went to the thread at once, before anything was answered
    expect(send.mock.calls.filter(([request]) => request.type === 'write')).toHaveLength(3);
    expect(onReply).not.toHaveBeenCalled();
    locker.exec('COMMIT');
    await expect(first).resolves.toMatchObject({ revision: 0 });
    await expect(second).resolves.toMatchObject({ revision: 1 });
    await expect(third).resolves.toMatchObject({ revision: 0 });
    // and the two that waited were written in one transaction, after the first
    const written = onReply.mock.calls.map(([reply]) => reply).filter((reply) => reply.type === 'written');
    expect(written.map((reply) => reply.ids)).toEqual([[2], [3, 4]]);
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['ContactMade', 'Second']);
  });

  it('starts no writer thread until the first append (a store only read from has none)', async () => {
    const file = path.join(dir, `read-only-${Date.now()}.sqlite`);
    const store = new SqliteEventStore({ file });
    const thread = () => (store as unknown as { writerThread?: unknown }).writerThread;
    await store.headPosition();
    await expect(store.readStream('nothing-here')).rejects.toThrow();
    expect(thread()).toBeUndefined();
    await store.append(uniqueStream(), [anEvent()], 'no-stream');
    expect(thread()).toBeDefined();
    await store.close();
    // Closing a store that never wrote returns at once.
    const unused = new SqliteEventStore({ file });
    await unused.close();
  });

  it('refuses appends, and says so in health(), once its writer thread has died; reads go on', async () => {
    const store = openStore(newFile());
    const streamId = uniqueStream();
    await store.append(streamId, [anEvent()], 'no-stream');
    await (store as unknown as { writerThread: { terminate(): Promise<number> } }).writerThread.terminate();

    await expect(store.append(streamId, [anEvent()], 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.health()).toMatchObject({ backend: 'sqlite', ok: false, detail: expect.stringContaining('writer thread') });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('keeps what it stored when the file is closed and opened again, and goes on numbering after it', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'events.sqlite');
    const first = new SqliteEventStore({ file });
    const streamId = uniqueStream();
    const written = await first.append(streamId, events(3), 'no-stream');
    const unawaited = first.append(streamId, [anEvent()], 2);
    await first.close();
    await expect(unawaited).resolves.toMatchObject({ revision: 3 });
    await expect(first.append(streamId, [anEvent()], 3)).rejects.toBeInstanceOf(StoreUnavailableError);

    const reopened = openStore(file);
    const read = await reopened.readStream(streamId);
    expect(read.slice(0, 3).map((e) => e.position)).toEqual(written.events.map((e) => e.position));
    expect(read).toHaveLength(4);
    const next = await reopened.append(streamId, [anEvent()], 3);
    expect(reopened.comparePositions(next.events[0].position, read[3].position)).toBeGreaterThan(0);
  });

  it('lets a second instance on the same file write too, and see the first one’s appends live (poll)', async () => {
    const file = newFile();
    const writer = openStore(file);
    const reader = openStore(file, 50);
    const prefix = uniquePrefix();
    const subscription = reader.subscribeAll(undefined, { filter: { streamPrefixes: [prefix] } });
    const iterator = subscription[Symbol.asyncIterator]();

    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => writer.append(`${prefix}w${i}`, [anEvent()], 'no-stream')),
      ...Array.from({ length: 20 }, (_, i) => reader.append(`${prefix}r${i}`, [anEvent()], 'no-stream')),
    ]);
    const positions = results.map((r: AppendResult) => r.events[0].position);
    expect(new Set(positions).size).toBe(40);

    const seen = [];
    for (let i = 0; i < 40; i += 1) seen.push((await nextEvent(iterator)).eventId);
    expect(new Set(seen).size).toBe(40);

    // Waiting before the append, so only the poll can tell the reader about it.
    const pending = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    const live = (await writer.append(`${prefix}later`, [anEvent()], 'no-stream')).events[0];
    expect(await within(pending, 1000)).toMatchObject({ done: false, value: { eventId: live.eventId } });
    await subscription.close();
  });

  it('wakes its own subscriptions when a batch commits, without waiting for the poll', async () => {
    const store = openStore(newFile(), 60_000);
    const subscription = store.subscribeAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));

    const appended = (await store.append(uniqueStream(), [anEvent()], 'no-stream')).events[0];

    expect(await within(pending, 1000)).toMatchObject({ done: false, value: { eventId: appended.eventId } });
    await subscription.close();
  });

  it('hands a subscriber events that read as the stored ones, parsing a body only when it is read', async () => {
    // Given an event in the log, and a subscription that has taken it
    const store = openStore(newFile());
    const streamId = uniqueStream();
    await store.append(streamId, [anEvent('ContactMade', { with: 'victim', notes: 'a "quoted" note' })], 'no-stream');
    const subscription = store.subscribeAll();
    const parse = jest.spyOn(JSON, 'parse');
    const event = await nextEvent(subscription[Symbol.asyncIterator]());

    try {
      // When only its header is read, then no body has been parsed
      expect([event.streamId, event.revision, event.type]).toEqual([streamId, 0, 'ContactMade']);
      expect(parse).not.toHaveBeenCalled();

      // When its body is read, then it is parsed once, and the event reads as the stored one every way
      const [stored] = await store.readStream(streamId);
      expect(event.data).toEqual({ with: 'victim', notes: 'a "quoted" note' });
      expect(event.data).toBe(event.data);
      expect(event).toEqual(stored);
      expect({ ...event }).toEqual(stored);
      expect(JSON.parse(JSON.stringify(event))).toEqual(stored);
      expect(structuredClone(event)).toEqual(stored);
      expect(Object.keys(event)).toEqual(Object.keys(stored));
    } finally {
      parse.mockRestore();
      await subscription.close();
    }
  });

  it('never asks SQLite for more than batchSize rows at a time', async () => {
    const store = openStore(newFile());
    for (let i = 0; i < 5; i += 1) await store.append(uniqueStream(), events(500), 'no-stream');
    const readPage = jest.spyOn(store, 'readPage');

    let count = 0;
    for await (const event of store.readAll(undefined, { batchSize: 100 })) {
      count += 1;
      void event;
    }

    expect(count).toBe(2500);
    const limits = readPage.mock.calls.map((call) => call[1]);
    expect(Math.max(...limits)).toBe(100);
    expect(readPage.mock.results.every((r) => (r.value as unknown[]).length <= 100)).toBe(true);
    expect(readPage).toHaveBeenCalledTimes(26);
  });

  it('reports an empty log, decimal positions padded to sort as text and ordered as numbers, and its file in health()', async () => {
    const file = newFile();
    const store = openStore(file);
    expect(await store.headPosition()).toBeUndefined();
    expect(await collect(store.readAll())).toEqual([]);
    expect(store.comparePositions('9', '10')).toBeLessThan(0);
    expect(store.comparePositions('10', '10')).toBe(0);
    const [event] = (await store.append(uniqueStream(), [anEvent()], 'no-stream')).events;
    expect(event.position).toMatch(/^\d{19}$/);
    expect(store.comparePositions('0000000000000000009', '10')).toBeLessThan(0);
    expect(await store.headPosition()).toBe(event.position);
    expect(await store.health()).toMatchObject({ backend: 'sqlite', ok: true, detail: expect.stringContaining(file) });
  });
});

describe('SQLite file versions', () => {
  /** The schema exactly as version 1 of the store created it: a file in the field looks like this. */
  const VERSION_1_SCHEMA = `
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      UNIQUE (stream_id, revision),
      UNIQUE (stream_id, event_id)
    );
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL
    ) WITHOUT ROWID;
  `;

  type Raw = ReturnType<typeof openSqliteFile>;
  const raw = (store: SqliteEventStore): Raw => (store as unknown as { db: Raw }).db;
  const streamColumns = (db: Raw): string[] => (db.pragma('table_info(streams)') as Array<{ name: string }>).map((c) => c.name);

  /** Writes a version 1 file holding `streams` (id and event count each), as version 1 wrote it. */
  function versionOneFile(streams: Array<[string, number]>): { file: string; eventIds: Map<string, string[]> } {
    const file = path.join(dir, `v1-${files++}.sqlite`);
    const db = openSqliteFile(file, 5000);
    db.exec(VERSION_1_SCHEMA);
    db.pragma('user_version = 1');
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    const upsert = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision');
    const eventIds = new Map<string, string[]>();
    // Interleaved, one event at a time, so positions and revisions differ as they do in a real log.
    const longest = Math.max(...streams.map(([, n]) => n));
    for (let revision = 0; revision < longest; revision++) {
      for (const [streamId, count] of streams) {
        if (revision >= count) continue;
        const event = anEvent('ContactMade', { revision });
        insert.run(event.eventId, streamId, revision, event.type, JSON.stringify(event.data), JSON.stringify(metadata()));
        upsert.run(streamId, revision);
        eventIds.set(streamId, [...(eventIds.get(streamId) ?? []), event.eventId]);
      }
    }
    db.close();
    return { file, eventIds };
  }

  const opened: SqliteEventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  function open(file: string): SqliteEventStore {
    const store = new SqliteEventStore({ file });
    opened.push(store);
    return store;
  }

  it('creates a new file at the current version, its streams table listing stream ids only', () => {
    const store = open(newFile());
    expect(raw(store).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
    expect(streamColumns(raw(store))).toEqual(['stream_id']);
  });

  it('upgrades a version 1 file in place: every event and stream kept, expectations checked against the stored revisions', async () => {
    // Given a file that version 1 wrote, with two streams of three events and one event
    const prefix = uniquePrefix();
    const [long, short] = [`${prefix}long`, `${prefix}short`];
    const { file, eventIds } = versionOneFile([
      [long, 3],
      [short, 1],
    ]);

    // When this version opens it
    const store = open(file);

    // Then the file is at the current version, with the revision column gone from streams
    expect(raw(store).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(streamColumns(raw(store))).toEqual(['stream_id']);
    // and every stream still reads whole and is listed in the order it began
    expect((await store.readStream(long)).map((e) => e.eventId)).toEqual(eventIds.get(long));
    expect((await store.listStreams([prefix])).streamIds).toEqual([long, short]);
    // and an append is checked against the revision the stream has: a stale expectation is refused
    await expect(store.append(long, [anEvent()], 1)).rejects.toMatchObject({ expected: 1, actual: 2 });
    await expect(store.append(short, [anEvent()], 'no-stream')).rejects.toMatchObject({ expected: 'no-stream', actual: 0 });
    // and a right one goes on numbering after the stored events
    await expect(store.append(long, [anEvent()], 2)).resolves.toMatchObject({ revision: 3 });
    await expect(store.append(short, [anEvent(), anEvent()], 0)).resolves.toMatchObject({ revision: 2 });
  });

  it('answers a retry of events stored by version 1 with their first result', async () => {
    // Given a stream that version 1 wrote
    const streamId = uniqueStream();
    const { file, eventIds } = versionOneFile([[streamId, 2]]);
    const store = open(file);
    const stored = await store.readStream(streamId);

    // When its second event is sent again, expecting the revision it was first appended at
    const retry = await store.append(streamId, [{ ...anEvent(), eventId: eventIds.get(streamId)![1] }], 0);

    // Then the answer is the stored event, and nothing is added
    expect(retry).toEqual({ streamId, revision: 1, events: [{ eventId: stored[1].eventId, type: stored[1].type, revision: 1, position: stored[1].position }] });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('opens a file that this version wrote without migrating it again, and lists a stream once however often it was appended to', async () => {
    // Given a file written by this version, with a stream appended to in several transactions
    const file = newFile();
    const prefix = uniquePrefix();
    const first = new SqliteEventStore({ file });
    await first.append(`${prefix}a`, [anEvent()], 'no-stream');
    await first.append(`${prefix}a`, [anEvent()], 0);
    await first.append(`${prefix}b`, [anEvent()], 'any');
    await first.append(`${prefix}a`, [anEvent()], 'any');
    await first.close();

    // When it is opened again
    const store = open(file);

    // Then it is still at the current version, and each stream is listed once, in the order it began
    expect(raw(store).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((await store.listStreams([prefix])).streamIds).toEqual([`${prefix}a`, `${prefix}b`]);
    expect(raw(store).prepare('SELECT COUNT(*) AS n FROM streams').get()).toEqual({ n: 2 });
    await expect(store.append(`${prefix}a`, [anEvent()], 2)).resolves.toMatchObject({ revision: 3 });
  });

  it('refuses a file of a later version than it knows, and leaves it as it is', () => {
    const file = newFile();
    const db = openSqliteFile(file, 5000);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => new SqliteEventStore({ file })).toThrow(`schema version ${SCHEMA_VERSION + 1}`);
    const check = openSqliteFile(file, 5000);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });
});
