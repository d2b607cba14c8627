/**
 * Reads the log as the analytics feed: case events only (never the access audit nor rulesets),
 * in log order, each mapped to a pseudonymised CloudEvent. Everything is pulled from the store one
 * batch at a time, so a page, a live stream or a bulk export never holds more than a batch.
 * Plain classes, so the export CLI uses the very same code as the HTTP routes.
 */
import { CASE_STREAM_PREFIX, CaseEventType } from '../cases/domain/events';
import type { AppConfig } from '../config/app-config';
import type { EventStore, ReadAllFilter, StoredEvent, Subscription } from '../event-store/event-store.port';
import { FeedCloudEvent, toCloudEvent } from './cloud-event';
import { caseIdOfStream, ForceLookup } from './force-lookup';
import { lazyPseudonymiser } from './pseudonym-key';
import type { Pseudonymiser } from './pseudonymise';

const READ_BATCH = 1000;

export interface FeedRange {
  /** Strictly after this position; from the start when undefined. */
  after?: string;
  /** Up to and including this position; unbounded when undefined. */
  until?: string;
  types?: readonly CaseEventType[];
  /** Events fetched from the store at a time: a small page need not fetch a full batch. */
  batchSize?: number;
}

export interface LiveFeed extends AsyncIterable<FeedCloudEvent> {
  close(): Promise<void>;
}

export class FeedReader {
  constructor(
    readonly store: EventStore,
    private readonly pseudonymise: Pseudonymiser,
    readonly forces: ForceLookup,
  ) {}

  /**
   * The position of the last of the next `limit` events after `after`, without mapping them: the
   * page's end must be known before its first byte goes out (for X-Next-After), and bounding the
   * second read by it keeps an event appended meanwhile out of this page.
   */
  async pageEnd(after: string | undefined, limit: number, types?: readonly CaseEventType[]): Promise<string | undefined> {
    let last: string | undefined;
    let count = 0;
    for await (const event of this.storedEvents({ after, types, batchSize: limit })) {
      last = event.position;
      if (++count >= limit) break;
    }
    return last;
  }

  /** How many feed events lie in the range (the export's progress total). */
  async count(range: FeedRange): Promise<number> {
    let count = 0;
    for await (const _ of this.storedEvents(range)) count += 1;
    return count;
  }

  async *events(range: FeedRange): AsyncGenerator<FeedCloudEvent> {
    for await (const event of this.storedEvents(range)) yield await this.toCloudEvent(event);
  }

  /** Catches up after `after`, then stays live until closed. */
  live(after: string | undefined, types?: readonly CaseEventType[]): LiveFeed {
    const subscription: Subscription = this.store.subscribeAll(after, { filter: storeFilter(types) });
    const events = this.liveEvents(subscription);
    return { close: () => subscription.close(), [Symbol.asyncIterator]: () => events };
  }

  async toCloudEvent(event: StoredEvent): Promise<FeedCloudEvent> {
    const caseId = caseIdOfStream(event.streamId);
    if (event.type === 'CaseOpened' && typeof event.data.force === 'string') this.forces.remember(caseId, event.data.force);
    const force = this.forces.cached(caseId) ?? (await this.forces.forceOf(caseId));
    return toCloudEvent(event, force, this.pseudonymise);
  }

  private async *liveEvents(subscription: Subscription): AsyncGenerator<FeedCloudEvent> {
    for await (const event of subscription) if (isFeedStream(event.streamId)) yield await this.toCloudEvent(event);
  }

  private async *storedEvents({ after, until, types, batchSize = READ_BATCH }: FeedRange): AsyncGenerator<StoredEvent> {
    const options = { batchSize: Math.min(batchSize, READ_BATCH), filter: storeFilter(types) };
    for await (const event of this.store.readAll(after, options)) {
      if (until !== undefined && event.position !== until && this.store.comparePositions(event.position, until) > 0) return;
      if (isFeedStream(event.streamId)) yield event;
      if (event.position === until) return;
    }
  }
}

/** Only case streams: never the access audit, rulesets, or anything added to the log later. */
export function isFeedStream(streamId: string): boolean {
  return streamId.startsWith(CASE_STREAM_PREFIX);
}

/**
 * What the store is asked to filter. The stream prefix is checked here instead: SQLite plans a
 * prefix filter on the (stream_id, ...) index and sorts the whole prefix range for every page,
 * which makes reading the log quadratic, while a type filter (or none) walks the position index.
 */
function storeFilter(types?: readonly CaseEventType[]): ReadAllFilter | undefined {
  return types ? { eventTypes: [...types] } : undefined;
}

/** The reader the service and the CLI use: the configured key (or DATA_DIR's), a shared force cache. */
export function createFeedReader(store: EventStore, config: AppConfig, onKeyGenerated?: (file: string) => void): FeedReader {
  const pseudonymise = lazyPseudonymiser({ dataDir: config.dataDir, fromEnv: config.feedPseudonymKey, onGenerated: onKeyGenerated });
  return new FeedReader(store, pseudonymise, new ForceLookup(store));
}
