/**
 * The write half of the SQLite store: group commit. The appends the writer thread finds waiting
 * are written in one transaction, each append inside its own savepoint, so that one fsync
 * (synchronous=FULL) makes the whole group durable while a conflict in one append rolls back only
 * that append. It runs on the store's writer thread (sqlite-writer.worker.ts), so that the fsync,
 * and the rest of the writing, never holds up the event loop that serves requests.
 *
 * The event loop sends appends as they come (one message per turn of its loop) without waiting for
 * the previous ones to commit; the thread writes whatever has arrived while it was committing as
 * the next transaction. Each message is answered once the transaction that holds it has committed.
 *
 * Messages between the threads are plain data: results, and errors as the fields to rebuild them.
 */
import { appendResultOf, expectationHolds, partlyExistingMessage } from './adapter-support';
import { ConcurrencyError, EventStoreError } from './errors';
import type { AppendedEvent, AppendResult, ExpectedRevision } from './event-store.port';
import { formatSqlitePosition } from './positions';
import type { SqliteStatements } from './sqlite-schema';

/** One append, checked and serialised by the store before it leaves the event loop. */
export interface AppendRequest {
  streamId: string;
  expected: ExpectedRevision;
  /** Canonical (lower-case) ids, in order. */
  events: Array<{ eventId: string; type: string }>;
  /** data and metadata as JSON text, in the same order. */
  json: Array<{ data: string; metadata: string }>;
}

/** How one append of a committed batch went. */
export type AppendOutcome =
  | { ok: AppendResult }
  | { conflict: { streamId: string; expected: ExpectedRevision; actual: number | 'no-stream'; message: string } }
  | { invalid: string };

export type WriterRequest = { type: 'write'; id: number; batch: AppendRequest[] } | { type: 'close' };

export type WriterReply =
  /** One transaction committed: the outcomes of each of its write requests, in the order of `ids`. */
  | { type: 'written'; ids: number[]; outcomes: AppendOutcome[][] }
  /** The transaction failed as a whole (COMMIT, a lock held too long, I/O): nothing of these requests is stored. */
  | { type: 'failed'; ids: number[]; message: string }
  | { type: 'closed' };

export function outcomeError(outcome: Exclude<AppendOutcome, { ok: AppendResult }>): Error {
  if ('conflict' in outcome) {
    const { streamId, expected, actual, message } = outcome.conflict;
    return new ConcurrencyError(streamId, expected, actual, message);
  }
  return new TypeError(outcome.invalid);
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

export class SqliteWriter {
  constructor(
    private readonly sql: SqliteStatements,
    private readonly inTransaction: () => boolean,
  ) {}

  /**
   * Writes the appends of several write requests in one transaction and answers for each request.
   * Never throws: a failed transaction is a 'failed' reply.
   */
  writeGroup(requests: Array<Extract<WriterRequest, { type: 'write' }>>): WriterReply {
    const ids = requests.map((r) => r.id);
    try {
      const outcomes = this.write(requests.length === 1 ? requests[0].batch : requests.flatMap((r) => r.batch));
      if (requests.length === 1) return { type: 'written', ids, outcomes: [outcomes] };
      let at = 0;
      return { type: 'written', ids, outcomes: requests.map((r) => outcomes.slice(at, (at += r.batch.length))) };
    } catch (error) {
      return { type: 'failed', ids, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Writes a batch in one transaction and returns how each append went, once COMMIT has returned
   * (so the batch is durable). Throws when the transaction as a whole fails; then nothing of the
   * batch is stored.
   */
  write(batch: AppendRequest[]): AppendOutcome[] {
    const outcomes: AppendOutcome[] = [];
    try {
      this.sql.begin.run();
      for (const request of batch) outcomes.push(this.appendInSavepoint(request));
      this.sql.commit.run();
    } catch (error) {
      if (this.inTransaction()) this.sql.rollback.run();
      throw error;
    }
    return outcomes;
  }

  /** A conflict is returned, not thrown, so only the transaction-level failures abort the batch. */
  private appendInSavepoint(request: AppendRequest): AppendOutcome {
    this.sql.savepoint.run();
    try {
      const result = this.appendNow(request);
      this.sql.release.run();
      return { ok: result };
    } catch (error) {
      this.sql.rollbackToSavepoint.run();
      this.sql.release.run();
      if (error instanceof ConcurrencyError) {
        const { streamId, expected, actual, message } = error;
        return { conflict: { streamId, expected, actual, message } };
      }
      if (error instanceof EventStoreError || error instanceof TypeError) return { invalid: error.message };
      throw error;
    }
  }

  private appendNow({ streamId, expected, events, json }: AppendRequest): AppendResult {
    const stream = this.sql.streamHead.get(streamId) as { revision: number } | undefined;
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
    if (!stream) this.sql.insertStream.run(streamId);
    return { streamId, revision, events: appended };
  }
}
