/**
 * What the inspection index reads from the SQLite read models: where the derivation sequence
 * stands, and the rows of each table, either all of them (a plain scan, for a full load) or
 * those of the cases derived after a given derived_seq (from the cases_by_derived index). Either
 * way each row carries its case id, and a case's rows come one after the other.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteReadStore } from '../projections/sqlite-read-store';
import type { CaseFacts, ChargingRow, DisruptionRow, QualityRow } from './inspection-index';

export type OfCase<T> = T & { caseId: string };

interface TableRead {
  all: Statement;
  since: Statement;
}

const CASE_COLUMNS = 't.force, t.area, t.risk_level AS riskLevel, t.opened_at_ms AS openedAtMs';
const QUALITY_COLUMNS = `t.events, t.late_events AS lateEvents, t.victim_ethnicity AS victimEthnicity, t.victim_sex AS victimSex,
  t.victim_age AS victimAge, t.suspects, t.suspect_ethnicity AS suspectEthnicity, t.suspect_sex AS suspectSex,
  t.suspect_age AS suspectAge, t.crimes, t.crimes_cse AS crimesCse, t.crimes_group AS crimesGroup, t.outcome_code AS outcomeCode, t.findings`;
const CLOCK_COLUMNS = 't.rule_id, t.verdict, t.started_at_ms, t.due_at_ms, t.elapsed_ms';
const DISRUPTION_COLUMNS = 't.occurred_at_ms AS occurredAtMs, t.occurred_month AS occurredMonth, t.tool, t.breaches';
const CHARGING_COLUMNS = 't.occurred_at_ms AS occurredAtMs, t.occurred_month AS occurredMonth, t.outcome, t.decided_by AS decidedBy';

export class SqliteIndexReads {
  private readonly statements;

  constructor(private readonly readStore: SqliteReadStore) {
    const db = readStore.db;
    const read = (table: string, columns: string, { where = '', order = '', scanOnly = false } = {}): TableRead => ({
      all: db.prepare(`SELECT t.case_id AS caseId, ${columns} FROM ${table} t ${scanOnly ? 'NOT INDEXED' : ''} ${where ? `WHERE ${where}` : ''}`),
      since: db.prepare(`SELECT c.case_id AS caseId, ${columns} FROM cases c CROSS JOIN ${table} t ON t.case_id = c.case_id WHERE c.derived_seq > ? ${where ? `AND ${where}` : ''} ${order}`),
    });
    this.statements = {
      headSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(derived_seq) AS seq FROM cases'),
      caseCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cases'),
      derivedSince: db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM cases WHERE derived_seq > ?'),
      cases: {
        all: db.prepare(`SELECT t.case_id AS caseId, ${CASE_COLUMNS} FROM cases t`),
        since: db.prepare(`SELECT t.case_id AS caseId, ${CASE_COLUMNS} FROM cases t WHERE t.derived_seq > ?`),
      },
      // In the order the cases were derived (a scan of quality is in that order too: a case's row
      // is replaced, not updated), which is the order the findings' kinds are listed in.
      quality: read('quality', QUALITY_COLUMNS, { order: 'ORDER BY c.derived_seq' }),
      // All of a ruleset's clocks: a scan in table order beats a walk of its index that then reads every row.
      clocks: raw(read('clocks', CLOCK_COLUMNS, { where: 't.ruleset_id = ? AND t.ruleset_version = ?', scanOnly: true })),
      disruptions: read('disruptions', DISRUPTION_COLUMNS),
      charging: read('charging', CHARGING_COLUMNS),
    };
  }

  /** Runs `work` in one read transaction: every table is then read at the same point. */
  atOnePoint<T>(work: () => T): T {
    return this.readStore.transaction(work);
  }

  /** The highest derived_seq (0 without cases), and how many cases there are. */
  head(): { seq: number; cases: number } {
    return { seq: this.statements.headSeq.get()?.seq ?? 0, cases: this.statements.caseCount.get()?.n ?? 0 };
  }

  /** How many cases were derived after `since`. */
  derivedSince(since: number): number {
    return this.statements.derivedSince.get(since)?.n ?? 0;
  }

  /** The rulesets the read models measure cases under. */
  rulesets() {
    return this.readStore.rulesets();
  }

  cases(since: number): Iterable<OfCase<CaseFacts>> {
    return rows(this.statements.cases, since);
  }

  quality(since: number): Iterable<OfCase<Omit<QualityRow, 'findings'> & { findings: string }>> {
    return rows(this.statements.quality, since);
  }

  /** As arrays (a million of them at national scale: arrays are made faster than objects). */
  clocks(since: number, rulesetId: string, version: number): Iterable<[caseId: string, ruleId: string, verdict: string | null, startedAtMs: number, dueAtMs: number | null, elapsedMs: number | null]> {
    return rows(this.statements.clocks, since, [rulesetId, version]);
  }

  disruptions(since: number): Iterable<OfCase<DisruptionRow>> {
    return rows(this.statements.disruptions, since);
  }

  charging(since: number): Iterable<OfCase<ChargingRow>> {
    return rows(this.statements.charging, since);
  }
}

function raw(read: TableRead): TableRead {
  return { all: read.all.raw(), since: read.since.raw() };
}

/** The rows of every case (since 0) or of the cases derived after `since`. */
function rows<T>(read: TableRead, since: number, params: unknown[] = []): Iterable<T> {
  return (since === 0 ? read.all.iterate(...params) : read.since.iterate(since, ...params)) as Iterable<T>;
}
