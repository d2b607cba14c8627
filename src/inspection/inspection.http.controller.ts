import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Roles } from '../auth/auth.guard';
import { parseRulesetRef } from '../rulesets/ruleset-ref';
import { ApiProblemResponses } from '../common/api-problems.decorator';
import { FieldError } from '../common/app-error';
import { parseInstantQuery } from '../common/http-params';
import { RulesetStore } from '../rulesets/ruleset-store';
import { InspectionService } from './inspection.service';
import { describeFilters, GROUP_BY, parseEnum, parseFilters, PERIODS, throwIfAny } from './inspection.filters';
import { BreachCursor, BreachRow, SqliteBreachQueries } from './sqlite-breach-queries';
import { SqliteReadStore } from '../projections/sqlite-read-store';
import { CLOCK, Clock } from '../common/clock';

type Q = Record<string, string | undefined>;

const CSV_COLUMNS: (keyof BreachRow)[] = [
  'caseId', 'force', 'area', 'riskLevel', 'ruleId', 'cycleKey', 'status', 'startEventId', 'startEventType', 'startedAt',
  'dueAt', 'stopEventId', 'stopEventType', 'stoppedAt', 'overdueByMs', 'elapsedMs',
];

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function encodeCursor(row: BreachRow): string {
  const cursor: BreachCursor = { startedAtMs: Date.parse(row.startedAt), caseId: row.caseId, ruleId: row.ruleId, cycleKey: row.cycleKey };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string, errors: FieldError[]): BreachCursor | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as BreachCursor;
    if (typeof cursor.startedAtMs === 'number' && typeof cursor.caseId === 'string' && typeof cursor.ruleId === 'string' && typeof cursor.cycleKey === 'string') {
      return cursor;
    }
  } catch {
    // reported below
  }
  errors.push({ path: 'cursor', message: 'cursor must be a nextCursor returned by this route' });
  return undefined;
}

function parseLimit(value: string | undefined, fallback: number, max: number, errors: FieldError[]): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    errors.push({ path: 'limit', message: `limit must be a whole number from 1 to ${max}` });
    return fallback;
  }
  return Number(value);
}

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('v1/inspection')
export class InspectionHttpController {
  private readonly breachQueries: SqliteBreachQueries;

  constructor(
    private readonly inspection: InspectionService,
    private readonly rulesets: RulesetStore,
    readStore: SqliteReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.breachQueries = new SqliteBreachQueries(readStore);
  }

  @Get('timeliness')
  @Roles('inspector', 'analyst')
  @ApiOperation({
    summary: 'Compliance with each time standard, across cases and forces',
    description:
      'Per rule: clocks, met, breached, running, overdue, completed, open; compliance = met / (met + breached + overdue), null when no clock has a verdict; median and p90 (nearest rank) of elapsed time over stopped clocks. from/to select clocks by their start: a date is a Europe/London day (to includes it), or an instant with offset. With asOf, every case is replayed as it had been recorded by then.',
  })
  @ApiQuery({ name: 'force', required: false, description: 'force slug(s), comma-separated' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'groupBy', required: false, enum: GROUP_BY })
  @ApiQuery({ name: 'ruleset', required: false, description: 'id@version; default the latest england-and-wales' })
  @ApiQuery({ name: 'compare', required: false, description: 'another version (2) or id@version, reported side by side' })
  @ApiQuery({ name: 'asOf', required: false, description: 'recorded-time cut, ISO 8601 with offset' })
  @ApiOkResponse({ description: '{ ruleset, asOf, evaluatedAt, filters, rules: [...], compare? }' })
  @ApiProblemResponses(400, 401, 403, 404)
  async timeliness(@Query() query: Q) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const groupBy = parseEnum('groupBy', query.groupBy, GROUP_BY, errors);
    throwIfAny(errors);
    const ruleset = parseRulesetRef(query.ruleset);
    const compare = query.compare
      ? /^[1-9]\d*$/.test(query.compare)
        ? { id: ruleset.id, version: Number(query.compare) }
        : parseRulesetRef(query.compare, 'compare')
      : undefined;
    const asOf = parseInstantQuery('asOf', query.asOf);
    const report = await this.inspection.timeliness({ ruleset, compare, filters, groupBy, asOf });
    return { ...report, filters: describeFilters(query, ['force', 'from', 'to', 'groupBy']) };
  }

  @Get('breaches')
  @Roles('inspector')
  @ApiOperation({
    summary: 'Breached and overdue clocks, each with its case, start and stop events',
    description: 'Ordered by start. JSON pages (limit, default 100, at most 1000; follow nextCursor), or format=csv for every matching clock at once.',
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({ name: 'rule', required: false, description: 'rule id(s), comma-separated' })
  @ApiProblemResponses(400, 401, 403, 404)
  async breaches(@Query() query: Q, @Res() reply: FastifyReply) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const format = parseEnum('format', query.format, ['json', 'csv'] as const, errors) ?? 'json';
    const after = query.cursor ? decodeCursor(query.cursor, errors) : undefined;
    const limit = parseLimit(query.limit, format === 'csv' ? 0 : 100, format === 'csv' ? 1_000_000 : 1000, errors);
    throwIfAny(errors);
    const ref = parseRulesetRef(query.ruleset);
    const { ruleset } = await this.rulesets.get(ref.id, ref.version);
    const ruleIds = query.rule ? query.rule.split(',').map((r) => r.trim()) : undefined;
    const now = this.clock.now().getTime();
    if (format === 'csv') {
      const rows = this.breachQueries.breaches(ruleset.id, ruleset.version, filters, now, { ruleIds, after, limit: limit || undefined });
      const lines = (function* () {
        yield `${CSV_COLUMNS.join(',')}\r\n`;
        for (const row of rows) yield `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
      })();
      void reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="breaches-${ruleset.id}-v${ruleset.version}.csv"`)
        .header('Cache-Control', 'no-store')
        .send(Readable.from(lines));
      return;
    }
    const page = [...this.breachQueries.breaches(ruleset.id, ruleset.version, filters, now, { ruleIds, after, limit: limit + 1 })];
    const more = page.length > limit;
    const items = more ? page.slice(0, limit) : page;
    void reply.header('Cache-Control', 'no-store').send({
      ruleset: { id: ruleset.id, version: ruleset.version },
      evaluatedAt: new Date(now).toISOString(),
      items,
      nextCursor: more ? encodeCursor(items[items.length - 1]) : null,
    });
  }

  @Get('data-quality')
  @Roles('inspector', 'analyst')
  @ApiOperation({
    summary: 'What was recorded, and what was not',
    description:
      'Over the cases opened within the filters: recording lag (events recorded more than 24 hours after they occurred), victim and suspect ethnicity, sex and age recorded, CrimeRecorded with the CSE and group-based flags, record-quality findings by kind, Home Office outcome codes at closure with outcome 16 (victim does not support) called out.',
  })
  @ApiQuery({ name: 'groupBy', required: false, enum: ['force'] })
  @ApiProblemResponses(400, 401, 403)
  dataQuality(@Query() query: Q) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const groupBy = parseEnum('groupBy', query.groupBy, ['force'] as const, errors);
    throwIfAny(errors);
    const { total, groups } = this.inspection.dataQuality(filters, groupBy === 'force');
    return {
      filters: describeFilters(query, ['force', 'from', 'to', 'groupBy']),
      ...total,
      ...(groups ? { groups: groups.map((g) => ({ force: g.key, ...g.figures })) } : {}),
    };
  }

  @Get('disruption')
  @Roles('inspector', 'analyst')
  @ApiOperation({ summary: 'Disruption tools used: by tool, by force and by period (Europe/London months, quarters or years)' })
  @ApiQuery({ name: 'period', required: false, enum: PERIODS })
  @ApiProblemResponses(400, 401, 403)
  disruption(@Query() query: Q) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const period = parseEnum('period', query.period, PERIODS, errors) ?? 'month';
    throwIfAny(errors);
    return { filters: describeFilters(query, ['force', 'from', 'to']), period, ...this.inspection.disruption(filters, period) };
  }

  @Get('charging')
  @Roles('inspector', 'analyst')
  @ApiOperation({ summary: 'Charging decisions: by outcome, by decider, by force and by period' })
  @ApiQuery({ name: 'period', required: false, enum: PERIODS })
  @ApiProblemResponses(400, 401, 403)
  charging(@Query() query: Q) {
    const errors: FieldError[] = [];
    const filters = parseFilters(query, errors);
    const period = parseEnum('period', query.period, PERIODS, errors) ?? 'month';
    throwIfAny(errors);
    return { filters: describeFilters(query, ['force', 'from', 'to']), period, ...this.inspection.charging(filters, period) };
  }
}
