/**
 * The breached and overdue clocks, listed by SQLite from the read models (a page at a time, from
 * an index in their order). Overdue is decided here, against the time of the request.
 */
import { BREACH_CANDIDATE } from '../projections/read-model.schema';
import type { SqliteReadStore } from '../projections/sqlite-read-store';
import type { InspectionFilters } from './inspection.filters';

interface Where {
  sql: string;
  params: Record<string, unknown>;
}

/** WHERE clause for the filters on a table with `force` and a time column. */
function whereOf(filters: InspectionFilters, timeColumn: string, extra: string[] = [], forceColumn = 'force'): Where {
  const clauses = [...extra];
  const params: Record<string, unknown> = {};
  if (filters.forces && filters.forces.length > 0) {
    clauses.push(`${forceColumn} IN (${filters.forces.map((_, i) => `@force${i}`).join(', ')})`);
    filters.forces.forEach((force, i) => (params[`force${i}`] = force));
  }
  if (filters.fromMs !== undefined) {
    clauses.push(`${timeColumn} >= @fromMs`);
    params.fromMs = filters.fromMs;
  }
  if (filters.toMs !== undefined) {
    clauses.push(`${timeColumn} < @toMs`);
    params.toMs = filters.toMs;
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export interface BreachRow {
  caseId: string;
  force: string;
  area: string | null;
  riskLevel: string | null;
  ruleId: string;
  cycleKey: string;
  status: 'breached' | 'overdue';
  startEventId: string;
  startEventType: string;
  startedAt: string;
  dueAt: string;
  stopEventId: string | null;
  stopEventType: string | null;
  stoppedAt: string | null;
  overdueByMs: number;
  elapsedMs: number;
}

export interface BreachCursor {
  startedAtMs: number;
  caseId: string;
  ruleId: string;
  cycleKey: string;
}

interface RawBreach {
  caseId: string;
  force: string;
  area: string | null;
  riskLevel: string | null;
  ruleId: string;
  cycleKey: string;
  verdict: string | null;
  startEventId: string;
  startEventType: string;
  startedAtMs: number;
  dueAtMs: number;
  stopEventId: string | null;
  stopEventType: string | null;
  stoppedAtMs: number | null;
}

export function toBreach(raw: RawBreach, nowMs: number): BreachRow {
  const end = raw.stoppedAtMs ?? nowMs;
  return {
    caseId: raw.caseId,
    force: raw.force,
    area: raw.area,
    riskLevel: raw.riskLevel,
    ruleId: raw.ruleId,
    cycleKey: raw.cycleKey,
    status: raw.verdict === 'breached' ? 'breached' : 'overdue',
    startEventId: raw.startEventId,
    startEventType: raw.startEventType,
    startedAt: new Date(raw.startedAtMs).toISOString(),
    dueAt: new Date(raw.dueAtMs).toISOString(),
    stopEventId: raw.stopEventId,
    stopEventType: raw.stopEventType,
    stoppedAt: raw.stoppedAtMs === null ? null : new Date(raw.stoppedAtMs).toISOString(),
    overdueByMs: end - raw.dueAtMs,
    elapsedMs: end - raw.startedAtMs,
  };
}

export class SqliteBreachQueries {
  constructor(private readonly readStore: SqliteReadStore) {}

  /** Breached and overdue clocks in (startedAt, case, rule, cycle) order, after the cursor. */
  *breaches(
    rulesetId: string,
    version: number,
    filters: InspectionFilters,
    nowMs: number,
    options: { ruleIds?: string[]; after?: BreachCursor; limit?: number },
  ): Generator<BreachRow> {
    const extra = [
      'c.ruleset_id = @rulesetId',
      'c.ruleset_version = @version',
      // Implied by the next term, and said as clocks_by_start's WHERE says it, so that SQLite uses that index.
      BREACH_CANDIDATE,
      "(c.verdict = 'breached' OR (c.verdict IS NULL AND c.due_at_ms IS NOT NULL AND @nowMs > c.due_at_ms))",
    ];
    const params: Record<string, unknown> = { rulesetId, version, nowMs };
    if (options.ruleIds && options.ruleIds.length > 0) {
      extra.push(`c.rule_id IN (${options.ruleIds.map((_, i) => `@rule${i}`).join(', ')})`);
      options.ruleIds.forEach((id, i) => (params[`rule${i}`] = id));
    }
    if (options.after) {
      extra.push('(c.started_at_ms, c.case_id, c.rule_id, c.cycle_key) > (@afterStarted, @afterCase, @afterRule, @afterCycle)');
      Object.assign(params, {
        afterStarted: options.after.startedAtMs,
        afterCase: options.after.caseId,
        afterRule: options.after.ruleId,
        afterCycle: options.after.cycleKey,
      });
    }
    const where = whereOf(filters, 'c.started_at_ms', extra, 'c.force');
    const statement = this.readStore.db.prepare(
      `SELECT c.case_id AS caseId, c.force, c.area, c.risk_level AS riskLevel, c.rule_id AS ruleId, c.cycle_key AS cycleKey, c.verdict,
         c.start_event_id AS startEventId, c.start_event_type AS startEventType, c.started_at_ms AS startedAtMs, c.due_at_ms AS dueAtMs,
         c.stop_event_id AS stopEventId, c.stop_event_type AS stopEventType, c.stopped_at_ms AS stoppedAtMs
       FROM clocks c
       ${where.sql}
       ORDER BY c.started_at_ms, c.case_id, c.rule_id, c.cycle_key
       ${options.limit !== undefined ? 'LIMIT @limit' : ''}`,
    );
    const all = { ...where.params, ...params, ...(options.limit !== undefined ? { limit: options.limit } : {}) };
    for (const raw of statement.iterate(all) as Iterable<RawBreach>) yield toBreach(raw, nowMs);
  }
}
