/**
 * The event store port. The event store is the only source of truth; every adapter (SQLite, the
 * default, and EventStoreDB/KurrentDB for production) must pass the contract suite in
 * test/contract/. Only adapter files import a store client.
 */

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Who recorded an event: taken from the verified bearer token. */
export interface RecordedBy {
  sub: string;
  role: string;
  force: string;
}

export interface EventMetadata {
  /** When it happened in the world: ISO 8601 with an offset or Z, as the client sent it. */
  occurredAt: string;
  /** When the service stored it: server clock, ISO 8601 in UTC. */
  recordedAt: string;
  recordedBy: RecordedBy;
  correlationId?: string;
  causationId?: string;
  schemaVersion: number;
}

/** An event ready to append. `eventId` is a UUID; a retried append with the same ids is idempotent. */
export interface EventToAppend {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface StoredEvent {
  eventId: string;
  type: string;
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Global position in the log, opaque: compare only with `comparePositions` of the adapter. */
  position: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * An event as a projection reads it (see readStreamTimes): its id, type, revision and data, with
 * the two times of its metadata lifted out; the rest of the metadata is left out.
 */
export interface TimedEvent {
  eventId: string;
  type: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

/**
 * What the appender expects the stream to be:
 * - 'no-stream': the stream must not exist;
 * - 'any': no check;
 * - 'stream-exists': the stream must exist;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | number;

export interface AppendedEvent {
  eventId: string;
  type: string;
  revision: number;
  position: string;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the stream's last event after the append (the new ETag). */
  revision: number;
  events: AppendedEvent[];
}

/**
 * An event without its body: what a reader needs to learn which streams moved (a projection
 * catching up re-reads each moved stream once, instead of parsing every body twice).
 */
export interface EventHeader {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: string;
}

/** A whole event as a projection reads it. */
export function timedOf(event: StoredEvent): TimedEvent {
  return { eventId: event.eventId, type: event.type, revision: event.revision, occurredAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt, data: event.data };
}

/** The header of a whole event. */
export function headerOf(event: StoredEvent): EventHeader {
  return { eventId: event.eventId, type: event.type, streamId: event.streamId, revision: event.revision, position: event.position };
}

export interface StreamListing {
  /** The position of the last event in the log, or undefined when the log is empty. */
  head?: string;
  streamIds: string[];
}

export interface ReadAllFilter {
  /** Keep only events whose streamId starts with one of these prefixes (e.g. 'case-'). */
  streamPrefixes?: string[];
  /** Keep only events of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** How many events to fetch from the backend at a time (bounded memory). Default 500. */
  batchSize?: number;
  filter?: ReadAllFilter;
  /** Stop after this many events. */
  maxCount?: number;
}

/** A live subscription: iterate it; `close()` ends the iteration. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface StoreHealth {
  backend: 'sqlite' | 'eventstoredb';
  ok: boolean;
  detail?: string;
}

export interface EventStore {
  /**
   * Appends atomically (all or none). Throws ConcurrencyError on an expected-revision mismatch.
   * When every event id of the request is already in the stream (a retried request), nothing is
   * written and the original result is returned; when only some are, ConcurrencyError is thrown.
   */
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;

  /** Events of a stream in revision order. Throws StreamNotFoundError when there is none. */
  readStream(streamId: string): Promise<StoredEvent[]>;

  /**
   * The same events as readStream, as a projection reads them (a projection deriving a case reads
   * every stream on a rebuild): of the metadata only the times, and no position. SQLite reads the
   * two times without parsing the rest of the metadata, most of the cost of reading an event.
   */
  readStreamTimes(streamId: string): Promise<TimedEvent[]>;

  /**
   * The global log in commit order, strictly after `fromPosition` (from the start when undefined),
   * fetched in batches so memory stays bounded.
   */
  readAll(fromPosition?: string, options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** The same log as readAll, each event without its data and metadata bodies. */
  readHeaders(fromPosition?: string, options?: ReadAllOptions): AsyncIterable<EventHeader>;

  /**
   * The streams whose ids start with one of `prefixes`, in the order they began (the position of
   * each one's first event), and the log's head, seen at one point: every event at or before
   * `head` is in one of these streams or in a stream of another prefix. For a projection starting
   * from nothing, which then reads each stream whole instead of every event's header.
   */
  listStreams(prefixes: string[]): Promise<StreamListing>;

  /** Catches up from strictly after `fromPosition`, then stays live until closed. */
  subscribeAll(fromPosition?: string, options?: { filter?: ReadAllFilter }): Subscription;

  /** The position of the last event in the log, or undefined when the log is empty. */
  headPosition(): Promise<string | undefined>;

  /** Orders two positions of this store: negative, zero or positive. */
  comparePositions(a: string, b: string): number;

  health(): Promise<StoreHealth>;

  close(): Promise<void>;
}
