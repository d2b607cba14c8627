import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/auth.guard';
import { etag } from '../../common/http-params';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import { AppendResponseDto } from '../dto/append.response.dto';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import type { AppendOutcome } from '../case-events.repository';
import { OpenCaseCommand } from './open-case.command';
import { OpenCaseRequestDto, parseOpenCaseRequest } from './open-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class OpenCaseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('investigator', 'supervisor')
  @ApiOperation({
    summary: 'Open a case',
    description:
      'Writes CaseOpened and the first ReportReceived. Send caseId, eventId and report.eventId to make retries idempotent: the same request again gets 201 with the first result; another request for the same caseId gets 409.',
  })
  @ApiBody({ type: OpenCaseRequestDto })
  @ApiCreatedResponse({ type: AppendResponseDto })
  @ApiProblemResponses(400, 401, 403, 409, 413)
  async open(@Body() body: unknown, @Ctx() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<AppendOutcome> {
    const request = parseOpenCaseRequest(body);
    const outcome = await this.commandBus.execute(new OpenCaseCommand(request, context));
    void reply.header('Location', `/v1/cases/${outcome.caseId}`).header('ETag', etag(outcome.revision));
    return outcome;
  }
}
