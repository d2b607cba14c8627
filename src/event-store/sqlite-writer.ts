/**
 * The write half of the SQLite store: group commit. A batch of appends is written in one
 * transaction, each append inside its own savepoint, so that one fsync (synchronous=FULL) makes
 * the whole batch durable while a conflict in one append rolls back only that append. It runs on
 * the store's writer thread (sqlite-writer.worker.ts), so that the fsync, and the rest of the
 * writing, never holds up the event loop that serves requests.
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
  | { type: 'written'; id: number; outcomes: AppendOutcome[] }
  /** The transaction failed as a whole (COMMIT, a lock held too long, I/O): nothing of the batch is stored. */
  | { type: 'failed'; id: number; message: string }
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
}
