/**
 * A worker thread of the DerivationPool: opens the event store, and each read database it is
 * asked to write, itself; derives and writes each chunk of cases it is given in one transaction.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openEventStore, StoreLocation } from '../event-store/open-event-store';
// Imported for openEventStore's default store, so a worker started from the TypeScript sources has it.
import '../event-store/sqlite-event-store';
import type { RulesetDef } from '../timeliness/model';
import { deriveInto } from './case-derivation';
import { SqliteReadStore } from './sqlite-read-store';

export interface DeriveRequest {
  id: number;
  /** The read database to write. */
  file: string;
  /** Whether that file is being built (see SqliteReadStore's `scratch`). */
  scratch: boolean;
  caseIds: string[];
  rulesets: RulesetDef[];
  /** The cases have no rows yet (see SqliteReadStore.writeCases). */
  fresh: boolean;
}

export interface WorkerData extends StoreLocation {
  /** One Int32 shared by the pool and its workers: 0, or the threadId of the worker that writes. */
  writeTurn: SharedArrayBuffer;
}

/** Another connection (not of this pool) may hold the write lock for a while: wait ten minutes. */
const BUSY_TIMEOUT_MS = 600_000;

const data = workerData as WorkerData;
const store = openEventStore(data);
const turn = new Int32Array(data.writeTurn);

/**
 * The workers take turns at the write lock among themselves: one waiting here sleeps until the
 * writer before it is done (or the pool frees the turn of one that died in it), where SQLite's
 * own busy handler would poll, sleeping ever longer.
 */
function inTurn(write: () => void): void {
  for (let holder = Atomics.compareExchange(turn, 0, 0, threadId); holder !== 0; holder = Atomics.compareExchange(turn, 0, 0, threadId)) {
    Atomics.wait(turn, 0, holder);
  }
  try {
    write();
  } finally {
    Atomics.store(turn, 0, 0);
    Atomics.notify(turn, 0, 1);
  }
}
const readStores = new Map<string, SqliteReadStore>();

function readStore(file: string, scratch: boolean): SqliteReadStore {
  let opened = readStores.get(file);
  if (!opened) {
    opened = new SqliteReadStore(file, { migrate: false, busyTimeoutMs: BUSY_TIMEOUT_MS, scratch });
    readStores.set(file, opened);
  }
  return opened;
}

parentPort!.on('message', (request: DeriveRequest | 'close') => {
  if (request === 'close') {
    for (const opened of readStores.values()) opened.close();
    void store.close().then(() => parentPort!.close());
    return;
  }
  Promise.resolve()
    .then(() => deriveInto(store, readStore(request.file, request.scratch), request.caseIds, request.rulesets, request.fresh, inTurn))
    .then(
      () => parentPort!.postMessage({ id: request.id, written: true }),
      (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
