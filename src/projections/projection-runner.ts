/**
 * Keeps the read models up to date from the store's global log: catches up from the checkpoint,
 * then follows the log live. Each batch and its checkpoint commit in one transaction. The
 * in-process EventBus is never a delivery path: a crash loses nothing, the next start resumes.
 */
import { performance } from 'node:perf_hooks';
import { EventHeader, EventStore, headerOf } from '../event-store/event-store.port';
import type { RulesetDef } from '../timeliness/model';
import { CASE_STREAM_PREFIX } from '../cases/domain/events';
import { CASE_PROJECTION, CASE_PROJECTION_VERSION, CaseProjection, isRulesetPublication, RULESET_STREAM_PREFIX } from './case-projection';
import type { DerivationPool } from './derivation-pool';
import type { SqliteReadStore } from './sqlite-read-store';
import { LoopShare, pauseAfter } from './yield-to-requests';

export interface ProjectionStatus {
  projection: string;
  version: string;
  position?: string;
  lastRecordedAt?: string;
  running: boolean;
  error?: string;
}

export interface RunnerOptions {
  /** Events per transaction while catching up. */
  batchSize?: number;
  onBatch?: (events: number, position: string | undefined) => void;
  now?: () => Date;
  /** A drain into empty read models of at least this many cases loads them first and indexes them after. */
  bulkLoadCases?: number;
  /** Derives cases in worker threads (a rebuild); without it, they are derived in this thread. */
  pool?: DerivationPool;
  /** After each chunk of cases derived: how many so far, of how many dirty. */
  onDerived?: (done: number, of: number) => void;
}

const TICK = Symbol('tick');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTick = () => new Promise<typeof TICK>((resolve) => setImmediate(() => resolve(TICK)));

export class ProjectionRunner {
  private readonly projection: CaseProjection;
  private readonly batchSize: number;
  private readonly loopShare = new LoopShare();
  private readonly now: () => Date;
  private position?: string;
  private lastRecordedAt?: string;
  private stopped = false;
  private subscription?: { close(): Promise<void> };
  private loop?: Promise<void>;
  private error?: Error;
  private waiters: Array<{ position?: string; resolve: () => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly readStore: SqliteReadStore,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.now = options.now ?? (() => new Date());
    const checkpoint = readStore.checkpoint(CASE_PROJECTION);
    if (checkpoint && checkpoint.version !== CASE_PROJECTION_VERSION) {
      // The projection changed: its read models are rebuilt from the start of the log.
      readStore.reset();
    } else {
      this.position = checkpoint?.position;
    }
    this.projection = new CaseProjection(store, readStore, options.bulkLoadCases, options.pool);
  }

  /**
   * Marks what one batch touches, with its checkpoint, atomically; drain() then derives it.
   * A caller holding the whole events passes the definitions they publish and the last one's
   * recording time; otherwise they are read from the store.
   */
  async applyBatch(headers: readonly EventHeader[], known?: { published: RulesetDef[]; lastRecordedAt: string }): Promise<void> {
    if (headers.length === 0) return;
    const last = headers[headers.length - 1];
    const definitions = known?.published ?? (await this.projection.publishedIn(headers));
    const lastRecordedAt = known?.lastRecordedAt ?? (await this.recordedAtOfLast(headers));
    this.readStore.transaction(() => {
      this.projection.apply(headers, definitions);
      this.readStore.saveCheckpoint(CASE_PROJECTION, CASE_PROJECTION_VERSION, last.position, this.now());
    });
    this.position = last.position;
    this.lastRecordedAt = lastRecordedAt;
    this.options.onBatch?.(headers.length, last.position);
  }

  /** When the batch's last event was recorded (for the lag in /health): one event read per batch. */
  private async recordedAtOfLast(headers: readonly EventHeader[]): Promise<string | undefined> {
    const before = headers.length > 1 ? headers[headers.length - 2].position : this.position;
    for await (const event of this.store.readAll(before, { maxCount: 1 })) return event.metadata.recordedAt;
    return undefined;
  }

  /** Re-derives every dirty case, letting requests through between chunks. */
  async drain(): Promise<void> {
    await this.projection.drain(async () => {
      await nextTick();
      return !this.stopped;
    }, this.options.onDerived);
    this.settle();
  }

  /** Dirty cases not yet re-derived. */
  pendingCases(): number {
    return this.readStore.dirtyCount();
  }

  private settle(): void {
    if (this.waiters.length === 0 || this.readStore.dirtyCount() > 0) return;
    const position = this.position;
    this.waiters = this.waiters.filter((w) => {
      if (w.position !== undefined && (position === undefined || this.store.comparePositions(w.position, position) > 0)) return true;
      w.resolve();
      return false;
    });
  }

  /**
   * Reads the log from the checkpoint to its current head, then derives what it touched, and
   * returns. Only the events' headers are read here, and from nothing not even those (see
   * startFromStreams): each touched case is read once, when derived.
   */
  async catchUp(): Promise<void> {
    if (this.position === undefined && this.readStore.dirtyCount() === 0) await this.startFromStreams();
    let batch: EventHeader[] = [];
    for await (const header of this.store.readHeaders(this.position, { batchSize: this.batchSize })) {
      if (this.stopped) return;
      batch.push(header);
      if (batch.length >= this.batchSize) {
        await this.applyBatch(batch);
        batch = [];
        await nextTick();
      }
    }
    await this.applyBatch(batch);
    await this.drain();
  }

  /**
   * From nothing, every case is to be derived: the store lists the streams up to its head (an
   * index read) instead of the projection reading the header of every event.
   */
  private async startFromStreams(): Promise<void> {
    const { head, streamIds } = await this.store.listStreams([CASE_STREAM_PREFIX, RULESET_STREAM_PREFIX]);
    if (head === undefined) return;
    const published = await this.projection.publishedUpTo(streamIds, head);
    this.readStore.transaction(() => {
      this.projection.start(streamIds, published);
      this.readStore.saveCheckpoint(CASE_PROJECTION, CASE_PROJECTION_VERSION, head, this.now());
    });
    this.position = head;
  }

  /** Catches up, then follows the log until stop(). */
  start(): void {
    if (this.loop) return;
    this.loop = this.follow().catch((error: Error) => {
      this.error = error;
    });
  }

  private async follow(): Promise<void> {
    // Whatever is behind (a restart, a new projection version) is caught up from headers first;
    // a crash may also have left cases marked but not yet derived.
    await this.catchUp();
    if (this.stopped) return;
    const subscription = this.store.subscribeAll(this.position);
    this.subscription = subscription;
    const iterator = subscription[Symbol.asyncIterator]();
    let pending = iterator.next();
    while (!this.stopped) {
      const first = await pending;
      if (first.done) return;
      const batch = [first.value];
      pending = iterator.next();
      // Take whatever is already there, then commit: large batches while behind, one at a time when live.
      while (batch.length < this.batchSize) {
        const next = await Promise.race([pending, nextTick()]);
        if (next === TICK) break;
        if (next.done) break;
        batch.push(next.value);
        pending = iterator.next();
      }
      if (this.stopped) return;
      const started = performance.now();
      const published = batch.filter(isRulesetPublication).map((e) => e.data as unknown as RulesetDef);
      await this.applyBatch(batch.map(headerOf), { published, lastRecordedAt: batch[batch.length - 1].metadata.recordedAt });
      await this.drain();
      // With a pool too: its worker shares the cores with the requests, so the same share holds.
      const spent = performance.now() - started;
      this.loopShare.projected(spent);
      // Batches are synchronous: let requests through between them; under load, give them most of the loop.
      const pause = pauseAfter(spent, this.loopShare.othersShare());
      await (pause > 0 ? sleep(pause) : nextTick());
    }
  }

  /** Resolves once every event up to `position` has been projected. */
  waitFor(position: string | undefined, timeoutMs = 10000): Promise<void> {
    const reached = position === undefined || (this.position !== undefined && this.store.comparePositions(position, this.position) <= 0);
    if (reached && this.readStore.dirtyCount() === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`projection did not reach ${position} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Resolves once the log's current head has been projected. */
  async waitForHead(timeoutMs = 10000): Promise<void> {
    await this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  status(): ProjectionStatus {
    return {
      projection: CASE_PROJECTION,
      version: CASE_PROJECTION_VERSION,
      position: this.position,
      lastRecordedAt: this.lastRecordedAt,
      running: this.loop !== undefined && !this.stopped && this.error === undefined,
      ...(this.error ? { error: this.error.message } : {}),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }
}
