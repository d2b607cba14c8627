/**
 * Schema, prepared statements and row mapping of the SQLite event store. It works on any connection with
 * better-sqlite3's shape, declared here structurally, so that only the adapter imports the client.
 */
import type { EventHeader, EventMetadata, ReadAllFilter, StoredEvent, TimedEvent } from './event-store.port';
import { formatSqlitePosition } from './positions';

export const SCHEMA_VERSION = 2;

export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as arrays of column values, in the order selected. */
  raw(toggle?: boolean): SqlStatement;
}

export interface SqlConnection {
  prepare(source: string): SqlStatement;
  exec(source: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  readonly inTransaction: boolean;
}

/**
 * `streams` lists the streams, one row each, written when a stream's first event is: listStreams
 * starts from it. Version 1 also kept each stream's revision there, rewritten by every append: a
 * page of the file written, and logged, per append, for what the (stream_id, revision) index
 * answers with one probe of the page the append writes anyway (see streamHead). Version 2 drops it.
 */
const MIGRATIONS: Record<number, string> = {
  1: `
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
  `,
  2: `
    ALTER TABLE streams DROP COLUMN revision;
  `,
};

/** Page statements differ only by how many filter values they bind; cap the cache all the same. */
const MAX_CACHED_PAGE_STATEMENTS = 64;

export class SqliteStatements {
  readonly begin: SqlStatement;
  readonly commit: SqlStatement;
  readonly rollback: SqlStatement;
  readonly savepoint: SqlStatement;
  readonly release: SqlStatement;
  readonly rollbackToSavepoint: SqlStatement;
  readonly streamHead: SqlStatement;
  readonly eventInStream: SqlStatement;
  readonly insertEvent: SqlStatement;
  readonly insertStream: SqlStatement;
  readonly streamEvents: SqlStatement;
  readonly streamTimedEvents: SqlStatement;
  readonly head: SqlStatement;
  readonly streamStarts: SqlStatement;
  private readonly beginRead: SqlStatement;
  private readonly pages = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlConnection) {
    migrate(db);
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.beginRead = db.prepare('BEGIN DEFERRED');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT one_append');
    this.release = db.prepare('RELEASE one_append');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO one_append');
    // The stream's last revision, or no row for a stream without events: one seek to the end of
    // the stream's range in the (stream_id, revision) index, where its next event goes.
    this.streamHead = db.prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
    this.eventInStream = db.prepare(
      'SELECT event_id, type, revision, position FROM events WHERE stream_id = ? AND event_id = ?',
    );
    this.insertEvent = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertStream = db.prepare('INSERT INTO streams (stream_id) VALUES (?) ON CONFLICT (stream_id) DO NOTHING');
    // Rows as arrays: a stream is read whole for every case a projection derives, millions on a rebuild.
    this.streamEvents = db.prepare(`SELECT ${STREAM_EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`).raw(true);
    this.streamTimedEvents = db.prepare(`SELECT ${TIMED_EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`).raw(true);
    this.head = db.prepare('SELECT MAX(position) AS position FROM events');
    // Each stream's first event: one (stream_id, revision) index entry, which carries the position, per stream.
    this.streamStarts = db.prepare(
      'SELECT s.stream_id AS streamId, e.position FROM streams s CROSS JOIN events e ON e.stream_id = s.stream_id AND e.revision = 0 WHERE s.stream_id GLOB ?',
    );
  }

  /** Binds: the position to read after, then the filter's prefixes and types, then the limit. */
  page(filter: ReadAllFilter | undefined, headers = false): SqlStatement {
    const prefixes = filter?.streamPrefixes?.length;
    const types = filter?.eventTypes?.length;
    const key = `${prefixes ?? '-'}:${types ?? '-'}:${headers ? 'h' : 'e'}`;
    let statement = this.pages.get(key);
    if (!statement) {
      // The unary + keeps SQLite on the position index: with the stream index it would sort every
      // matching event for each page, and a paged read of the log would grow with its square.
      const where = ['position > ?'];
      if (prefixes !== undefined) where.push(prefixes === 0 ? '0' : `(${Array(prefixes).fill('+stream_id GLOB ?').join(' OR ')})`);
      if (types !== undefined) where.push(types === 0 ? '0' : `type IN (${Array(types).fill('?').join(', ')})`);
      const columns = headers ? 'position, event_id, stream_id, revision, type' : '*';
      statement = this.db.prepare(`SELECT ${columns} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`);
      if (this.pages.size >= MAX_CACHED_PAGE_STATEMENTS) this.pages.clear();
      this.pages.set(key, statement);
    }
    return statement;
  }

  /** Runs reads against one snapshot of the file, so a head read and a page read agree. */
  readSnapshot<T>(read: () => T): T {
    if (this.db.inTransaction) return read();
    this.beginRead.run();
    try {
      return read();
    } finally {
      this.commit.run();
    }
  }
}

/** BEGIN IMMEDIATE so that two processes opening a new file cannot both create the schema. */
function migrate(db: SqlConnection): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === SCHEMA_VERSION) return;
  if (current > SCHEMA_VERSION) {
    throw new Error(`The event store file has schema version ${current}; this build knows up to ${SCHEMA_VERSION}`);
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let next = version + 1; next <= SCHEMA_VERSION; next += 1) db.exec(MIGRATIONS[next]);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export interface EventRow extends HeaderRow {
  data: string;
  metadata: string;
}

/** A stream's events, read raw: the stream id is the one asked for. */
const STREAM_EVENT_COLUMNS = 'position, event_id, revision, type, data, metadata';
export type StreamEventValues = [position: number, eventId: string, revision: number, type: string, data: string, metadata: string];

export function storedEventOf(streamId: string, values: StreamEventValues): StoredEvent {
  return {
    eventId: values[1],
    type: values[3],
    streamId,
    revision: values[2],
    position: formatSqlitePosition(values[0]),
    data: JSON.parse(values[4]) as Record<string, unknown>,
    metadata: JSON.parse(values[5]) as EventMetadata,
  };
}

/** A stream's events as a projection reads them (readStreamTimes). */
const TIMED_EVENT_COLUMNS = 'event_id, revision, type, data, metadata';
export type TimedEventValues = [eventId: string, revision: number, type: string, data: string, metadata: string];

export function timedEventOf(values: TimedEventValues): TimedEvent {
  const { occurredAt, recordedAt } = metadataTimes(values[4]);
  return { eventId: values[0], type: values[2], revision: values[1], occurredAt, recordedAt, data: JSON.parse(values[3]) as Record<string, unknown> };
}

const OCCURRED_AT = '{"occurredAt":"';
const RECORDED_AT = '","recordedAt":"';

/**
 * occurredAt and recordedAt of stored metadata, read straight from the text when it begins as the
 * store writes it (JSON.stringify of EventMetadata, those two first): under half the cost of
 * JSON.parse, which also builds recordedBy and the ids. Anything else is parsed: a backslash
 * anywhere (an escape might spell a key), or after the two values another key ending in `At`
 * (a repeated key, whose last value JSON.parse would keep).
 */
export function metadataTimes(text: string): Pick<EventMetadata, 'occurredAt' | 'recordedAt'> {
  if (text.startsWith(OCCURRED_AT)) {
    const occurredEnd = text.indexOf('"', OCCURRED_AT.length);
    if (occurredEnd > 0 && text.startsWith(RECORDED_AT, occurredEnd)) {
      const recordedStart = occurredEnd + RECORDED_AT.length;
      const recordedEnd = text.indexOf('"', recordedStart);
      if (recordedEnd > 0 && text.indexOf('\\') === -1 && text.indexOf('At"', recordedEnd) === -1) {
        return { occurredAt: text.slice(OCCURRED_AT.length, occurredEnd), recordedAt: text.slice(recordedStart, recordedEnd) };
      }
    }
  }
  const { occurredAt, recordedAt } = JSON.parse(text) as EventMetadata;
  return { occurredAt, recordedAt };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    ...toEventHeader(row),
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

export interface HeaderRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
}

export function toEventHeader(row: HeaderRow): EventHeader {
  return {
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: formatSqlitePosition(row.position),
  };
}

export function filterParameters(filter: ReadAllFilter | undefined): string[] {
  return [...(filter?.streamPrefixes ?? []).map(globPrefix), ...(filter?.eventTypes ?? [])];
}

/** GLOB is case-sensitive (LIKE is not); its wildcards in a prefix must match themselves. */
export function globPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}
