/**
 * The write half of the SQLite store: group commit. The appends the writer thread finds waiting
 * are written in one transaction, so that one fsync (synchronous=FULL) makes the whole group
 * durable, while a conflict in one append refuses only that append: it is found before the append
 * writes anything, and an append of several events goes in a savepoint of its own, which undoes
 * its rows if one fails to be written (see appendOne). It runs on the store's writer thread (sqlite-writer.worker.ts), so that the fsync,
 * and the rest of the writing, never holds up the event loop that serves requests.
 *
 * The event loop sends appends as they come (one message per turn of its loop) without waiting for
 * the previous ones to commit; the thread writes whatever has arrived while it was committing as
 * the next transaction. Each message is answered once the transaction that holds it has committed.
 *
 * Messages between the threads are plain data, and flat: each write request carries its appends,
 * and each answer their outcomes, as one array of strings and numbers (see encodeAppends and
 * encodeOutcomes). Structured cloning copies every object and property it meets, on the sending
 * thread and again on the receiving one: an append as nested objects cost several times what its
 * strings do, on the event loop as much as on the writer thread.
 */
import { expectationHolds, partlyExistingMessage } from './adapter-support';
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

/**
 * The appends of one write request, flat: per append, its stream id, its expected revision and its
 * number of events, then each event's id, type, data and metadata (the JSON texts).
 */
export type WireAppends = Array<string | number>;

/**
 * The outcomes of one write request's appends, flat, in order. An append is known to both threads,
 * so only what the writer learnt is sent back. Per append, a code and then:
 * - APPENDED: the stream's revision and the position of each event, whose id and type are the
 *   request's and whose revisions run up to that revision (a stored retry that answers the same
 *   is sent this way too);
 * - STORED: the revision, then each event as stored: id, type, revision, position (the events of
 *   an idempotent retry, where they differ from the above);
 * - CONFLICT: the stream's actual revision ('no-stream' or a number) and the message;
 * - INVALID: the message.
 */
export type WireOutcomes = Array<string | number | bigint>;

const APPENDED = 0;
const STORED = 1;
const CONFLICT = 2;
const INVALID = 3;

/** `count`: how many appends `appends` holds. */
export type WriterRequest = { type: 'write'; id: number; count: number; appends: WireAppends } | { type: 'close' };

export type WriterReply =
  /** One transaction committed: the outcomes of each of its write requests, in the order of `ids`. */
  | { type: 'written'; ids: number[]; outcomes: WireOutcomes[] }
  /** The transaction failed as a whole (COMMIT, a lock held too long, I/O): nothing of these requests is stored. */
  | { type: 'failed'; ids: number[]; message: string }
  | { type: 'closed' };

export function encodeAppends(batch: readonly AppendRequest[]): WireAppends {
  const wire: WireAppends = [];
  for (const { streamId, expected, events, json } of batch) {
    wire.push(streamId, expected, events.length);
    for (let i = 0; i < events.length; i++) wire.push(events[i].eventId, events[i].type, json[i].data, json[i].metadata);
  }
  return wire;
}

export function decodeAppends(wire: WireAppends): AppendRequest[] {
  const batch: AppendRequest[] = [];
  let at = 0;
  while (at < wire.length) {
    const streamId = wire[at++] as string;
    const expected = wire[at++] as ExpectedRevision;
    const count = wire[at++] as number;
    const events: AppendRequest['events'] = [];
    const json: AppendRequest['json'] = [];
    for (let i = 0; i < count; i++) {
      events.push({ eventId: wire[at++] as string, type: wire[at++] as string });
      json.push({ data: wire[at++] as string, metadata: wire[at++] as string });
    }
    batch.push({ streamId, expected, events, json });
  }
  return batch;
}

/** Positions travel as the rowids they are; the event loop formats them. */
interface WrittenEvent {
  eventId: string;
  type: string;
  revision: number;
  position: number | bigint;
}

/** How the writer found one append, before it is encoded. */
type WrittenOutcome =
  | { written: { revision: number; events: WrittenEvent[] } }
  | { conflict: { actual: number | 'no-stream'; message: string } }
  | { invalid: string };

export function encodeOutcomes(batch: readonly AppendRequest[], outcomes: readonly WrittenOutcome[]): WireOutcomes {
  const wire: WireOutcomes = [];
  outcomes.forEach((outcome, a) => {
    if ('conflict' in outcome) {
      wire.push(CONFLICT, outcome.conflict.actual, outcome.conflict.message);
    } else if ('invalid' in outcome) {
      wire.push(INVALID, outcome.invalid);
    } else {
      const { revision, events } = outcome.written;
      const asked = batch[a].events;
      const first = revision - events.length + 1;
      const asAsked = events.length === asked.length && events.every((e, i) => e.eventId === asked[i].eventId && e.type === asked[i].type && e.revision === first + i);
      if (asAsked) {
        wire.push(APPENDED, revision);
        for (const e of events) wire.push(e.position);
      } else {
        wire.push(STORED, revision, events.length);
        for (const e of events) wire.push(e.eventId, e.type, e.revision, e.position);
      }
    }
  });
  return wire;
}

/** The outcomes of `batch`, as the writer encoded them. */
export function decodeOutcomes(batch: readonly AppendRequest[], wire: WireOutcomes): AppendOutcome[] {
  const outcomes: AppendOutcome[] = [];
  let at = 0;
  for (const { streamId, expected, events: asked } of batch) {
    const code = wire[at++];
    if (code === CONFLICT) {
      const actual = wire[at++] as number | 'no-stream';
      outcomes.push({ conflict: { streamId, expected, actual, message: wire[at++] as string } });
    } else if (code === INVALID) {
      outcomes.push({ invalid: wire[at++] as string });
    } else if (code === APPENDED) {
      const revision = wire[at++] as number;
      const first = revision - asked.length + 1;
      const events: AppendedEvent[] = asked.map((e, i) => ({ eventId: e.eventId, type: e.type, revision: first + i, position: formatSqlitePosition(wire[at++] as number | bigint) }));
      outcomes.push({ ok: { streamId, revision, events } });
    } else {
      const revision = wire[at++] as number;
      const count = wire[at++] as number;
      const events: AppendedEvent[] = [];
      for (let i = 0; i < count; i++) {
        const eventId = wire[at++] as string;
        const type = wire[at++] as string;
        const eventRevision = wire[at++] as number;
        events.push({ eventId, type, revision: eventRevision, position: formatSqlitePosition(wire[at++] as number | bigint) });
      }
      outcomes.push({ ok: { streamId, revision, events } });
    }
  }
  return outcomes;
}

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

function toWrittenEvent(row: ExistingEvent): WrittenEvent {
  return { eventId: row.event_id, type: row.type, revision: row.revision, position: row.position };
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
      const batches = requests.map((r) => decodeAppends(r.appends));
      const outcomes = this.write(batches.length === 1 ? batches[0] : batches.flat());
      let at = 0;
      return { type: 'written', ids, outcomes: batches.map((batch) => encodeOutcomes(batch, outcomes.slice(at, (at += batch.length)))) };
    } catch (error) {
      return { type: 'failed', ids, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Writes a batch in one transaction and returns how each append went, once COMMIT has returned
   * (so the batch is durable). Throws when the transaction as a whole fails; then nothing of the
   * batch is stored.
   */
  write(batch: AppendRequest[]): WrittenOutcome[] {
    const outcomes: WrittenOutcome[] = [];
    try {
      this.sql.begin.run();
      for (const request of batch) outcomes.push(this.appendOne(request));
      this.sql.commit.run();
    } catch (error) {
      if (this.inTransaction()) this.sql.rollback.run();
      throw error;
    }
    return outcomes;
  }

  /**
   * A conflict is returned, not thrown, so only the transaction-level failures abort the batch.
   * Whatever refuses an append is found before it writes anything. An append of one event then
   * writes one row of events with one statement, which SQLite makes atomic, so a failure leaves
   * nothing of it to undo; an append of several events writes several rows, so it goes in a
   * savepoint, and a failure part-way undoes the rows it wrote.
   */
  private appendOne(request: AppendRequest): WrittenOutcome {
    const savepoint = request.events.length > 1;
    if (savepoint) this.sql.savepoint.run();
    try {
      const written = this.appendNow(request);
      if (savepoint) this.sql.release.run();
      return { written };
    } catch (error) {
      if (savepoint) {
        this.sql.rollbackToSavepoint.run();
        this.sql.release.run();
      }
      if (error instanceof ConcurrencyError) return { conflict: { actual: error.actual, message: error.message } };
      if (error instanceof EventStoreError || error instanceof TypeError) return { invalid: error.message };
      throw error;
    }
  }

  private appendNow({ streamId, expected, events, json }: AppendRequest): { revision: number; events: WrittenEvent[] } {
    const stream = this.sql.streamHead.get(streamId) as { revision: number } | undefined;
    const actual = stream ? stream.revision : 'no-stream';
    if (stream && events.length > 0) {
      const existing = events.map((e) => this.sql.eventInStream.get(streamId, e.eventId) as ExistingEvent | undefined);
      const found = existing.filter((e) => e !== undefined).length;
      if (found === events.length) {
        // The result the first append returned: its revision is the highest of its events.
        const stored = existing.map((e) => toWrittenEvent(e as ExistingEvent));
        return { revision: Math.max(...stored.map((e) => e.revision)), events: stored };
      }
      if (found > 0) throw new ConcurrencyError(streamId, expected, actual, partlyExistingMessage(streamId, found, events.length));
    }
    if (!expectationHolds(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
    if (events.length === 0) return { revision: stream ? stream.revision : -1, events: [] };
    let revision = stream ? stream.revision : -1;
    const appended: WrittenEvent[] = events.map((event, i) => {
      revision += 1;
      const { lastInsertRowid } = this.sql.insertEvent.run(event.eventId, streamId, revision, event.type, json[i].data, json[i].metadata);
      return { eventId: event.eventId, type: event.type, revision, position: lastInsertRowid };
    });
    if (!stream) this.listStream(streamId);
    return { revision, events: appended };
  }

  /**
   * The row of a stream whose first events were just written. It cannot fail but with the file
   * (I/O, a full disk), and if it did, it fails the whole transaction, which undoes those events:
   * an append without a savepoint must not be answered as refused with its row left behind.
   */
  private listStream(streamId: string): void {
    try {
      this.sql.insertStream.run(streamId);
    } catch (error) {
      throw new Error(`Stream ${streamId} could not be listed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
