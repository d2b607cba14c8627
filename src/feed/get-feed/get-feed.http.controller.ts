import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Roles } from '../../auth/auth.guard';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { FEED_DEFAULT_LIMIT, FEED_MAX_LIMIT, parseFeedLimit, parseFeedPosition, parseFeedTypes } from '../feed-params';
import { NDJSON_CONTENT_TYPE, ndjsonChunks } from '../ndjson';
import { GetFeedQuery } from './get-feed.query';

export const FEED_ROLES = ['analyst', 'inspector', 'admin'] as const;

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed')
export class GetFeedHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Roles(...FEED_ROLES)
  @ApiOperation({
    summary: 'The analytics feed: one pseudonymised CloudEvents 1.0 event per line, in log order',
    description:
      'Case events only. Victim, suspect and other references are keyed pseudonyms (the same reference gives the same pseudonym); ' +
      'free text is left out. Each line\'s `sequence` is its position: pass the last one as `after` to resume. ' +
      'X-Next-After carries the sequence of the last line (or `after` when the page is empty); a page with fewer lines than `limit` is the end, for now. ' +
      'Delivery is at least once: deduplicate on `id`.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'Resume after this sequence (from the start when absent)' })
  @ApiQuery({ name: 'limit', required: false, description: `At most this many events, 1 to ${FEED_MAX_LIMIT} (default ${FEED_DEFAULT_LIMIT})` })
  @ApiQuery({ name: 'types', required: false, description: 'Only these event types, comma-separated, e.g. CaseOpened,ChargingDecisionMade' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'application/x-ndjson: one CloudEvent per line' })
  @ApiProblemResponses(400, 401, 403)
  async read(
    @Query('after') rawAfter: string | string[] | undefined,
    @Query('limit') rawLimit: string | string[] | undefined,
    @Query('types') rawTypes: string | string[] | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = parseFeedPosition(this.store, rawAfter, 'after');
    const limit = parseFeedLimit(rawLimit);
    const types = parseFeedTypes(rawTypes);
    const page = await this.queryBus.execute(new GetFeedQuery(after, limit, types));

    void reply.header('Content-Type', NDJSON_CONTENT_TYPE).header('Cache-Control', 'no-store');
    if (page.nextAfter !== undefined) void reply.header('X-Next-After', page.nextAfter);
    // Readable.from pulls the next chunk only when the socket has taken the last one, and a
    // client that goes away destroys the stream, which ends the store read.
    void reply.send(Readable.from(ndjsonChunks(page.events), { objectMode: false }));
  }
}
