import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.guard';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { etag, parseInstantQuery, parseUuidParam } from '../../common/http-params';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import { CaseEventsView, GetCaseEventsQuery } from './get-case-events.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/events')
export class GetCaseEventsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('investigator', 'supervisor', 'inspector')
  @ApiOperation({
    summary: 'The stored events of a case, as recorded',
    description: 'Every read is written to the access audit. With asOf, only the events recorded by then.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Recorded-time cut, ISO 8601 with offset, e.g. 2024-06-01T00:00:00Z' })
  @ApiOkResponse({ description: '{ caseId, revision, asOf?, events: [stored event] }' })
  @ApiProblemResponses(400, 401, 403, 404)
  async read(
    @Param('caseId') rawCaseId: string,
    @Query('asOf') rawAsOf: string | undefined,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseEventsView> {
    const caseId = parseUuidParam('caseId', rawCaseId);
    const asOf = parseInstantQuery('asOf', rawAsOf);
    const view = await this.queryBus.execute(new GetCaseEventsQuery(caseId, context, asOf));
    void reply.header('ETag', etag(view.revision)).header('Cache-Control', 'private, no-store');
    return view;
  }
}
