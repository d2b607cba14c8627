import { Logger, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { createFeedReader, FeedReader } from './feed-reader';
import { DEFAULT_FEED_LIVE_SETTINGS, FEED_LIVE_SETTINGS, FeedLiveService } from './feed-live/feed-live.service';
import { FeedLiveHttpController } from './feed-live/feed-live.http.controller';
import { GetFeedHandler } from './get-feed/get-feed.handler';
import { GetFeedHttpController } from './get-feed/get-feed.http.controller';

const queryHandlers = [GetFeedHandler];
const controllers = [GetFeedHttpController, FeedLiveHttpController];

function feedReaderFor(store: EventStore, config: AppConfig): FeedReader {
  const logger = new Logger('Feed');
  return createFeedReader(store, config, (file) => {
    const shared = config.eventStoreConnectionString
      ? ': set FEED_PSEUDONYM_KEY so that every instance of the service gives the same pseudonyms'
      : '';
    logger.warn(`FEED_PSEUDONYM_KEY is not set: generated a pseudonym key into ${file}${shared}`);
  });
}

/** The analytics feed (DESIGN.md section 6, "Feed"): a read side of the log, pseudonymised. */
@Module({
  imports: [CqrsModule],
  controllers,
  providers: [
    { provide: FeedReader, inject: [EVENT_STORE, APP_CONFIG], useFactory: feedReaderFor },
    // A fresh object per application, so a test can shorten the heartbeat of its own app only.
    { provide: FEED_LIVE_SETTINGS, useFactory: () => ({ ...DEFAULT_FEED_LIVE_SETTINGS }) },
    FeedLiveService,
    ...queryHandlers,
  ],
  exports: [FeedReader],
})
export class FeedModule {}
