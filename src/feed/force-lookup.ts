/**
 * caseId -> force, for the feed's `source` and the pseudonym domain. The feed passes a case's
 * CaseOpened before any other event of the case, so a consumer reading from the start fills the
 * cache as it goes; one resuming mid-log costs one stream read per case not yet seen. A case never
 * changes force (a correction may not move it), so an entry never goes stale; the cache is bounded
 * only to bound memory.
 */
import { CASE_STREAM_PREFIX, caseStreamId } from '../cases/domain/events';
import { StreamNotFoundError } from '../event-store/errors';
import type { EventStore } from '../event-store/event-store.port';

export const DEFAULT_FORCE_CACHE_SIZE = 50_000;

export class ForceLookup {
  /** A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used. */
  private readonly cache = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    readonly capacity = DEFAULT_FORCE_CACHE_SIZE,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new TypeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.cache.size;
  }

  remember(caseId: string, force: string): void {
    this.cache.delete(caseId);
    this.cache.set(caseId, force);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** Synchronous on a hit, so the hot path of the feed does not wait a turn per event. */
  cached(caseId: string): string | undefined {
    const force = this.cache.get(caseId);
    if (force !== undefined) this.remember(caseId, force);
    return force;
  }

  /** The case's force from its CaseOpened, or undefined when the case has none. */
  async forceOf(caseId: string): Promise<string | undefined> {
    const hit = this.cached(caseId);
    if (hit !== undefined) return hit;
    let pending = this.inFlight.get(caseId);
    if (!pending) {
      pending = this.read(caseId).finally(() => this.inFlight.delete(caseId));
      this.inFlight.set(caseId, pending);
    }
    return pending;
  }

  private async read(caseId: string): Promise<string | undefined> {
    let first;
    try {
      [first] = await this.store.readStream(caseStreamId(caseId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const force = first?.type === 'CaseOpened' ? first.data.force : undefined;
    if (typeof force !== 'string' || force === '') return undefined;
    this.remember(caseId, force);
    return force;
  }
}

export function caseIdOfStream(streamId: string): string {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : streamId;
}
