import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from './event-store.port';

export const EVENT_STORE_FILE = 'events.sqlite';

/** Opens the store the configuration names: EventStoreDB when a connection string is set, else SQLite. */
export function openEventStore(config: AppConfig): EventStore {
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

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EventStore => openEventStore(config),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
