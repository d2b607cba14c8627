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

/** Old-generation heap of a worker: a chunk of 512 cases needs a few MB. */
const WORKER_HEAP_MB = 64;

type Answer = { id: number; written: true } | { id: number; error: string };

export class DerivationPool {
  private readonly workers: Worker[];
  private readonly exited: Array<Promise<void>>;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private turn = 0;
  private failure?: Error;
  private closing = false;

  /** @param size worker threads; by default one per core. */
  constructor(location: StoreLocation, readonly size = availableParallelism()) {
    // The workers' turn at the read database's write lock (see derivation.worker.ts).
    const writeTurn = new SharedArrayBuffer(4);
    this.workers = Array.from({ length: size }, () => {
      const worker = startWorker(
        join(__dirname, 'derivation.worker'),
        __filename,
        { dataDir: location.dataDir, eventStoreConnectionString: location.eventStoreConnectionString, writeTurn } satisfies WorkerData,
        // A worker holds one chunk of cases at a time: a small heap keeps it collecting early,
        // instead of growing every thread's heap (and the process's memory) with garbage.
        // A young generation that holds a chunk's garbage: fewer scavenges (5% of a rebuild at 16 MB).
        { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
      );
      worker.on('message', (answer: Answer) => this.settle(answer));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 || !this.closing) this.fail(new Error(`a derivation worker exited with code ${code}`));
      });
      return worker;
    });
    // Taken now: a worker that has already exited (it failed) emits no second 'exit' for close().
    this.exited = this.workers.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
  }

  /**
   * Has the next worker in turn derive these cases from their whole streams under these rulesets
   * and write them into the read database `file` (see deriveInto), which must already have its
   * schema; resolves once that transaction has committed.
   */
  deriveInto(file: string, caseIds: readonly string[], rulesets: readonly RulesetDef[], fresh: boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: DeriveRequest = { id, file, caseIds: [...caseIds], rulesets: [...rulesets], fresh };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[this.turn++ % this.workers.length].postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const worker of this.workers) worker.postMessage('close');
    await Promise.all(this.exited);
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(`deriving cases failed: ${answer.error}`));
    else waiting.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
