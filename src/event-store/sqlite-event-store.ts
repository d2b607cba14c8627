/**
 * The embedded event store: one SQLite file in WAL mode, written with group commit on a thread of
 * its own.
 *
 * The appends of one turn of the event loop go to the writer thread as one message, at once,
 * whether or not it is still writing earlier ones. It writes what has arrived while it was busy
 * as one transaction, each append atomic on its own (see sqlite-writer.ts): one fsync
 * (synchronous=FULL) makes a whole group durable while a conflict in one append refuses only
 * that append. A promise resolves only once COMMIT has returned. The fsync happens on the writer
 * thread, so the event loop goes on serving requests meanwhile, and the thread starts the next
 * group as soon as a COMMIT returns, without waiting for the event loop to take the answer. Reads use a connection of their own on the event loop: in WAL mode
 * they see every committed batch and never wait for the writer. Positions are the AUTOINCREMENT
 * rowids: writers are serialised by BEGIN IMMEDIATE, so positions grow in commit order and a
 * reader never sees a gap that fills in later.
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { normalizeReadOptions, validateAppend } from './adapter-support';
import { StoreUnavailableError, StreamNotFoundError } from './errors';
import type {
  AppendResult, EventHeader, EventStore, EventToAppend, ExpectedRevision, ReadAllFilter, ReadAllOptions, StoredEvent, StoreHealth, StreamListing, Subscription, TimedEvent,
} from './event-store.port';
import { compareSqlitePositions, formatSqlitePosition, parseSqlitePosition } from './positions';
import { openSqliteFile, SqliteConnection } from './sqlite-connection';
import { EventRow, filterParameters, globPrefix, HeaderRow, SqliteStatements, storedEventOf, StreamEventValues, timedEventOf, TimedEventValues, toEventHeader, toStoredEvent } from './sqlite-schema';
import { lazyStoredEvent, SqliteSubscription, SubscriptionPage, SubscriptionSource } from './sqlite-subscription';
import { AppendRequest, decodeOutcomes, encodeAppends, outcomeError, WriterReply, WriterRequest } from './sqlite-writer';
import { startWorker } from '../common/worker-thread';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its directory is created when missing. */
  file: string;
  /** How often live subscriptions look for events written by another process. Default 500. */
  pollIntervalMs?: number;
  /** Most appends sent in one message, and written in one transaction. Default 1000. */
  maxBatchSize?: number;
  /** How long to wait for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

interface PendingAppend {
  /** Checked and serialised before it is queued, so the writer thread has only SQL to run. */
  request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class SqliteEventStore implements EventStore, SubscriptionSource {
  private readonly db: SqliteConnection;
  private readonly sql: SqliteStatements;
  private readonly pollIntervalMs: number;
  private readonly maxBatchSize: number;
  private readonly writerData: { file: string; busyTimeoutMs: number; maxBatchSize: number };
  /** Started by the first append: a store only read from (a rebuild's deriving workers) has none. */
  private writerThread?: Worker;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  /** Batches sent to the writer thread and not answered yet, by id; it writes them in the order sent. */
  private readonly inFlight = new Map<number, PendingAppend[]>();
  private batches = 0;
  /** Why the writer thread is gone, when it died; appends are refused from then on. */
  private writerFailure?: Error;
  private writerExited: Promise<void> = Promise.resolve();
  /** Set by close(): called once nothing is queued or being written. */
  private whenIdle?: () => void;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private pollTimer?: NodeJS.Timeout;
  private lastSeenHead: number | null = null;
  private closed = false;
  private closing?: Promise<void>;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    // Opened (and the schema created or migrated) here first, so that a bad file fails the constructor.
    this.db = openSqliteFile(options.file, busyTimeoutMs);
    try {
      this.sql = new SqliteStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.writerData = { file: options.file, busyTimeoutMs, maxBatchSize: this.maxBatchSize };
  }

  private writer(): Worker {
    if (this.writerThread) return this.writerThread;
    const writer = startWorker(path.join(__dirname, 'sqlite-writer.worker'), __filename, this.writerData);
    this.writerThread = writer;
    // The thread keeps the process alive only while it has appends to write (see flush).
    writer.unref();
    writer.on('message', (reply: WriterReply) => this.onReply(reply));
    writer.on('error', (error) => this.writerDied(error));
    this.writerExited = new Promise((resolve) => writer.once('exit', () => resolve()));
    writer.once('exit', (code) => {
      if (!this.closed) this.writerDied(new Error(`the writer thread exited with code ${code}`));
    });
    return writer;
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The SQLite event store is closed'));
    if (this.writerFailure) return Promise.reject(this.unavailable());
    let request: AppendRequest;
    try {
      const canonical = validateAppend(streamId, events, expected);
      request = {
        streamId,
        expected,
        events: canonical.map((e) => ({ eventId: e.eventId, type: e.type })),
        json: canonical.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) })),
      };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    this.ensureOpen();
    const rows = this.sql.streamEvents.all(streamId) as StreamEventValues[];
    if (rows.length === 0) throw new StreamNotFoundError(streamId);
    return rows.map((values) => storedEventOf(streamId, values));
  }

  async readStreamTimes(streamId: string): Promise<TimedEvent[]> {
    this.ensureOpen();
    const rows = this.sql.streamTimedEvents.all(streamId) as TimedEventValues[];
    if (rows.length === 0) throw new StreamNotFoundError(streamId);
    return rows.map(timedEventOf);
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

  async listStreams(prefixes: string[]): Promise<StreamListing> {
    this.ensureOpen();
    return this.sql.readSnapshot(() => {
      const head = this.head();
      const starts: Array<{ streamId: string; position: number }> = [];
      for (const prefix of new Set(prefixes)) {
        for (const start of this.sql.streamStarts.all(globPrefix(prefix)) as typeof starts) starts.push(start);
      }
      starts.sort((a, b) => a.position - b.position);
      // A stream that matches two prefixes (case- and case-1) is listed once.
      return { head: head === null ? undefined : formatSqlitePosition(head), streamIds: [...new Set(starts.map((start) => start.streamId))] };
    });
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
      if (this.writerFailure) throw this.unavailable();
      const head = this.head();
      return { backend: 'sqlite', ok: true, detail: `${this.db.name}: head position ${head ?? 'none (empty log)'}` };
    } catch (error) {
      return { backend: 'sqlite', ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Writes what was appended before it, then closes; later appends are refused. */
  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.whenIdle = resolve;
      this.flush();
    });
    if (this.writerThread) {
      // Referenced until it has gone, or a process with nothing else to do would exit before close() returns.
      this.writerThread.ref();
      if (!this.writerFailure) this.send({ type: 'close' });
      await this.writerExited;
    }
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
      return { events: rows.map(lazyStoredEvent), scannedTo };
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
      this.flush();
    });
  }

  /** Hands the queue to the writer thread, in batches of up to maxBatchSize, whether or not it is still writing. */
  private flush(): void {
    if (this.writerFailure) {
      for (const pending of this.queue.splice(0)) pending.reject(this.unavailable());
    }
    if (this.queue.length === 0) {
      this.whenSettled();
      return;
    }
    this.writer().ref();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      const id = (this.batches += 1);
      this.inFlight.set(id, batch);
      this.send({ type: 'write', id, count: batch.length, appends: encodeAppends(batch.map((p) => p.request)) });
    }
  }

  /** Once nothing is queued or being written, the thread no longer keeps the process alive, and close() may go on. */
  private whenSettled(): void {
    if (this.queue.length > 0 || this.inFlight.size > 0) return;
    this.writerThread?.unref();
    this.whenIdle?.();
  }

  private send(request: WriterRequest): void {
    this.writer().postMessage(request);
  }

  private onReply(reply: WriterReply): void {
    if (reply.type === 'closed') return;
    const failure = reply.type === 'failed' ? new StoreUnavailableError(`SQLite write failed: ${reply.message}`) : undefined;
    reply.ids.forEach((id, r) => {
      const batch = this.inFlight.get(id);
      if (!batch) return;
      this.inFlight.delete(id);
      if (reply.type === 'failed') {
        for (const pending of batch) pending.reject(failure);
        return;
      }
      const outcomes = decodeOutcomes(batch.map((p) => p.request), reply.outcomes[r]);
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if ('ok' in outcome) pending.resolve(outcome.ok);
        else pending.reject(outcomeError(outcome));
      });
    });
    if (reply.type === 'written') this.wakeSubscriptions();
    this.whenSettled();
  }

  private writerDied(error: Error): void {
    if (this.writerFailure) return;
    this.writerFailure = error;
    const lost = [...this.inFlight.values()].flat();
    this.inFlight.clear();
    // Whether the batches sent were committed is unknown: the caller must read to find out.
    for (const pending of lost) pending.reject(this.unavailable());
    this.flush();
  }

  private unavailable(): StoreUnavailableError {
    return new StoreUnavailableError(`The SQLite event store cannot write: ${this.writerFailure?.message}`, this.writerFailure);
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

function maxBigInt(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
