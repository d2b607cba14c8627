/**
 * Rules both adapters apply before touching their backend, so that the contract suite sees the
 * same behaviour from each and a bad request is refused before anything is written.
 */
import type { AppendedEvent, AppendResult, EventToAppend, ExpectedRevision, ReadAllFilter, ReadAllOptions } from './event-store.port';

export const DEFAULT_BATCH_SIZE = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EventStoreDB reserves names starting with '$' for its own streams and events. */
export function isReservedName(name: string): boolean {
  return name.startsWith('$');
}

/**
 * Checks an append request and returns its events with canonical (lower-case) event ids:
 * EventStoreDB hands UUIDs back in lower case, so SQLite stores them that way too, and a retry
 * that spells an id in upper case is still recognised as the same event by either backend.
 */
export function validateAppend(streamId: string, events: EventToAppend[], expected: ExpectedRevision): EventToAppend[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (isReservedName(streamId)) throw new TypeError(`Stream ${streamId}: names starting with '$' are reserved`);
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  if (!isExpectedRevision(expected)) throw new TypeError(`Invalid expected revision: ${String(expected)}`);
  // One event cannot repeat an id: the set is for appends of several.
  const seen = events.length > 1 ? new Set<string>() : undefined;
  return events.map((event, index) => {
    if (event === null || typeof event !== 'object') throw new TypeError(`events[${index}] must be an object`);
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new TypeError(`events[${index}].eventId must be a UUID, got ${JSON.stringify(event.eventId)}`);
    }
    const eventId = event.eventId.toLowerCase();
    if (seen) {
      if (seen.has(eventId)) throw new TypeError(`Duplicate eventId ${eventId} in one append to ${streamId}`);
      seen.add(eventId);
    }
    if (typeof event.type !== 'string' || event.type.length === 0 || isReservedName(event.type)) {
      throw new TypeError(`events[${index}].type must be a non-empty string not starting with '$'`);
    }
    if (!isPlainObject(event.data)) throw new TypeError(`events[${index}].data must be a JSON object`);
    if (!isPlainObject(event.metadata)) throw new TypeError(`events[${index}].metadata must be a JSON object`);
    return eventId === event.eventId ? event : { ...event, eventId };
  });
}

function isExpectedRevision(expected: unknown): expected is ExpectedRevision {
  if (expected === 'no-stream' || expected === 'any' || expected === 'stream-exists') return true;
  return typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a stream at `actual` satisfies the appender's expectation. */
export function expectationHolds(expected: ExpectedRevision, actual: number | 'no-stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 'no-stream';
    case 'stream-exists':
      return actual !== 'no-stream';
    default:
      return actual === expected;
  }
}

export function partlyExistingMessage(streamId: string, found: number, total: number): string {
  return (
    `Stream ${streamId}: ${found} of the ${total} event ids of this append are already in the stream ` +
    `and the others are not, so it is neither a retry nor a new append`
  );
}

/**
 * The result of an append from the events as stored, in request order. The revision is the
 * highest one, which is what the original append returned.
 */
export function appendResultOf(streamId: string, events: AppendedEvent[]): AppendResult {
  return { streamId, revision: Math.max(...events.map((e) => e.revision)), events };
}

export interface NormalizedReadOptions {
  batchSize: number;
  maxCount: number;
  filter?: ReadAllFilter;
}

export function normalizeReadOptions(options: ReadAllOptions = {}): NormalizedReadOptions {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new TypeError(`batchSize must be a positive integer, got ${batchSize}`);
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (maxCount !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new TypeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return { batchSize, maxCount, filter: options.filter };
}

/** An empty list keeps nothing: "one of these prefixes" of no prefixes matches no stream. */
export function matchesFilter(filter: ReadAllFilter | undefined, streamId: string, type: string): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => streamId.startsWith(prefix))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(type)) return false;
  return true;
}
