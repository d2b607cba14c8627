import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.guard';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { parseInstantQuery, parseUuidParam } from '../../common/http-params';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import { parseRulesetRef } from '../../rulesets/ruleset-ref';
import { CaseTimelinessView, GetCaseTimelinessQuery } from './get-case-timeliness.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/timeliness')
export class GetCaseTimelinessHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('investigator', 'supervisor', 'inspector')
  @ApiOperation({
    summary: 'The clocks of a case',
    description:
      'Replays the case under a ruleset version and evaluates every started clock at asOf (what had been recorded by then) or now: met, breached, running, overdue, completed or open.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Recorded-time cut, ISO 8601 with offset' })
  @ApiQuery({ name: 'ruleset', required: false, description: 'id@version, e.g. england-and-wales@1; default: the latest england-and-wales' })
  @ApiOkResponse({ description: '{ caseId, asOf, evaluatedAt, ruleset: {id, version}, clocks: [...] }' })
  @ApiProblemResponses(400, 401, 403, 404)
  async read(
    @Param('caseId') rawCaseId: string,
    @Query('asOf') rawAsOf: string | undefined,
    @Query('ruleset') rawRuleset: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CaseTimelinessView> {
    const caseId = parseUuidParam('caseId', rawCaseId);
    const asOf = parseInstantQuery('asOf', rawAsOf);
    return this.queryBus.execute(new GetCaseTimelinessQuery(caseId, context, parseRulesetRef(rawRuleset), asOf));
  }
}
