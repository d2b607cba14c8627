import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.guard';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { parseFeedPosition, parseFeedTypes } from '../feed-params';
import { FEED_ROLES } from '../get-feed/get-feed.http.controller';
import { FeedLiveService } from './feed-live.service';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/live')
export class FeedLiveHttpController {
  constructor(
    private readonly live: FeedLiveService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Roles(...FEED_ROLES)
  @ApiOperation({
    summary: 'The analytics feed as server-sent events: catches up, then stays live',
    description:
      'Each message has `id: <sequence>` and `data: <CloudEvent JSON>` (the same event as a line of GET /v1/feed). ' +
      'Reconnect with Last-Event-ID (or ?after=) to resume without a gap. A comment line is sent as a heartbeat every 15 s.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this sequence; wins over `after`' })
  @ApiQuery({ name: 'after', required: false, description: 'Resume after this sequence (from the start when absent)' })
  @ApiQuery({ name: 'types', required: false, description: 'Only these event types, comma-separated' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiProblemResponses(400, 401, 403)
  stream(
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') rawAfter: string | string[] | undefined,
    @Query('types') rawTypes: string | string[] | undefined,
    @Res() reply: FastifyReply,
  ): void {
    // A browser reconnecting sends Last-Event-ID on the URL it first opened, `after` included: the header is newer.
    const after =
      lastEventId !== undefined && lastEventId.trim() !== ''
        ? parseFeedPosition(this.store, lastEventId, 'Last-Event-ID')
        : parseFeedPosition(this.store, rawAfter, 'after');
    const types = parseFeedTypes(rawTypes);
    this.live.start(reply, after, types);
  }
}
