import { Query } from '@nestjs/cqrs';
import type { CaseEventType } from '../../cases/domain/events';
import type { FeedCloudEvent } from '../cloud-event';

export interface FeedPage {
  /** The sequence of the page's last event, or the `after` asked for when the page is empty. */
  nextAfter?: string;
  /** The page's events, read from the store as the client takes them. */
  events: AsyncIterable<FeedCloudEvent>;
}

export class GetFeedQuery extends Query<FeedPage> {
  constructor(
    readonly after: string | undefined,
    readonly limit: number,
    readonly types: readonly CaseEventType[] | undefined,
  ) {
    super();
  }
}
