/**
 * The live subscription of the SQLite store. It never holds more than one page of events: it
 * reads the next page after the last position it has scanned, and when there is none it sleeps
 * until the store wakes it (after a local commit, or when the poll sees another process's commit).
 * Reading from the file rather than pushing committed events means a subscriber can neither
 * miss nor see twice an event, whichever path woke it.
 */
import type { EventMetadata, ReadAllFilter, StoredEvent, Subscription } from './event-store.port';
import { formatSqlitePosition } from './positions';
import type { EventRow } from './sqlite-schema';

export interface SubscriptionPage {
  events: StoredEvent[];
  /** Every event up to this position has been looked at, matched by the filter or not. */
  scannedTo: bigint;
}

export interface SubscriptionSource {
  readPageForSubscription(after: bigint, limit: number, filter: ReadAllFilter | undefined): SubscriptionPage;
  detach(subscription: SqliteSubscription): void;
}

const PAGE_SIZE = 500;

/**
 * A stored event whose data and metadata are parsed from their JSON text when first read, then
 * kept. What follows the log live often reads no more than the headers (the projection runner
 * marks the cases that moved, and reads one event's metadata per batch): parsing every body on the
 * event loop as it is committed cost more than the rest of reading it. The two are ordinary
 * enumerable properties to every reader (spread, JSON, structured clone, equality).
 */
export function lazyStoredEvent(row: EventRow): StoredEvent {
  let data: Record<string, unknown> | undefined;
  let metadata: EventMetadata | undefined;
  return {
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: formatSqlitePosition(row.position),
    get data() {
      return (data ??= JSON.parse(row.data) as Record<string, unknown>);
    },
    get metadata() {
      return (metadata ??= JSON.parse(row.metadata) as EventMetadata);
    },
  };
}

export class SqliteSubscription implements Subscription, AsyncIterator<StoredEvent> {
  private buffer: StoredEvent[] = [];
  private next_ = 0;
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly source: SubscriptionSource,
    private after: bigint,
    private readonly filter: ReadAllFilter | undefined,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<StoredEvent>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (this.next_ < this.buffer.length) {
        const event = this.buffer[this.next_];
        this.next_ += 1;
        return { done: false, value: event };
      }
      const page = this.source.readPageForSubscription(this.after, PAGE_SIZE, this.filter);
      this.after = page.scannedTo;
      if (page.events.length > 0) {
        this.buffer = page.events;
        this.next_ = 0;
        continue;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async return(): Promise<IteratorResult<StoredEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Called by the store when there may be something new to read. */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.source.detach(this);
    this.wake();
  }
}
