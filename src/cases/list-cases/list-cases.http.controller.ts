import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.guard';
import { ForceForbiddenError } from '../../auth/errors';
import { ApiProblemResponses } from '../../common/api-problems.decorator';
import { FieldError } from '../../common/app-error';
import type { RequestContext } from '../../common/request-context';
import { Ctx } from '../../common/request-context.decorator';
import { parseEnum, parseFilters, throwIfAny } from '../../inspection/inspection.filters';
import { SqliteReadStore } from '../../projections/sqlite-read-store';
import { listCases } from './sqlite-list-cases';

const MAX_LIMIT = 500;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class ListCasesHttpController {
  constructor(private readonly readStore: SqliteReadStore) {}

  @Get()
  @Roles('investigator', 'supervisor', 'inspector')
  @ApiOperation({
    summary: 'List cases, newest first',
    description:
      'Investigators and supervisors see their own force; inspectors every force. from/to select by the date the case was opened (its first report). Follow nextCursor for the next page. Served from the read models, which follow the log within moments.',
  })
  @ApiQuery({ name: 'force', required: false })
  @ApiQuery({ name: 'area', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'closed'] })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${MAX_LIMIT}, default 50` })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ description: '{ items: [...], nextCursor }' })
  @ApiProblemResponses(400, 401, 403)
  list(@Query() query: Record<string, string | undefined>, @Ctx() context: RequestContext) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const status = parseEnum('status', query.status, ['open', 'closed'] as const, errors);
    let limit = 50;
    if (query.limit !== undefined) {
      if (!/^\d+$/.test(query.limit) || Number(query.limit) < 1 || Number(query.limit) > MAX_LIMIT) {
        errors.push({ path: 'limit', message: `limit must be a whole number from 1 to ${MAX_LIMIT}` });
      } else limit = Number(query.limit);
    }
    let after: { openedAtMs: number; caseId: string } | undefined;
    if (query.cursor) {
      const match = /^(\d+)_([0-9a-f-]{36})$/.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'));
      if (match) after = { openedAtMs: Number(match[1]), caseId: match[2] };
      else errors.push({ path: 'cursor', message: 'cursor must be a nextCursor returned by this route' });
    }
    throwIfAny(errors);
    const { principal } = context;
    let forces = filters.forces;
    if (!principal.roles.includes('inspector')) {
      if (forces && forces.some((f) => f !== principal.force)) {
        throw new ForceForbiddenError(`You may list only cases of your own force (${principal.force})`);
      }
      forces = [principal.force];
    }
    const rows = listCases(this.readStore, { ...filters, forces, area: query.area, status, after, limit: limit + 1 });
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(({ openedAtMs: _ms, ...item }) => item);
    const last = more ? rows[limit - 1] : undefined;
    return {
      items,
      nextCursor: last ? Buffer.from(`${last.openedAtMs}_${last.caseId}`).toString('base64url') : null,
    };
  }
}
