/**
 * The read database: one SQLite file beside the event store, holding the read models. Everything
 * here can be thrown away and rebuilt from the log; each batch of projected events commits with
 * its checkpoint in one transaction, so a crash never half-applies or double-counts a batch.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../timeliness/model';
import type { RulesetDef } from '../timeliness/model';
import type { CaseSummary } from './case-summary';
import { READ_MODEL_SCHEMA, READ_MODEL_TABLES } from './read-model.schema';

export interface CaseEventRow {
  eventId: string;
  caseId: string;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string;
  data: string;
}

export interface MeasuredVersion {
  rulesetId: string;
  version: number;
  clocks: Clock[];
}

export class SqliteReadStore {
  readonly db: Database.Database;
  private readonly statements;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // Read models are rebuildable and each batch is atomic with its checkpoint: NORMAL is enough.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(READ_MODEL_SCHEMA);
    this.statements = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      checkpoint: db.prepare<[string], { position: string | null; version: string }>('SELECT position, version FROM checkpoints WHERE projection = ?'),
      saveCheckpoint: db.prepare(
        'INSERT INTO checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(projection) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at',
      ),
      insertEvent: db.prepare(
        'INSERT OR IGNORE INTO case_events (event_id, case_id, revision, type, occurred_at, recorded_at, recorded_by, data) VALUES (@eventId, @caseId, @revision, @type, @occurredAt, @recordedAt, @recordedBy, @data)',
      ),
      caseEvents: db.prepare<[string], CaseEventRow>(
        'SELECT event_id AS eventId, case_id AS caseId, revision, type, occurred_at AS occurredAt, recorded_at AS recordedAt, recorded_by AS recordedBy, data FROM case_events WHERE case_id = ? ORDER BY revision',
      ),
      upsertCase: db.prepare(
        `INSERT INTO cases (case_id, force, area, jurisdiction, status, risk_level, group_based, opened_at, opened_at_ms, closed_at, outcome_code, revision, derived_seq)
         VALUES (@caseId, @force, @area, @jurisdiction, @status, @riskLevel, @groupBased, @openedAt, @openedAtMs, @closedAt, @outcomeCode, @revision,
           (SELECT COALESCE(MAX(derived_seq), 0) + 1 FROM cases))
         ON CONFLICT(case_id) DO UPDATE SET force = excluded.force, area = excluded.area, jurisdiction = excluded.jurisdiction, status = excluded.status,
           risk_level = excluded.risk_level, group_based = excluded.group_based, opened_at = excluded.opened_at, opened_at_ms = excluded.opened_at_ms,
           closed_at = excluded.closed_at, outcome_code = excluded.outcome_code, revision = excluded.revision, derived_seq = excluded.derived_seq`,
      ),
      upsertQuality: db.prepare(
        `INSERT OR REPLACE INTO quality (case_id, force, area, opened_at_ms, events, late_events, victim_ethnicity, victim_sex, victim_age, suspects,
           suspect_ethnicity, suspect_sex, suspect_age, crimes, crimes_cse, crimes_group, outcome_code, findings)
         VALUES (@caseId, @force, @area, @openedAtMs, @events, @lateEvents, @victimEthnicity, @victimSex, @victimAge, @suspects,
           @suspectEthnicity, @suspectSex, @suspectAge, @crimes, @crimesCse, @crimesGroup, @outcomeCode, @findings)`,
      ),
      deleteClocks: db.prepare('DELETE FROM clocks WHERE case_id = ?'),
      insertClock: db.prepare(
        `INSERT INTO clocks (ruleset_id, ruleset_version, case_id, rule_id, cycle_key, force, area, risk_level, start_event_id, start_event_type, started_at_ms,
           due_at_ms, stop_event_id, stop_event_type, stopped_at_ms, verdict, elapsed_ms)
         VALUES (@rulesetId, @version, @caseId, @ruleId, @cycleKey, @force, @area, @riskLevel, @startEventId, @startEventType, @startedAtMs,
           @dueAtMs, @stopEventId, @stopEventType, @stoppedAtMs, @verdict, @elapsedMs)`,
      ),
      deleteDisruptions: db.prepare('DELETE FROM disruptions WHERE case_id = ?'),
      insertDisruption: db.prepare(
        'INSERT INTO disruptions (event_id, case_id, force, area, tool, target_kind, occurred_at_ms, occurred_month, breaches) VALUES (@eventId, @caseId, @force, @area, @tool, @targetKind, @occurredAtMs, @occurredMonth, @breaches)',
      ),
      deleteCharging: db.prepare('DELETE FROM charging WHERE case_id = ?'),
      insertCharging: db.prepare(
        'INSERT INTO charging (event_id, case_id, force, area, decided_by, outcome, test, occurred_at_ms, occurred_month) VALUES (@eventId, @caseId, @force, @area, @by, @outcome, @test, @occurredAtMs, @occurredMonth)',
      ),
      markDirty: db.prepare('INSERT OR IGNORE INTO dirty_cases (case_id) VALUES (?)'),
      markAllDirty: db.prepare('INSERT OR IGNORE INTO dirty_cases (case_id) SELECT DISTINCT case_id FROM case_events'),
      dirty: db.prepare<[number], { caseId: string }>('SELECT case_id AS caseId FROM dirty_cases LIMIT ?'),
      dirtyCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM dirty_cases'),
      clean: db.prepare('DELETE FROM dirty_cases WHERE case_id = ?'),
      saveRuleset: db.prepare('INSERT OR IGNORE INTO rulesets (ruleset_id, version, definition) VALUES (?, ?, ?)'),
      rulesets: db.prepare<[], { definition: string }>('SELECT definition FROM rulesets ORDER BY ruleset_id, version'),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  checkpoint(projection: string): { position?: string; version: string } | undefined {
    const row = this.statements.checkpoint.get(projection);
    return row ? { position: row.position ?? undefined, version: row.version } : undefined;
  }

  saveCheckpoint(projection: string, version: string, position: string | undefined, at: Date): void {
    this.statements.saveCheckpoint.run(projection, version, position ?? null, at.toISOString());
  }

  /** Drops every read model, for a rebuild from the start of the log. */
  reset(): void {
    this.transaction(() => {
      for (const table of READ_MODEL_TABLES) this.db.exec(`DELETE FROM ${table}`);
    });
  }

  insertCaseEvent(row: CaseEventRow): void {
    this.statements.insertEvent.run(row);
  }

  caseEvents(caseId: string): CaseEventRow[] {
    return this.statements.caseEvents.all(caseId);
  }

  saveRuleset(definition: RulesetDef): void {
    this.statements.saveRuleset.run(definition.id, definition.version, JSON.stringify(definition));
  }

  rulesets(): RulesetDef[] {
    return this.statements.rulesets.all().map((row) => JSON.parse(row.definition) as RulesetDef);
  }

  /** Cases whose derived rows are behind their events (re-derived by CaseProjection.drain). */
  markDirty(caseId: string): void {
    this.statements.markDirty.run(caseId);
  }

  markAllDirty(): void {
    this.statements.markAllDirty.run();
  }

  dirtyCases(limit: number): string[] {
    return this.statements.dirty.all(limit).map((r) => r.caseId);
  }

  dirtyCount(): number {
    return this.statements.dirtyCount.get()?.n ?? 0;
  }

  markClean(caseId: string): void {
    this.statements.clean.run(caseId);
  }

  /** Replaces every row derived from one case; `eventTypes` names the type of each of its events by id. */
  writeCase(summary: CaseSummary, revision: number, measured: MeasuredVersion[], eventTypes: ReadonlyMap<string, string>): void {
    const s = this.statements;
    const { caseId, force, area, riskLevel, quality: q } = summary;
    s.upsertCase.run({
      caseId,
      force,
      area,
      jurisdiction: summary.jurisdiction,
      status: summary.status,
      riskLevel,
      groupBased: summary.groupBased ? 1 : 0,
      openedAt: summary.openedAt,
      openedAtMs: summary.openedAtMs,
      closedAt: summary.closedAt,
      outcomeCode: summary.outcomeCode,
      revision,
    });
    s.upsertQuality.run({
      caseId,
      force,
      area,
      openedAtMs: summary.openedAtMs,
      events: q.events,
      lateEvents: q.lateEvents,
      victimEthnicity: q.victimEthnicityRecorded ? 1 : 0,
      victimSex: q.victimSexRecorded ? 1 : 0,
      victimAge: q.victimAgeRecorded ? 1 : 0,
      suspects: q.suspects,
      suspectEthnicity: q.suspectEthnicityRecorded,
      suspectSex: q.suspectSexRecorded,
      suspectAge: q.suspectAgeRecorded,
      crimes: q.crimes,
      crimesCse: q.crimesCseFlagged,
      crimesGroup: q.crimesGroupBasedFlagged,
      outcomeCode: summary.outcomeCode,
      findings: JSON.stringify(summary.findings),
    });
    s.deleteClocks.run(caseId);
    for (const { rulesetId, version, clocks } of measured) {
      for (const clock of clocks) {
        const stopped = clock.stoppedAt !== undefined;
        s.insertClock.run({
          rulesetId,
          version,
          caseId,
          ruleId: clock.ruleId,
          cycleKey: clock.cycleKey,
          force,
          area,
          riskLevel,
          startEventId: clock.startEventId,
          startEventType: eventTypes.get(clock.startEventId),
          startedAtMs: Date.parse(clock.startedAt),
          dueAtMs: clock.dueAt === undefined ? null : Date.parse(clock.dueAt),
          stopEventId: clock.stopEventId ?? null,
          stopEventType: clock.stopEventId === undefined ? null : eventTypes.get(clock.stopEventId),
          stoppedAtMs: stopped ? Date.parse(clock.stoppedAt!) : null,
          // Stopped clocks have a verdict for good; the others are decided against now at query time.
          verdict: stopped ? clock.status : null,
          elapsedMs: stopped ? clock.elapsedMs : null,
        });
      }
    }
    s.deleteDisruptions.run(caseId);
    for (const d of summary.disruptions) {
      s.insertDisruption.run({ eventId: d.eventId, caseId, force, area, tool: d.tool, targetKind: d.targetKind, occurredAtMs: d.occurredAtMs, occurredMonth: d.occurredMonth, breaches: d.breaches });
    }
    s.deleteCharging.run(caseId);
    for (const c of summary.charging) {
      s.insertCharging.run({ eventId: c.eventId, caseId, force, area, by: c.by, outcome: c.outcome, test: c.test, occurredAtMs: c.occurredAtMs, occurredMonth: c.occurredMonth });
    }
  }

  /**
   * Every case's events recorded by `asOfIso` (ISO UTC, so text order is time order), one case at
   * a time, for an as-of replay. Streams from an index: memory holds one case.
   */
  *caseEventsAsOf(asOfIso: string, forces?: string[]): Generator<CaseEventRow[]> {
    const forceClause = forces && forces.length > 0 ? `AND c.force IN (${forces.map(() => '?').join(', ')})` : '';
    const statement = this.db.prepare(
      `SELECT e.event_id AS eventId, e.case_id AS caseId, e.revision, e.type, e.occurred_at AS occurredAt, e.recorded_at AS recordedAt,
         e.recorded_by AS recordedBy, e.data
       FROM case_events e JOIN cases c ON c.case_id = e.case_id
       WHERE e.recorded_at <= ? ${forceClause}
       ORDER BY e.case_id, e.revision`,
    );
    let current: CaseEventRow[] = [];
    for (const row of statement.iterate(asOfIso, ...(forces ?? [])) as Iterable<CaseEventRow>) {
      if (current.length > 0 && current[0].caseId !== row.caseId) {
        yield current;
        current = [];
      }
      current.push(row);
    }
    if (current.length > 0) yield current;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
