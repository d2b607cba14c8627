/**
 * The folded state of recently written cases, so that recording an entry does not read and fold
 * the whole stream again. A hint, never an authority:
 * - an entry is the exact state of its case at its revision (states are immutable: see state.ts),
 *   and it only ever moves forward (a newer revision replaces an older one, never the reverse);
 * - an append decided on it expects that revision, so if anything else has written to the stream
 *   since (another instance, another process on the same file), the store refuses the append and
 *   the caller reads the stream afresh: a stale entry can cost a retry, never let an event in;
 * - callers do not refuse a request on its word either (see RecordEntriesHandler).
 * Bounded in cases and in events held, least recently used first out.
 */
import type { CaseState } from './domain/state';

export interface CachedCase {
  readonly state: CaseState;
  /** The revision of the stream that `state` folds (state.eventCount - 1). */
  readonly revision: number;
}

export interface CaseStateCacheLimits {
  /** Most cases held. */
  maxCases: number;
  /** Most events held over all cases (a state holds the facts of every event of its case). */
  maxEvents: number;
}

/** An event held costs some 450 bytes (its facts and payload, when short): about 50 MB when full. */
export const DEFAULT_CASE_STATE_CACHE_LIMITS: CaseStateCacheLimits = { maxCases: 10_000, maxEvents: 100_000 };

export class CaseStateCache {
  /** Map order is use order: the first key is the least recently used. */
  private readonly entries = new Map<string, CachedCase>();
  private events = 0;

  constructor(private readonly limits: CaseStateCacheLimits = DEFAULT_CASE_STATE_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get(caseId: string): CachedCase | undefined {
    const entry = this.entries.get(caseId);
    if (entry) {
      this.entries.delete(caseId);
      this.entries.set(caseId, entry);
    }
    return entry;
  }

  /** Keeps `state` as the case at `revision`, unless a later revision is already held. */
  remember(caseId: string, state: CaseState, revision: number): void {
    if (state.eventCount !== revision + 1) throw new Error(`A state of ${state.eventCount} events is not revision ${revision}`);
    const held = this.entries.get(caseId);
    if (held && held.revision >= revision) return;
    if (held) this.drop(caseId, held);
    if (state.eventCount > this.limits.maxEvents || this.limits.maxCases < 1) return;
    this.entries.set(caseId, { state, revision });
    this.events += state.eventCount;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxCases && this.events <= this.limits.maxEvents) break;
      this.drop(oldest, entry);
    }
  }

  /**
   * Forgets the case if what is held is no later than `revision` (the revision an append that
   * the store refused expected): a later entry was put there by a newer, successful append.
   */
  forget(caseId: string, revision = Number.POSITIVE_INFINITY): void {
    const held = this.entries.get(caseId);
    if (held && held.revision <= revision) this.drop(caseId, held);
  }

  private drop(caseId: string, entry: CachedCase): void {
    this.entries.delete(caseId);
    this.events -= entry.state.eventCount;
  }
}
