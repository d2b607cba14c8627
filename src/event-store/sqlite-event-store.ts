/**
 * The embedded event store: one SQLite file in WAL mode, written with group commit.
 *
 * Appends made in the same turn of the event loop are written in one transaction, each inside
 * its own savepoint, so that one fsync (synchronous=FULL) makes a whole batch durable while a
 * conflict in one append rolls back only that append. A promise resolves only once COMMIT has
 * returned. Positions are the AUTOINCREMENT rowids: writers are serialised by BEGIN IMMEDIATE,
 * so positions grow in commit order and a reader never sees a gap that fills in later.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendResultOf, expectationHolds, normalizeReadOptions, partlyExistingMessage, validateAppend } from './adapter-support';
import { ConcurrencyError, EventStoreError, StoreUnavailableError, StreamNotFoundError } from './errors';
import type {
  AppendedEvent, AppendResult, EventHeader, EventStore, EventToAppend, ExpectedRevision, ReadAllFilter, ReadAllOptions,
  StoredEvent, StoreHealth, Subscription,
} from './event-store.port';
import { compareSqlitePositions, formatSqlitePosition, parseSqlitePosition } from './positions';
import { EventRow, filterParameters, HeaderRow, SqliteStatements, toEventHeader, toStoredEvent } from './sqlite-schema';
import { SqliteSubscription, SubscriptionPage, SubscriptionSource } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its directory is created when missing. */
  file: string;
  /** How often live subscriptions look for events written by another process. Default 500. */
  pollIntervalMs?: number;
  /** Most appends written in one transaction. Default 1000. */
  maxBatchSize?: number;
  /** How long to wait for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: EventToAppend[];
  /** Serialised before the batch starts, so no JSON work happens while the write lock is held. */
  json: Array<{ data: string; metadata: string }>;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class SqliteEventStore implements EventStore, SubscriptionSource {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  private readonly pollIntervalMs: number;
  private readonly maxBatchSize: number;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private pollTimer?: NodeJS.Timeout;
  private lastSeenHead: number | null = null;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    this.db = new Database(options.file, { timeout: busyTimeoutMs });
    try {
      this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.sql = new SqliteStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The SQLite event store is closed'));
    let canonical: EventToAppend[];
    let json: PendingAppend['json'];
    try {
      canonical = validateAppend(streamId, events, expected);
      json = canonical.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expected, events: canonical, json, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    this.ensureOpen();
    const rows = this.sql.streamEvents.all(streamId) as EventRow[];
    if (rows.length === 0) throw new StreamNotFoundError(streamId);
    return rows.map(toStoredEvent);
  }

  readAll(fromPosition?: string, options?: ReadAllOptions): AsyncGenerator<StoredEvent> {
    return this.pages(fromPosition, options, (after, limit, filter) => this.readPage(after, limit, filter), toStoredEvent);
  }

  readHeaders(fromPosition?: string, options?: ReadAllOptions): AsyncGenerator<EventHeader> {
    return this.pages(fromPosition, options, (after, limit, filter) => this.readHeaderPage(after, limit, filter), toEventHeader);
  }

  private async *pages<R extends { position: number }, T>(
    fromPosition: string | undefined,
    options: ReadAllOptions | undefined,
    read: (after: bigint, limit: number, filter: ReadAllFilter | undefined) => R[],
    map: (row: R) => T,
  ): AsyncGenerator<T> {
    const { batchSize, maxCount, filter } = normalizeReadOptions(options);
    let after = fromPosition === undefined ? 0n : parseSqlitePosition(fromPosition);
    let remaining = maxCount;
    while (remaining > 0) {
      const limit = Math.min(batchSize, remaining);
      const rows = read(after, limit, filter);
      for (const row of rows) yield map(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      after = BigInt(rows[rows.length - 1].position);
    }
  }

  subscribeAll(fromPosition?: string, options: { filter?: ReadAllFilter } = {}): Subscription {
    if (this.closed) throw new StoreUnavailableError('The SQLite event store is closed');
    const after = fromPosition === undefined ? 0n : parseSqlitePosition(fromPosition);
    const subscription = new SqliteSubscription(this, after, options.filter);
    this.subscriptions.add(subscription);
    this.startPolling();
    return subscription;
  }

  async headPosition(): Promise<string | undefined> {
    this.ensureOpen();
    const head = this.head();
    return head === null ? undefined : formatSqlitePosition(head);
  }

  comparePositions(a: string, b: string): number {
    return compareSqlitePositions(a, b);
  }

  async health(): Promise<StoreHealth> {
    try {
      const head = this.head();
      return { backend: 'sqlite', ok: true, detail: `${this.db.name}: head position ${head ?? 'none (empty log)'}` };
    } catch (error) {
      return { backend: 'sqlite', ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.queue.length > 0) this.flush();
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.stopPolling();
    this.db.close();
  }

  /** One bounded page of the log; readAll and subscriptions read only through here. */
  readPage(after: bigint, limit: number, filter: ReadAllFilter | undefined): EventRow[] {
    this.ensureOpen();
    return this.sql.page(filter).all(after, ...filterParameters(filter), limit) as EventRow[];
  }

  private readHeaderPage(after: bigint, limit: number, filter: ReadAllFilter | undefined): HeaderRow[] {
    this.ensureOpen();
    return this.sql.page(filter, true).all(after, ...filterParameters(filter), limit) as HeaderRow[];
  }

  readPageForSubscription(after: bigint, limit: number, filter: ReadAllFilter | undefined): SubscriptionPage {
    return this.sql.readSnapshot(() => {
      const head = this.head();
      const rows = this.readPage(after, limit, filter);
      const complete = rows.length < limit;
      const scannedTo = complete ? maxBigInt(after, BigInt(head ?? 0)) : BigInt(rows[rows.length - 1].position);
      return { events: rows.map(toStoredEvent), scannedTo };
    });
  }

  detach(subscription: SqliteSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stopPolling();
  }

  private ensureOpen(): void {
    if (!this.db.open) throw new StoreUnavailableError('The SQLite event store is closed');
  }

  private head(): number | null {
    return (this.sql.head.get() as { position: number | null }).position;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.db.open) this.flush();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (this.queue.length > 0) this.scheduleFlush();
    if (batch.length === 0) return;
    const outcomes: Array<AppendResult | Error> = [];
    try {
      this.sql.begin.run();
      for (const pending of batch) outcomes.push(this.appendInSavepoint(pending));
      this.sql.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.sql.rollback.run();
      const failure = new StoreUnavailableError(`SQLite write failed: ${error instanceof Error ? error.message : String(error)}`, error);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    });
    this.wakeSubscriptions();
  }

  /** A conflict is returned, not thrown, so only the transaction-level failures abort the batch. */
  private appendInSavepoint(pending: PendingAppend): AppendResult | Error {
    this.sql.savepoint.run();
    try {
      const result = this.appendNow(pending);
      this.sql.release.run();
      return result;
    } catch (error) {
      this.sql.rollbackToSavepoint.run();
      this.sql.release.run();
      if (error instanceof EventStoreError || error instanceof TypeError) return error;
      throw error;
    }
  }

  private appendNow({ streamId, expected, events, json }: PendingAppend): AppendResult {
    const stream = this.sql.streamRevision.get(streamId) as { revision: number } | undefined;
    const actual = stream ? stream.revision : 'no-stream';
    if (stream && events.length > 0) {
      const existing = events.map((e) => this.sql.eventInStream.get(streamId, e.eventId) as ExistingEvent | undefined);
      const found = existing.filter((e) => e !== undefined).length;
      if (found === events.length) {
        return appendResultOf(streamId, existing.map((e) => toAppendedEvent(e as ExistingEvent)));
      }
      if (found > 0) throw new ConcurrencyError(streamId, expected, actual, partlyExistingMessage(streamId, found, events.length));
    }
    if (!expectationHolds(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
    if (events.length === 0) return { streamId, revision: stream ? stream.revision : -1, events: [] };
    let revision = stream ? stream.revision : -1;
    const appended: AppendedEvent[] = events.map((event, i) => {
      revision += 1;
      const { lastInsertRowid } = this.sql.insertEvent.run(event.eventId, streamId, revision, event.type, json[i].data, json[i].metadata);
      return { eventId: event.eventId, type: event.type, revision, position: formatSqlitePosition(lastInsertRowid) };
    });
    this.sql.upsertStream.run(streamId, revision);
    return { streamId, revision, events: appended };
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /** Another process writing the same file cannot notify us; a cheap head check every interval does. */
  private startPolling(): void {
    if (this.pollTimer) return;
    this.lastSeenHead = this.head();
    this.pollTimer = setInterval(() => this.poll(), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  private poll(): void {
    if (!this.db.open) return;
    const head = this.head();
    if (head !== this.lastSeenHead) {
      this.lastSeenHead = head;
      this.wakeSubscriptions();
    }
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }
}

interface ExistingEvent {
  event_id: string;
  type: string;
  revision: number;
  position: number;
}

function toAppendedEvent(row: ExistingEvent): AppendedEvent {
  return { eventId: row.event_id, type: row.type, revision: row.revision, position: formatSqlitePosition(row.position) };
}

function maxBigInt(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
