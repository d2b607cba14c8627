/** Opening the configured event store, without loading Nest (worker threads open it too). */
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { EventStore } from './event-store.port';

export const EVENT_STORE_FILE = 'events.sqlite';

/** Where the store is: all a process (or a worker thread) needs to open it. */
export type StoreLocation = Pick<AppConfig, 'dataDir' | 'eventStoreConnectionString'>;

/** Opens the store the configuration names: EventStoreDB when a connection string is set, else SQLite. */
export function openEventStore(config: StoreLocation): EventStore {
  if (config.eventStoreConnectionString) {
    // Loaded only when chosen, so the default start-up never loads the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb-event-store') as typeof import('./eventstoredb-event-store');
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteEventStore } = require('./sqlite-event-store') as typeof import('./sqlite-event-store');
  return new SqliteEventStore({ file: join(config.dataDir, EVENT_STORE_FILE) });
}
