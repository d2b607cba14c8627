/**
 * Keeps the inspection index current with the SQLite read models, without a hook into the
 * projection: the read store stamps every case it (re-)derives with a rising `derived_seq`, so
 * before each use the index asks for the cases derived after the last stamp it saw and reloads
 * their rows (a new ruleset version re-derives every case, so it arrives the same way). When the
 * stamps go backwards or cases disappear (the read models were reset), everything is reloaded.
 *
 * The index is loaded at start-up, for the latest version of each ruleset, so that the first
 * request does not pay for it (seconds at national scale); another version is loaded when it is
 * first asked for, and then kept current like the others.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { SqliteReadStore } from '../projections/sqlite-read-store';
import type { RulesetDef } from '../timeliness/model';
import { ChargingRow, ClockRow, DisruptionRow, InspectionIndex, RulesetClocks } from './inspection-index';

const CLOCK_COLUMNS = 't.rule_id AS ruleId, t.verdict, t.started_at_ms AS startedAtMs, t.due_at_ms AS dueAtMs, t.elapsed_ms AS elapsedMs';

interface CaseRow {
  caseId: string;
  force: string;
  area: string | null;
  riskLevel: string | null;
  openedAtMs: number;
}

interface QualityRow {
  caseId: string;
  events: number;
  lateEvents: number;
  victimEthnicity: number;
  victimSex: number;
  victimAge: number;
  suspects: number;
  suspectEthnicity: number;
  suspectSex: number;
  suspectAge: number;
  crimes: number;
  crimesCse: number;
  crimesGroup: number;
  outcomeCode: number | null;
  findings: string;
}

/**
 * A read of one table: of every row (a plain scan, for a full load) or of the rows of the cases
 * derived after a given derived_seq (from the cases_by_derived index). Either way each row starts
 * with its case id, and a case's rows come together.
 */
interface TableRead {
  all: Statement;
  since: Statement;
}

@Injectable()
export class InspectionIndexService implements OnApplicationBootstrap {
  private readonly logger = new Logger('InspectionIndex');
  private readonly index = new InspectionIndex();
  /** The highest derived_seq the index holds the rows of. */
  private seenSeq = 0;
  private readonly statements;

  constructor(private readonly readStore: SqliteReadStore) {
    const read = (columns: string, table: string, order = '') => ({
      all: readStore.db.prepare(`SELECT t.case_id AS caseId, ${columns} FROM ${table} t`),
      since: readStore.db.prepare(`SELECT c.case_id AS caseId, ${columns} FROM cases c CROSS JOIN ${table} t ON t.case_id = c.case_id WHERE c.derived_seq > ? ${order}`),
    });
    this.statements = {
      headSeq: readStore.db.prepare<[], { seq: number | null }>('SELECT MAX(derived_seq) AS seq FROM cases'),
      caseCount: readStore.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cases'),
      cases: {
        all: readStore.db.prepare('SELECT case_id AS caseId, force, area, risk_level AS riskLevel, opened_at_ms AS openedAtMs FROM cases'),
        since: readStore.db.prepare('SELECT case_id AS caseId, force, area, risk_level AS riskLevel, opened_at_ms AS openedAtMs FROM cases WHERE derived_seq > ?'),
      },
      // In the order the cases were derived (a scan of quality is in that order too: a case's row
      // is replaced, not updated), which is the order the findings' kinds are listed in.
      quality: read(
        `t.events, t.late_events AS lateEvents, t.victim_ethnicity AS victimEthnicity, t.victim_sex AS victimSex, t.victim_age AS victimAge,
         t.suspects, t.suspect_ethnicity AS suspectEthnicity, t.suspect_sex AS suspectSex, t.suspect_age AS suspectAge,
         t.crimes, t.crimes_cse AS crimesCse, t.crimes_group AS crimesGroup, t.outcome_code AS outcomeCode, t.findings`,
        'quality',
        'ORDER BY c.derived_seq',
      ),
      clocks: {
        // NOT INDEXED: a scan in table order beats a walk of the ruleset's index that then reads every row.
        all: readStore.db.prepare(`SELECT t.case_id AS caseId, ${CLOCK_COLUMNS} FROM clocks t NOT INDEXED WHERE t.ruleset_id = ? AND t.ruleset_version = ?`),
        since: readStore.db.prepare(
          `SELECT c.case_id AS caseId, ${CLOCK_COLUMNS} FROM cases c CROSS JOIN clocks t ON t.case_id = c.case_id WHERE c.derived_seq > ? AND t.ruleset_id = ? AND t.ruleset_version = ?`,
        ),
      },
      disruptions: read('t.occurred_at_ms AS occurredAtMs, t.occurred_month AS occurredMonth, t.tool, t.breaches', 'disruptions'),
      charging: read('t.occurred_at_ms AS occurredAtMs, t.occurred_month AS occurredMonth, t.outcome, t.decided_by AS decidedBy', 'charging'),
    };
  }

  onApplicationBootstrap(): void {
    const started = performance.now();
    const latest = new Map<string, RulesetDef>();
    for (const ruleset of this.readStore.rulesets()) latest.set(ruleset.id, ruleset);
    for (const ruleset of latest.values()) this.index.addRuleset(ruleset.id, ruleset.version, ruleset.rules.map((r) => r.id));
    this.refresh();
    const clocks = this.index.heldRulesets().reduce((n, r) => n + r.clocks.live, 0);
    this.logger.log(`loaded ${this.index.cases} cases and ${clocks} clocks (${[...latest.values()].map((r) => `${r.id}@${r.version}`).join(', ') || 'no ruleset yet'}) in ${Math.round(performance.now() - started)} ms`);
  }

  /** The index, brought up to date with the read models. */
  current(): InspectionIndex {
    this.refresh();
    return this.index;
  }

  /** The index, up to date, with the clocks of a ruleset version (loaded the first time it is asked for). */
  withClocks(ruleset: RulesetDef): { index: InspectionIndex; clocks: RulesetClocks } {
    const held = this.index.clocks(ruleset.id, ruleset.version);
    if (held) return { index: this.current(), clocks: held };
    const started = performance.now();
    const clocks = this.readStore.transaction(() => {
      this.refresh();
      const added = this.index.addRuleset(ruleset.id, ruleset.version, ruleset.rules.map((r) => r.id));
      this.loadClocks(added, ruleset.id, ruleset.version, 0);
      return added;
    });
    this.logger.log(`loaded ${clocks.live} clocks of ${ruleset.id}@${ruleset.version} in ${Math.round(performance.now() - started)} ms`);
    return { index: this.index, clocks };
  }

  /**
   * Reloads the rows of the cases derived since the last look, in one read transaction (so every
   * table is read at the same point). Costs two index lookups when nothing changed.
   */
  private refresh(): void {
    this.readStore.transaction(() => {
      const seq = this.statements.headSeq.get()?.seq ?? 0;
      const cases = this.statements.caseCount.get()?.n ?? 0;
      if (seq < this.seenSeq || cases < this.index.cases) this.index.clear();
      if (this.index.cases === 0) this.load(0);
      else if (seq > this.seenSeq) this.load(this.seenSeq);
      // A reset followed by as many derivations as before would leave the sequence where it was:
      // the number of cases then tells.
      if (this.index.cases !== cases) {
        this.index.clear();
        this.load(0);
      }
      this.seenSeq = seq;
    });
  }

  /** Puts every case derived after `since` (0: every case, into an empty index), with all its rows. */
  private load(since: number): void {
    const index = this.index;
    for (const row of this.rows<CaseRow>(this.statements.cases, since)) index.putCase(row.caseId, row);
    const slotOf = this.slotLookup();
    for (const row of this.rows<QualityRow>(this.statements.quality, since)) {
      index.addQuality(slotOf(row.caseId), { ...row, findings: JSON.parse(row.findings) as Record<string, number> });
    }
    for (const { rulesetId, version, clocks } of index.heldRulesets()) this.loadClocks(clocks, rulesetId, version, since);
    for (const row of this.rows<DisruptionRow & { caseId: string }>(this.statements.disruptions, since)) index.addDisruption(slotOf(row.caseId), row);
    for (const row of this.rows<ChargingRow & { caseId: string }>(this.statements.charging, since)) index.addCharging(slotOf(row.caseId), row);
  }

  private loadClocks(clocks: RulesetClocks, rulesetId: string, version: number, since: number): void {
    const slotOf = this.slotLookup();
    for (const row of this.rows<ClockRow & { caseId: string }>(this.statements.clocks, since, [rulesetId, version])) this.index.addClock(clocks, slotOf(row.caseId), row);
  }

  private rows<T>(read: TableRead, since: number, params: unknown[] = []): Iterable<T> {
    const statement = since === 0 ? read.all : read.since;
    return statement.iterate(...(since === 0 ? params : [since, ...params])) as Iterable<T>;
  }

  /** Slots by case id, remembering the last one: a case's rows come together. */
  private slotLookup(): (caseId: string) => number {
    let lastId: string | undefined;
    let lastSlot = -1;
    return (caseId) => {
      if (caseId !== lastId) {
        const slot = this.index.slotOf(caseId);
        if (slot === undefined) throw new Error(`the read models have rows of case ${caseId} but no case row`);
        lastId = caseId;
        lastSlot = slot;
      }
      return lastSlot;
    };
  }

}
