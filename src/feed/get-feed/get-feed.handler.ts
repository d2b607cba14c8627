import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FeedReader } from '../feed-reader';
import { FeedPage, GetFeedQuery } from './get-feed.query';

@QueryHandler(GetFeedQuery)
export class GetFeedHandler implements IQueryHandler<GetFeedQuery> {
  constructor(private readonly reader: FeedReader) {}

  /**
   * Finds where the page ends before anything is sent, so that a store failure is still a
   * problem+json answer and X-Next-After can go in the headers; then streams up to there.
   */
  async execute({ after, limit, types }: GetFeedQuery): Promise<FeedPage> {
    const until = await this.reader.pageEnd(after, limit, types);
    if (until === undefined) return { nextAfter: after, events: empty() };
    return { nextAfter: until, events: this.reader.events({ after, until, types, batchSize: limit }) };
  }
}

async function* empty(): AsyncGenerator<never> {}
