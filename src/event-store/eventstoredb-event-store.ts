/**
 * The production event store: EventStoreDB / KurrentDB through @eventstore/db-client.
 *
 * Positions are the server's {commit, prepare} pair, encoded by ./positions. The server makes a
 * retried append idempotent but answers it with the stream's revision only, so every append reads
 * its events back to return their own revisions and positions as first stored. System streams and
 * events (names starting with '$') are never shown to callers.
 */
import {
  ANY, BACKWARDS, END, EventStoreDBClient, FORWARDS, NO_STREAM, START, STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError, WrongExpectedVersionError,
  eventTypeFilter, excludeSystemEvents, jsonEvent, streamNameFilter,
  type AllStreamResolvedEvent, type AppendExpectedRevision, type Filter, type ReadRevision, type RecordedEvent,
} from '@eventstore/db-client';
import {
  appendResultOf, expectationHolds, isReservedName, matchesFilter, normalizeReadOptions, partlyExistingMessage, validateAppend,
} from './adapter-support';
import { ConcurrencyError, StoreUnavailableError, StreamNotFoundError } from './errors';
import type {
  AppendedEvent, AppendResult, EventHeader, EventMetadata, EventStore, EventToAppend, ExpectedRevision, ReadAllFilter, ReadAllOptions,
  StoredEvent, StoreHealth, StreamListing, Subscription, TimedEvent,
} from './event-store.port';
import { headerOf, timedOf } from './event-store.port';
import { compareLogPositions, decodeLogPosition, encodeLogPosition, LogPosition } from './positions';
import { ResubscribingSubscription } from './resubscribing-subscription';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or `esdb+discover://...` for a cluster. */
  connectionString: string;
  /** How long health() waits for the server, in ms. Default 5000. */
  healthTimeoutMs?: number;
}

const HEAD_SCAN_PAGE = 100;

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly healthTimeoutMs: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.healthTimeoutMs = options.healthTimeoutMs ?? 5000;
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const canonical = validateAppend(streamId, events, expected);
    if (canonical.length === 0) return this.appendNothing(streamId, expected);
    let lastRevision: bigint;
    try {
      const result = await this.client.appendToStream(
        streamId,
        canonical.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata } })),
        { expectedRevision: toExpectedRevision(expected) },
      );
      // Only when the connection string sets throwOnAppendFailure=false; the client then reports
      // the current revision unreliably (6.2.1's batch append gives 1n for any), so read it.
      if (!result.success) return await this.afterConflict(streamId, canonical, expected, await this.currentRevision(streamId));
      lastRevision = result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM || error.actualVersion < 0n ? 'no-stream' : Number(error.actualVersion);
        return this.afterConflict(streamId, canonical, expected, actual);
      }
      throw unavailable(`append to ${streamId}`, error);
    }
    return this.readBackAppended(streamId, canonical, lastRevision);
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const recorded = await this.readRecorded(streamId, FORWARDS, START);
    const events = recorded.map(toStoredEvent).filter((e): e is StoredEvent => e !== undefined);
    if (events.length === 0) throw new StreamNotFoundError(streamId);
    return events;
  }

  /** The client parses the whole metadata anyway: the events of readStream, reshaped. */
  async readStreamTimes(streamId: string): Promise<TimedEvent[]> {
    return (await this.readStream(streamId)).map(timedOf);
  }

  /** The server sends whole events either way: the bodies are dropped here. */
  async *readHeaders(fromPosition?: string, options?: ReadAllOptions): AsyncGenerator<EventHeader> {
    for await (const event of this.readAll(fromPosition, options)) yield headerOf(event);
  }

  /**
   * The server keeps no list of streams a client may rely on (the $streams stream needs the system
   * projections), so the log up to its head is read, and each stream noted where it begins.
   */
  async listStreams(prefixes: string[]): Promise<StreamListing> {
    const head = await this.headPosition();
    const streamIds: string[] = [];
    if (head === undefined) return { head, streamIds };
    const seen = new Set<string>();
    for await (const header of this.readHeaders(undefined, { batchSize: 1000, filter: { streamPrefixes: prefixes } })) {
      if (this.comparePositions(header.position, head) > 0) break;
      if (seen.has(header.streamId)) continue;
      seen.add(header.streamId);
      streamIds.push(header.streamId);
    }
    return { head, streamIds };
  }

  async *readAll(fromPosition?: string, options?: ReadAllOptions): AsyncGenerator<StoredEvent> {
    const { batchSize, maxCount, filter } = normalizeReadOptions(options);
    let cursor = fromPosition === undefined ? undefined : decodeLogPosition(fromPosition);
    let remaining = maxCount;
    while (remaining > 0) {
      // A forward read includes the event at its start position, which the last page delivered.
      const page = this.client.readAll({ fromPosition: cursor ?? START, direction: FORWARDS, maxCount: batchSize });
      let received = 0;
      let advanced = false;
      let finished = false;
      try {
        for await (const resolved of page) {
          received += 1;
          const record = resolved.event;
          if (!record || (cursor && compareLogPositions(record.position, cursor) <= 0)) continue;
          cursor = record.position;
          advanced = true;
          const event = visibleEvent(resolved, filter);
          if (!event) continue;
          yield event;
          remaining -= 1;
          if (remaining === 0) return;
        }
        finished = true;
      } catch (error) {
        throw unavailable('read $all', error);
      } finally {
        if (!finished) await page.cancel().catch(() => undefined);
      }
      if (received < batchSize || !advanced) return;
    }
  }

  subscribeAll(fromPosition?: string, options: { filter?: ReadAllFilter } = {}): Subscription {
    const { filter } = options;
    const serverFilter = toServerFilter(filter);
    const subscription: Subscription = new ResubscribingSubscription<AllStreamResolvedEvent>(
      {
        after: fromPosition === undefined ? undefined : decodeLogPosition(fromPosition),
        open: (after) => this.client.subscribeToAll({ fromPosition: after ?? START, filter: serverFilter, resolveLinkTos: false }),
        decode: (resolved) => (resolved.event ? { position: resolved.event.position, event: visibleEvent(resolved, filter) } : undefined),
      },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The position of the last event a caller can see, skipping the server's own trailing events. */
  async headPosition(): Promise<string | undefined> {
    let from: LogPosition | undefined;
    for (;;) {
      const page = this.client.readAll({ fromPosition: from ?? END, direction: BACKWARDS, maxCount: HEAD_SCAN_PAGE });
      let received = 0;
      let oldest: LogPosition | undefined;
      try {
        for await (const resolved of page) {
          received += 1;
          const record = resolved.event;
          if (!record || (from && compareLogPositions(record.position, from) >= 0)) continue;
          oldest = record.position;
          if (visibleEvent(resolved, undefined)) {
            await page.cancel().catch(() => undefined);
            return encodeLogPosition(record.position);
          }
        }
      } catch (error) {
        throw unavailable('read the head of $all', error);
      }
      if (received < HEAD_SCAN_PAGE || !oldest) return undefined;
      from = oldest;
    }
  }

  comparePositions(a: string, b: string): number {
    return compareLogPositions(decodeLogPosition(a), decodeLogPosition(b));
  }

  async health(): Promise<StoreHealth> {
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.healthTimeoutMs} ms`)), this.healthTimeoutMs);
    });
    try {
      await Promise.race([drain(read), timeout]);
      return { backend: 'eventstoredb', ok: true, detail: 'reading $all' };
    } catch (error) {
      await read.cancel().catch(() => undefined);
      return { backend: 'eventstoredb', ok: false, detail: messageOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /** An empty append writes nothing, so it only checks the expectation against the stream's head. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await this.currentRevision(streamId);
    if (!expectationHolds(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
    return { streamId, revision: actual === 'no-stream' ? -1 : actual, events: [] };
  }

  private async currentRevision(streamId: string): Promise<number | 'no-stream'> {
    const last = await this.readRecorded(streamId, BACKWARDS, END, 1).catch((error: unknown) => {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    });
    return last.length === 0 ? 'no-stream' : Number(last[0].revision);
  }

  /**
   * The server refused the expectation. Its idempotency check covers a retry with the original
   * expectation; this also recognises a retry made with any other, as the port promises.
   */
  private async afterConflict(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    actual: number | 'no-stream',
  ): Promise<AppendResult> {
    const stored = actual === 'no-stream' ? [] : await this.findInStream(streamId, events);
    const found = stored.filter((e) => e !== undefined).length;
    if (found === events.length) return appendResultOf(streamId, stored as AppendedEvent[]);
    if (found > 0) throw new ConcurrencyError(streamId, expected, actual, partlyExistingMessage(streamId, found, events.length));
    throw new ConcurrencyError(streamId, expected, actual);
  }

  /** After a fresh append the events are the last n of the stream; after an idempotent one, wherever they were first put. */
  private async readBackAppended(streamId: string, events: EventToAppend[], lastRevision: bigint): Promise<AppendResult> {
    const firstRevision = lastRevision - BigInt(events.length - 1);
    if (firstRevision >= 0n) {
      const tail = await this.readRecorded(streamId, FORWARDS, firstRevision, events.length);
      if (tail.length === events.length && tail.every((record, i) => record.id.toLowerCase() === events[i].eventId)) {
        return appendResultOf(streamId, tail.map(toAppendedEvent));
      }
    }
    const stored = await this.findInStream(streamId, events);
    if (stored.some((e) => e === undefined)) {
      throw new StoreUnavailableError(`EventStoreDB accepted an append to ${streamId} whose events cannot be read back`);
    }
    return appendResultOf(streamId, stored as AppendedEvent[]);
  }

  /** The events of the request as stored in the stream, in request order; undefined where absent. */
  private async findInStream(streamId: string, events: EventToAppend[]): Promise<Array<AppendedEvent | undefined>> {
    const wanted = new Set(events.map((e) => e.eventId));
    const byId = new Map<string, AppendedEvent>();
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START })) {
        const record = resolved.event;
        if (record && wanted.has(record.id.toLowerCase())) byId.set(record.id.toLowerCase(), toAppendedEvent(record));
      }
    } catch (error) {
      if (!(error instanceof EsdbStreamNotFoundError)) throw unavailable(`read ${streamId}`, error);
    }
    return events.map((e) => byId.get(e.eventId));
  }

  private async readRecorded(
    streamId: string,
    direction: typeof FORWARDS | typeof BACKWARDS,
    fromRevision: ReadRevision,
    maxCount?: number,
  ): Promise<RecordedEvent[]> {
    const records: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction, fromRevision, maxCount })) {
        if (resolved.event) records.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) throw new StreamNotFoundError(streamId);
      throw unavailable(`read ${streamId}`, error);
    }
    return records;
  }
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The server can filter on stream names or on event types, not both: the rest is done here. */
function toServerFilter(filter: ReadAllFilter | undefined): Filter {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function visibleEvent(resolved: AllStreamResolvedEvent, filter: ReadAllFilter | undefined): StoredEvent | undefined {
  const record = resolved.event;
  if (!record || isReservedName(record.streamId) || isReservedName(record.type)) return undefined;
  if (!matchesFilter(filter, record.streamId, record.type)) return undefined;
  return toStoredEvent(record);
}

/** Events that are not JSON were not written by this service: the port has no way to show them. */
function toStoredEvent(record: RecordedEvent): StoredEvent | undefined {
  if (!record.isJson || record.data === null || typeof record.data !== 'object' || Array.isArray(record.data)) return undefined;
  return {
    eventId: record.id.toLowerCase(),
    type: record.type,
    streamId: record.streamId,
    revision: Number(record.revision),
    position: encodeLogPosition(positionOf(record)),
    data: record.data as Record<string, unknown>,
    metadata: record.metadata as unknown as EventMetadata,
  };
}

function toAppendedEvent(record: RecordedEvent): AppendedEvent {
  return {
    eventId: record.id.toLowerCase(),
    type: record.type,
    revision: Number(record.revision),
    position: encodeLogPosition(positionOf(record)),
  };
}

/** Stream reads carry each event's position from server 22.6 on; earlier servers cannot serve the port. */
function positionOf(record: RecordedEvent): LogPosition {
  if (!record.position) {
    throw new StoreUnavailableError(`EventStoreDB returned no position for event ${record.id}: server 22.6 or later is required`);
  }
  return record.position;
}

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const item of read) void item;
}

function unavailable(action: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`EventStoreDB could not ${action}: ${messageOf(error)}`, error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
