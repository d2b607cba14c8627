/** The case list, newest first, from the cases read model, with keyset pagination. */
import type { SqliteReadStore } from '../../projections/sqlite-read-store';

export interface CaseListItem {
  caseId: string;
  force: string;
  area: string | null;
  jurisdiction: string;
  status: 'open' | 'closed';
  riskLevel: string | null;
  groupBased: boolean;
  openedAt: string;
  closedAt: string | null;
  outcomeCode: number | null;
  revision: number;
}

export interface CaseListFilter {
  forces?: string[];
  area?: string;
  status?: 'open' | 'closed';
  fromMs?: number;
  toMs?: number;
  after?: { openedAtMs: number; caseId: string };
  limit: number;
}

export function listCases(readStore: SqliteReadStore, filter: CaseListFilter): Array<CaseListItem & { openedAtMs: number }> {
  const clauses: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.forces && filter.forces.length > 0) {
    clauses.push(`force IN (${filter.forces.map((_, i) => `@force${i}`).join(', ')})`);
    filter.forces.forEach((force, i) => (params[`force${i}`] = force));
  }
  if (filter.area) {
    clauses.push('area = @area');
    params.area = filter.area;
  }
  if (filter.status) {
    clauses.push('status = @status');
    params.status = filter.status;
  }
  if (filter.fromMs !== undefined) {
    clauses.push('opened_at_ms >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    clauses.push('opened_at_ms < @toMs');
    params.toMs = filter.toMs;
  }
  if (filter.after) {
    clauses.push('(opened_at_ms, case_id) < (@afterOpened, @afterCase)');
    params.afterOpened = filter.after.openedAtMs;
    params.afterCase = filter.after.caseId;
  }
  const rows = readStore.db
    .prepare(
      `SELECT case_id AS caseId, force, area, jurisdiction, status, risk_level AS riskLevel, group_based AS groupBased, opened_at AS openedAt,
         opened_at_ms AS openedAtMs, closed_at AS closedAt, outcome_code AS outcomeCode, revision
       FROM cases ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY opened_at_ms DESC, case_id DESC LIMIT @limit`,
    )
    .all(params) as Array<Omit<CaseListItem, 'groupBased'> & { openedAtMs: number; groupBased: number }>;
  return rows.map((row) => ({ ...row, groupBased: row.groupBased === 1 }));
}
