/**
 * Derives cases in worker threads, each reading the event store and writing the read database
 * through its own connections, so a rebuild uses every core: the workers read, parse, measure and
 * write, taking turns at the read database's write lock, while the calling thread only hands out
 * the cases.
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { startWorker } from '../common/worker-thread';
import type { StoreLocation } from '../event-store/open-event-store';
import type { RulesetDef } from '../timeliness/model';
import type { DeriveRequest, WorkerData } from './derivation.worker';

/** Old-generation heap of a worker: a chunk of 512 cases needs a few MB; a case with thousands of events more. */
const WORKER_HEAP_MB = 128;
/** How long close() lets a worker finish before it is stopped. */
const CLOSE_GRACE_MS = 10_000;

/** A read database as the workers open it: its file, and whether it is being built (SqliteReadStore's `scratch`). */
export interface ReadDatabase {
  file: string;
  scratch: boolean;
}

type Answer = { id: number; written: true } | { id: number; error: string };

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
  worker: Worker;
}

export class DerivationPool {
  private readonly workers: Worker[];
  private readonly exited: Array<Promise<void>>;
  private readonly pending = new Map<number, Pending>();
  /** Shared with the workers: 0, or the threadId of the worker whose turn it is to write. */
  private readonly writeTurn = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 0;
  private turn = 0;
  private failure?: Error;
  private closing = false;

  /** @param size worker threads; by default one per core. */
  constructor(location: StoreLocation, readonly size = availableParallelism()) {
    this.workers = Array.from({ length: size }, () => {
      const worker = startWorker(
        join(__dirname, 'derivation.worker'),
        __filename,
        { dataDir: location.dataDir, eventStoreConnectionString: location.eventStoreConnectionString, writeTurn: this.writeTurn.buffer as SharedArrayBuffer } satisfies WorkerData,
        // A small heap keeps a worker collecting early, instead of growing every thread's heap (and
        // the process's memory) with garbage; a young generation that holds a chunk's garbage
        // means fewer scavenges (5% of a rebuild at 16 MB).
        { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
      );
      const threadId = worker.threadId;
      worker.on('message', (answer: Answer) => this.settle(answer));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        // A worker that died in its turn would keep the others waiting for ever.
        if (Atomics.compareExchange(this.writeTurn, 0, threadId, 0) === threadId) Atomics.notify(this.writeTurn, 0);
        if (code !== 0 || !this.closing) this.fail(worker, new Error(`a derivation worker exited with code ${code}`));
      });
      return worker;
    });
    // Taken now: a worker that has already exited (it failed) emits no second 'exit' for close().
    this.exited = this.workers.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
  }

  /** Whether a worker has died: the pool takes no more work, and its caller derives on its own thread. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Has the next worker in turn derive these cases from their whole streams under these rulesets
   * and write them into the read database (see deriveInto), which must already have its schema;
   * resolves once that transaction has committed.
   */
  deriveInto(target: ReadDatabase, caseIds: readonly string[], rulesets: readonly RulesetDef[], fresh: boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: DeriveRequest = { id, file: target.file, scratch: target.scratch, caseIds: [...caseIds], rulesets: [...rulesets], fresh };
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.postMessage(request);
    });
  }

  /** Lets every worker finish what it was given, then stops it (any still busy after a grace period is terminated). */
  async close(): Promise<void> {
    this.closing = true;
    for (const worker of this.workers) worker.postMessage('close');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS)));
    try {
      if ((await Promise.race([Promise.all(this.exited), grace])) === 'late') {
        await Promise.all(this.workers.map((worker) => worker.terminate()));
        await Promise.all(this.exited);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(`deriving cases failed: ${answer.error}`));
    else waiting.resolve();
  }

  /** Fails what the dead worker had; the others finish theirs (their chunks commit, or not, as usual). */
  private fail(worker: Worker, error: Error): void {
    this.failure ??= error;
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(error);
    }
  }
}
