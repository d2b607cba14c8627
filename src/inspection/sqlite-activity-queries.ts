/** Data-quality facts, disruption tool use and charging outcomes over the read models. */
import type { SqliteReadStore } from '../projections/sqlite-read-store';
import type { InspectionFilters, Period } from './inspection.filters';
import { whereOf } from './sqlite-inspection-queries';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const PERIOD_SQL: Record<Period, string> = {
  month: 'occurred_month',
  quarter: "substr(occurred_month, 1, 4) || '-Q' || ((CAST(substr(occurred_month, 6, 2) AS INTEGER) + 2) / 3)",
  year: 'substr(occurred_month, 1, 4)',
};

export interface DataQualityFigures {
  cases: number;
  recording: { events: number; recordedOver24hAfter: number; share: number | null };
  victims: { ethnicityRecorded: number; sexRecorded: number; ageRecorded: number; ethnicityShare: number | null; sexShare: number | null; ageShare: number | null };
  suspects: { identified: number; ethnicityRecorded: number; sexRecorded: number; ageBandRecorded: number; ethnicityShare: number | null; sexShare: number | null; ageBandShare: number | null };
  crimes: { recorded: number; cseFlagged: number; groupBasedFlagged: number; cseFlagShare: number | null; groupBasedFlagShare: number | null };
  findings: Record<string, number>;
  outcomes: { closed: number; byCode: Record<string, number>; victimDoesNotSupport: { code: 16; count: number; share: number | null } };
}

interface QualityRow {
  key: string | null;
  cases: number;
  events: number;
  late: number;
  vEth: number;
  vSex: number;
  vAge: number;
  suspects: number;
  sEth: number;
  sSex: number;
  sAge: number;
  crimes: number;
  cse: number;
  grp: number;
}

export class SqliteActivityQueries {
  constructor(private readonly readStore: SqliteReadStore) {}

  private get db() {
    return this.readStore.db;
  }

  /** Facts of the cases opened within the filters, overall (key null) or per force. */
  dataQuality(filters: InspectionFilters, byForce: boolean): Array<{ key: string | null; figures: DataQualityFigures }> {
    const where = whereOf(filters, 'opened_at_ms');
    const key = byForce ? 'force' : 'NULL';
    const rows = this.db
      .prepare(
        `SELECT ${key} AS key, COUNT(*) AS cases, SUM(events) AS events, SUM(late_events) AS late,
           SUM(victim_ethnicity) AS vEth, SUM(victim_sex) AS vSex, SUM(victim_age) AS vAge,
           SUM(suspects) AS suspects, SUM(suspect_ethnicity) AS sEth, SUM(suspect_sex) AS sSex, SUM(suspect_age) AS sAge,
           SUM(crimes) AS crimes, SUM(crimes_cse) AS cse, SUM(crimes_group) AS grp
         FROM quality ${where.sql} GROUP BY key ORDER BY key`,
      )
      .all(where.params) as QualityRow[];
    if (!byForce && rows.length === 0) {
      rows.push({ key: null, cases: 0, events: 0, late: 0, vEth: 0, vSex: 0, vAge: 0, suspects: 0, sEth: 0, sSex: 0, sAge: 0, crimes: 0, cse: 0, grp: 0 });
    }
    const findings = this.db
      .prepare(`SELECT ${key} AS key, findings FROM quality ${where.sql} ${where.sql ? 'AND' : 'WHERE'} findings <> '{}'`)
      .all(where.params) as Array<{ key: string | null; findings: string }>;
    const outcomes = this.db
      .prepare(`SELECT ${key} AS key, outcome_code AS code, COUNT(*) AS n FROM quality ${where.sql} ${where.sql ? 'AND' : 'WHERE'} outcome_code IS NOT NULL GROUP BY key, code`)
      .all(where.params) as Array<{ key: string | null; code: number; n: number }>;

    return rows.map((r) => {
      const kinds: Record<string, number> = {};
      for (const f of findings.filter((f) => f.key === r.key)) {
        for (const [kind, n] of Object.entries(JSON.parse(f.findings) as Record<string, number>)) kinds[kind] = (kinds[kind] ?? 0) + n;
      }
      const byCode: Record<string, number> = {};
      let closed = 0;
      for (const o of outcomes.filter((o) => o.key === r.key)) {
        byCode[String(o.code)] = o.n;
        closed += o.n;
      }
      const sixteen = byCode['16'] ?? 0;
      return {
        key: r.key,
        figures: {
          cases: r.cases,
          recording: { events: r.events ?? 0, recordedOver24hAfter: r.late ?? 0, share: share(r.late ?? 0, r.events ?? 0) },
          victims: {
            ethnicityRecorded: r.vEth,
            sexRecorded: r.vSex,
            ageRecorded: r.vAge,
            ethnicityShare: share(r.vEth, r.cases),
            sexShare: share(r.vSex, r.cases),
            ageShare: share(r.vAge, r.cases),
          },
          suspects: {
            identified: r.suspects,
            ethnicityRecorded: r.sEth,
            sexRecorded: r.sSex,
            ageBandRecorded: r.sAge,
            ethnicityShare: share(r.sEth, r.suspects),
            sexShare: share(r.sSex, r.suspects),
            ageBandShare: share(r.sAge, r.suspects),
          },
          crimes: { recorded: r.crimes, cseFlagged: r.cse, groupBasedFlagged: r.grp, cseFlagShare: share(r.cse, r.crimes), groupBasedFlagShare: share(r.grp, r.crimes) },
          findings: kinds,
          outcomes: { closed, byCode, victimDoesNotSupport: { code: 16, count: sixteen, share: share(sixteen, closed) } },
        },
      };
    });
  }

  /** Disruption actions taken within the filters: by tool, by force and by period. */
  disruption(filters: InspectionFilters, period: Period) {
    const where = whereOf(filters, 'occurred_at_ms');
    const rows = this.db
      .prepare(`SELECT force, ${PERIOD_SQL[period]} AS period, tool, COUNT(*) AS n, SUM(breaches) AS breaches FROM disruptions ${where.sql} GROUP BY force, period, tool`)
      .all(where.params) as Array<{ force: string; period: string; tool: string; n: number; breaches: number }>;
    return tally(rows, 'tool', (r) => r.breaches);
  }

  /** Charging decisions made within the filters: by outcome, by force and by period. */
  charging(filters: InspectionFilters, period: Period) {
    const where = whereOf(filters, 'occurred_at_ms');
    const rows = this.db
      .prepare(`SELECT force, ${PERIOD_SQL[period]} AS period, outcome, decided_by AS decidedBy, COUNT(*) AS n FROM charging ${where.sql} GROUP BY force, period, outcome, decidedBy`)
      .all(where.params) as Array<{ force: string; period: string; outcome: string; decidedBy: string; n: number }>;
    const result = tally(rows, 'outcome');
    const byDecider: Record<string, number> = {};
    for (const r of rows) byDecider[r.decidedBy] = (byDecider[r.decidedBy] ?? 0) + r.n;
    return { ...result, byDecider };
  }
}

type Counted = { force: string; period: string; n: number };

function tally<R extends Counted, K extends keyof R & string>(rows: R[], kindKey: K, breaches?: (r: R) => number) {
  const add = (into: Record<string, number>, kind: string, n: number) => (into[kind] = (into[kind] ?? 0) + n);
  const total = { count: 0, breaches: 0, byKind: {} as Record<string, number> };
  const forces = new Map<string, { force: string; count: number; byKind: Record<string, number> }>();
  const periods = new Map<string, { period: string; count: number; byKind: Record<string, number> }>();
  for (const r of rows) {
    const kind = String(r[kindKey]);
    total.count += r.n;
    total.breaches += breaches?.(r) ?? 0;
    add(total.byKind, kind, r.n);
    const f = forces.get(r.force) ?? { force: r.force, count: 0, byKind: {} };
    f.count += r.n;
    add(f.byKind, kind, r.n);
    forces.set(r.force, f);
    const p = periods.get(r.period) ?? { period: r.period, count: 0, byKind: {} };
    p.count += r.n;
    add(p.byKind, kind, r.n);
    periods.set(r.period, p);
  }
  const key = kindKey === 'tool' ? 'byTool' : 'byOutcome';
  const rename = <T extends { byKind: Record<string, number> }>({ byKind, ...rest }: T) => ({ ...rest, [key]: byKind });
  return {
    total: total.count,
    ...(breaches ? { breaches: total.breaches } : {}),
    [key]: total.byKind,
    byForce: [...forces.values()].sort((a, b) => a.force.localeCompare(b.force)).map(rename),
    byPeriod: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period)).map(rename),
  };
}
