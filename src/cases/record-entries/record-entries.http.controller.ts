import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.guard';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { etag, parseIfMatch, parseUuidParam } from '../../common/http-params';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import type { AppendOutcome } from '../case-events.repository';
import { AppendResponseDto } from '../dto/append.response.dto';
import { RecordEntriesCommand } from './record-entries.command';
import { parseRecordEntriesRequest, RecordEntriesRequestDto } from './record-entries.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/events')
export class RecordEntriesHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('investigator', 'supervisor', 'inspector')
  @ApiOperation({
    summary: 'Record entries on a case',
    description:
      '1 to 500 entries, stored atomically: all or none. Each entry is one event of the catalogue; its data schema depends on its type. Corrections, retractions, closing and reopening need the supervisor role; inspectors may record only RecordQualityFinding.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the case you read, e.g. "3": the entries are stored only if the case is still at that revision (else 412).' })
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Stored in every event\'s metadata.' })
  @ApiBody({ type: RecordEntriesRequestDto })
  @ApiCreatedResponse({ type: AppendResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 412, 413)
  async record(
    @Param('caseId') rawCaseId: string,
    @Headers('if-match') ifMatchHeader: string | undefined,
    @Body() body: unknown,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppendOutcome> {
    const caseId = parseUuidParam('caseId', rawCaseId);
    const ifMatch = parseIfMatch(ifMatchHeader);
    const request = parseRecordEntriesRequest(body);
    const outcome = await this.commandBus.execute(new RecordEntriesCommand(caseId, request, context, ifMatch));
    void reply.header('Location', `/v1/cases/${caseId}`).header('ETag', etag(outcome.revision));
    return outcome;
  }
}
