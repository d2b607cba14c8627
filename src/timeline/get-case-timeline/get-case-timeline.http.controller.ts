import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.guard';
import { CASE_EVENT_TYPES } from '../../cases/domain/events';
import { parseRulesetRef } from '../../rulesets/ruleset-ref';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { ValidationFailedError } from '../../common/app-error';
import { parseInstantQuery, parseUuidParam } from '../../common/http-params';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import { CaseTimelineView, GetCaseTimelineQuery } from './get-case-timeline.query';

export function parseTypes(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const types = value.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = types.filter((t) => !(CASE_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new ValidationFailedError([{ path: 'types', message: `unknown event type(s): ${unknown.join(', ')}` }]);
  }
  return types;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/timeline')
export class GetCaseTimelineHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('investigator', 'supervisor', 'inspector')
  @ApiOperation({
    summary: 'The case as investigators read it',
    description:
      'Entries in the order things happened, with corrections applied and shown (who, when, why), retractions marked, the recording lag of each entry, and the clocks. Replayed from the case stream; with asOf, as recorded by then. Every read is written to the access audit.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Recorded-time cut, ISO 8601 with offset' })
  @ApiQuery({ name: 'types', required: false, description: 'only entries of these types, comma-separated' })
  @ApiQuery({ name: 'ruleset', required: false, description: 'id@version for the clocks' })
  @ApiOkResponse({ description: '{ caseId, asOf, evaluatedAt, case, ruleset, entries, clocks }' })
  @ApiProblemResponses(400, 401, 403, 404)
  async read(
    @Param('caseId') rawCaseId: string,
    @Query('asOf') rawAsOf: string | undefined,
    @Query('types') rawTypes: string | undefined,
    @Query('ruleset') rawRuleset: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CaseTimelineView> {
    const caseId = parseUuidParam('caseId', rawCaseId);
    const asOf = parseInstantQuery('asOf', rawAsOf);
    return this.queryBus.execute(new GetCaseTimelineQuery(caseId, context, parseRulesetRef(rawRuleset), asOf, parseTypes(rawTypes)));
  }
}
