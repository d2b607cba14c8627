/**
 * A worker thread of the DerivationPool: opens the event store itself, and answers each request
 * with the cases derived from their streams.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore, StoreLocation } from '../event-store/open-event-store';
// Imported for openEventStore's default store, so a worker started from the TypeScript sources has it.
import '../event-store/sqlite-event-store';
import type { RulesetDef } from '../timeliness/model';
import { deriveCases } from './case-derivation';

export interface DeriveRequest {
  id: number;
  caseIds: string[];
  rulesets: RulesetDef[];
}

const store = openEventStore(workerData as StoreLocation);

parentPort!.on('message', (request: DeriveRequest | 'close') => {
  if (request === 'close') {
    void store.close().then(() => parentPort!.close());
    return;
  }
  deriveCases(store, request.caseIds, request.rulesets).then(
    (derived) => parentPort!.postMessage({ id: request.id, derived }),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
