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
import { caseIdOfStream, DerivedCase, deriveCases } from './case-derivation';
import type { DerivationPool } from './derivation-pool';
import type { SqliteReadStore } from './sqlite-read-store';

export const CASE_PROJECTION = 'case-read-models';
/** Bump when what the projection writes changes: the read models then rebuild themselves. */
export const CASE_PROJECTION_VERSION = '2';

const RULESET_STREAM_PREFIX = 'ruleset-';
const RULESET_VERSION_PUBLISHED = 'RulesetVersionPublished';

export function isRulesetPublication(e: Pick<EventHeader, 'streamId' | 'type'>): boolean {
  return e.streamId.startsWith(RULESET_STREAM_PREFIX) && e.type === RULESET_VERSION_PUBLISHED;
}

/** Cases per derive() call. */
const CHUNK = 64;
/** Derived cases written per transaction, at most: one commit per chunk would dominate a rebuild. */
const WRITE_GROUP = 2048;
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
   * Re-derives every dirty case, a chunk at a time (in the pool's workers when there is one);
   * derived rows and the clearing of their marks commit together, a group of chunks per transaction. `between` runs after each chunk (to let
   * requests through); when it answers false, no more chunks start and the rest stay marked.
   */
  async drain(between: () => Promise<boolean> = async () => true): Promise<number> {
    this.marked.clear();
    const dirty = this.readStore.dirtyCases();
    const rulesets = this.rulesets;
    // A rebuild from the start of the log: every case is new, and indexes are cheaper built once at the end.
    const bulk = dirty.length >= this.bulkLoadCases && this.readStore.isEmpty();
    if (bulk) this.readStore.dropIndexes();
    let ready: Array<{ ids: readonly string[]; derived: DerivedCase[] }> = [];
    let readyCases = 0;
    let done = 0;
    const write = () => {
      const group = ready;
      ready = [];
      readyCases = 0;
      this.readStore.transaction(() => {
        for (const { ids, derived } of group) {
          for (const d of derived) this.readStore.writeCase(d, bulk);
          for (const id of ids) this.readStore.markClean(id);
          done += ids.length;
        }
      });
    };
    // With a pool, chunks are derived by its workers while this thread writes the earlier ones.
    const derive = this.pool ? (ids: string[]) => this.pool!.derive(ids, rulesets) : (ids: string[]) => deriveCases(this.store, ids, rulesets);
    const ahead = this.pool ? this.pool.size * 4 : 1;
    const inFlight: Array<Promise<void>> = [];
    try {
      for (let i = 0; i < dirty.length; i += CHUNK) {
        const ids = dirty.slice(i, i + CHUNK);
        const derived = derive(ids).then((cases) => {
          ready.push({ ids, derived: cases });
          readyCases += ids.length;
        });
        // Awaited below, in order; until then a failure must not count as unhandled.
        derived.catch(() => undefined);
        inFlight.push(derived);
        if (inFlight.length < ahead) continue;
        await inFlight.shift();
        if (readyCases >= WRITE_GROUP) write();
        if (!(await between())) break;
      }
      await Promise.all(inFlight);
      write();
    } finally {
      if (bulk) this.readStore.createIndexes();
    }
    return done;
  }
}
