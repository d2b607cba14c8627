/**
 * The case read models (cases, clocks under every published ruleset version, data-quality facts,
 * disruption actions, charging decisions), kept by re-deriving each case the log touches from its
 * own stream. Deriving rather than patching keeps live projection and rebuild equal by
 * construction, and makes a replayed event change nothing.
 *
 * Two steps, so a crash between them loses nothing: apply() marks the touched cases dirty inside
 * the transaction that moves the checkpoint; drain() re-derives dirty cases and clears each mark
 * in the transaction that writes its rows.
 */
import type { EventHeader, EventStore } from '../event-store/event-store.port';
import type { RulesetDef } from '../timeliness/model';
import { caseIdOfStream, deriveInto } from './case-derivation';
import type { DerivationPool } from './derivation-pool';
import type { SqliteReadStore } from './sqlite-read-store';

export const CASE_PROJECTION = 'case-read-models';
/** Bump when what the projection writes changes: the read models then rebuild themselves. */
export const CASE_PROJECTION_VERSION = '2';

export const RULESET_STREAM_PREFIX = 'ruleset-';
const RULESET_VERSION_PUBLISHED = 'RulesetVersionPublished';

export function isRulesetPublication(e: Pick<EventHeader, 'streamId' | 'type'>): boolean {
  return e.streamId.startsWith(RULESET_STREAM_PREFIX) && e.type === RULESET_VERSION_PUBLISHED;
}

/**
 * Cases derived and written per transaction: on the event loop, few enough that requests wait
 * little behind a chunk; in a pool's workers, enough that the writers seldom take turns (a
 * rebuild at 512 is a tenth quicker than at 128).
 */
const CHUNK = 64;
const POOL_CHUNK = 512;
/** By default, a drain into empty read models of at least this many cases loads them without indexes first. */
export const BULK_LOAD_CASES = 5000;

export class CaseProjection {
  private rulesets: RulesetDef[];
  /** Cases marked dirty since the last drain: a case met again in the same catch-up is not marked twice. */
  private readonly marked = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly readStore: SqliteReadStore,
    private readonly bulkLoadCases = BULK_LOAD_CASES,
    private readonly pool?: DerivationPool,
  ) {
    this.rulesets = readStore.rulesets();
  }

  /** The definitions published by the ruleset events among `headers` (read from their streams). */
  async publishedIn(headers: readonly EventHeader[]): Promise<RulesetDef[]> {
    const published: RulesetDef[] = [];
    for (const header of headers) {
      if (!isRulesetPublication(header)) continue;
      const stream = await this.store.readStream(header.streamId);
      const event = stream.find((e) => e.eventId === header.eventId);
      if (!event) throw new Error(`ruleset event ${header.eventId} is not in ${header.streamId}`);
      published.push(event.data as unknown as RulesetDef);
    }
    return published;
  }

  /** The definitions published in these ruleset streams at or before `head`. */
  async publishedUpTo(streamIds: readonly string[], head: string): Promise<RulesetDef[]> {
    const published: RulesetDef[] = [];
    for (const streamId of streamIds) {
      if (!streamId.startsWith(RULESET_STREAM_PREFIX)) continue;
      for (const event of await this.store.readStream(streamId)) {
        if (isRulesetPublication(event) && this.store.comparePositions(event.position, head) <= 0) published.push(event.data as unknown as RulesetDef);
      }
    }
    return published;
  }

  /**
   * Inside the caller's transaction, for read models starting from nothing: marks every case of
   * these streams dirty, and keeps the ruleset versions, as apply() would for the whole log.
   */
  start(streamIds: readonly string[], published: readonly RulesetDef[]): void {
    for (const streamId of streamIds) {
      const caseId = caseIdOfStream(streamId);
      if (caseId !== undefined) this.readStore.markDirty(caseId);
    }
    for (const definition of published) this.readStore.saveRuleset(definition);
    this.rulesets = this.readStore.rulesets();
  }

  /** Inside the caller's transaction: marks the cases the batch touches dirty and keeps new ruleset versions. */
  apply(headers: readonly EventHeader[], published: readonly RulesetDef[]): void {
    for (const header of headers) {
      const caseId = caseIdOfStream(header.streamId);
      if (caseId === undefined || this.marked.has(caseId)) continue;
      this.readStore.markDirty(caseId);
      this.marked.add(caseId);
    }
    if (published.length > 0) {
      for (const definition of published) this.readStore.saveRuleset(definition);
      // A new version changes every case's clocks under that version (and nothing else).
      this.rulesets = this.readStore.rulesets();
      this.readStore.markAllDirty();
    }
  }

  /**
   * Re-derives every dirty case, a chunk at a time (in the pool's workers when there is one, each
   * writing through its own connection); a chunk's rows and the clearing of its marks commit
   * together. `between` runs after each chunk (to let requests through); when it answers false,
   * no more chunks start and the rest stay marked.
   */
  async drain(between: () => Promise<boolean> = async () => true, onDerived?: (done: number, of: number) => void): Promise<number> {
    this.marked.clear();
    const dirty = this.readStore.dirtyCases();
    const rulesets = this.rulesets;
    // A rebuild from the start of the log: every case is new, and indexes are cheaper built once at the end.
    const fresh = dirty.length >= this.bulkLoadCases && this.readStore.isEmpty();
    // A pool whose worker died takes no more work: the cases are then derived on this thread.
    const pool = this.pool?.failed ? undefined : this.pool;
    if (pool && this.readStore.file === ':memory:') throw new Error('deriving workers cannot write to an in-memory read database');
    const inline = (ids: readonly string[]) => deriveInto(this.store, this.readStore, ids, rulesets, fresh);
    const work = pool
      ? (ids: readonly string[]) => pool.deriveInto(this.readStore, ids, rulesets, fresh).catch((error: unknown) => {
          if (pool.failed) return inline(ids);
          throw error;
        })
      : inline;
    // With a pool, every worker has a chunk queued behind the one it is on.
    const ahead = pool ? pool.size * 2 : 1;
    let done = 0;
    const inFlight: Array<Promise<void>> = [];
    if (fresh) this.readStore.dropIndexes();
    try {
      const chunk = pool ? POOL_CHUNK : CHUNK;
      for (let i = 0; i < dirty.length; i += chunk) {
        const ids = dirty.slice(i, i + chunk);
        const written = work(ids).then(() => {
          done += ids.length;
          onDerived?.(done, dirty.length);
        });
        // Awaited below, in order; until then a failure must not count as unhandled.
        written.catch(() => undefined);
        inFlight.push(written);
        if (inFlight.length < ahead) continue;
        await inFlight.shift();
        if (!(await between())) break;
      }
      await Promise.all(inFlight);
    } catch (error) {
      // Nothing may still be writing when the indexes go back, or when the caller hears of it.
      await Promise.allSettled(inFlight);
      throw error;
    } finally {
      if (fresh) this.readStore.createIndexes();
    }
    return done;
  }
}
