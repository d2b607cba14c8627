/** Helpers of the event store contract suite; nothing here depends on a backend. */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../../src/event-store/errors';
import type { EventMetadata, EventStore, EventToAppend, ExpectedRevision, StoredEvent } from '../../src/event-store/event-store.port';

export interface StoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

/** A prefix no other test (or other run against a shared server) uses. */
export function uniquePrefix(): string {
  return `contract-${randomUUID()}-`;
}

export function uniqueStream(): string {
  return `${uniquePrefix()}s`;
}

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    occurredAt: '2024-03-31T01:30:00+01:00',
    recordedAt: '2024-03-31T09:15:02.123Z',
    recordedBy: { sub: 'officer-4711', role: 'investigator', force: 'west-yorkshire' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
    ...overrides,
  };
}

export function anEvent(type = 'ContactMade', data: Record<string, unknown> = { with: 'victim', n: 1 }): EventToAppend {
  return { eventId: randomUUID(), type, data, metadata: metadata() };
}

export function events(count: number, type = 'ContactMade'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { index: i }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export async function expectConcurrencyError(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no-stream',
): Promise<ConcurrencyError> {
  const error = await attempt.then(
    () => {
      throw new Error(`expected a ConcurrencyError (expected ${String(expected)}, actual ${String(actual)}), but the append succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({ code: 'REVISION_MISMATCH', streamId, expected, actual });
  return error as ConcurrencyError;
}

export const TIMED_OUT = Symbol('timed out');

/** Waits for a promise at most `ms`; the timer does not hold the process open. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function nextEvent(iterator: AsyncIterator<StoredEvent>, ms = 1000): Promise<StoredEvent> {
  const step = await within(iterator.next(), ms);
  if (step === TIMED_OUT) throw new Error(`no event within ${ms} ms`);
  if (step.done) throw new Error('the subscription ended');
  return step.value;
}

export function expectIncreasing(store: EventStore, positions: string[]): void {
  for (let i = 1; i < positions.length; i += 1) {
    const order = store.comparePositions(positions[i - 1], positions[i]);
    if (order >= 0) throw new Error(`position ${positions[i]} (#${i}) is not after ${positions[i - 1]}`);
  }
}
