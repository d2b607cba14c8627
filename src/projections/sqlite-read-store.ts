/**
 * The read database: one SQLite file beside the event store, holding the read models. Everything
 * here can be thrown away and rebuilt from the log; each batch of projected events commits with
 * its checkpoint in one transaction, so a crash never half-applies or double-counts a batch.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RulesetDef } from '../timeliness/model';
import type { DerivedCase } from './case-derivation';
import { READ_MODEL_SCHEMA, READ_MODEL_SCHEMA_VERSION, READ_MODEL_TABLES } from './read-model.schema';

export interface ReadStoreOptions {
  /**
   * false: the file is another connection's, which created its schema (the deriving workers of
   * a rebuild write through their own connections while the indexes are dropped, and must not
   * put them back).
   */
  migrate?: boolean;
  /** How long a write waits for another connection's transaction. */
  busyTimeoutMs?: number;
  /**
   * The file is being built, and nothing reads it until it is finished and moved into place (see
   * read-model-rebuild.ts): its rollback journal stays in memory and nothing is synced, so pages
   * are written once, straight into the file, instead of to the WAL and then again by a
   * checkpoint. A crash can then spoil the file, but only a file that is thrown away. Every
   * connection to such a file must say so.
   */
  scratch?: boolean;
}

/** SQLite's default: a commit that leaves the WAL longer than this many pages copies it into the file. */
const WAL_AUTOCHECKPOINT_PAGES = 1000;
/** In a bulk load: 200 MB of pages between checkpoints, so the copying is spread over the load rather than left to its end. */
const BULK_AUTOCHECKPOINT_PAGES = 50_000;

export class SqliteReadStore {
  readonly db: Database.Database;
  readonly scratch: boolean;
  private readonly statements;
  /** In a bulk load (see dropIndexes): checkpoints a few hundred MB apart. */
  private bulk = false;

  constructor(
    readonly file: string,
    options: ReadStoreOptions = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.scratch = options.scratch === true;
    if (this.scratch) {
      // Per connection: a transaction can still roll back, from the journal in memory.
      this.db.pragma('journal_mode = MEMORY');
      this.db.pragma('synchronous = OFF');
    } else {
      this.db.pragma('journal_mode = WAL');
      // Read models are rebuildable and each batch is atomic with its checkpoint: NORMAL is enough.
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (options.migrate !== false) this.migrate();
    this.statements = this.prepare();
  }

  /** Read models are rebuildable: a file of another schema version is emptied, and rebuilt from the log. */
  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    this.db.transaction(() => {
      if (version !== READ_MODEL_SCHEMA_VERSION) {
        const tables = this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
        for (const table of tables) this.db.exec(`DROP TABLE "${table}"`);
        this.db.pragma(`user_version = ${READ_MODEL_SCHEMA_VERSION}`);
      }
      this.db.exec(READ_MODEL_SCHEMA);
    })();
  }

  private prepare() {
    const db = this.db;
    return {
      checkpoint: db.prepare<[string], { position: string | null; version: string }>('SELECT position, version FROM checkpoints WHERE projection = ?'),
      saveCheckpoint: db.prepare(
        'INSERT INTO checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(projection) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at',
      ),
      // Positional, like every statement run per case or per row: binding by name costs more.
      upsertCase: db.prepare(
        `INSERT INTO cases (case_id, force, area, jurisdiction, status, risk_level, group_based, opened_at, opened_at_ms, closed_at, outcome_code, revision, derived_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(case_id) DO UPDATE SET force = excluded.force, area = excluded.area, jurisdiction = excluded.jurisdiction, status = excluded.status,
           risk_level = excluded.risk_level, group_based = excluded.group_based, opened_at = excluded.opened_at, opened_at_ms = excluded.opened_at_ms,
           closed_at = excluded.closed_at, outcome_code = excluded.outcome_code, revision = excluded.revision, derived_seq = excluded.derived_seq`,
      ),
      upsertQuality: db.prepare(
        `INSERT OR REPLACE INTO quality (case_id, force, area, opened_at_ms, events, late_events, victim_ethnicity, victim_sex, victim_age, suspects,
           suspect_ethnicity, suspect_sex, suspect_age, crimes, crimes_cse, crimes_group, outcome_code, findings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteClocks: db.prepare('DELETE FROM clocks WHERE case_id = ?'),
      insertClock: db.prepare(
        `INSERT INTO clocks (ruleset_id, ruleset_version, case_id, rule_id, cycle_key, force, area, risk_level, start_event_id, start_event_type, started_at_ms,
           due_at_ms, stop_event_id, stop_event_type, stopped_at_ms, verdict, elapsed_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteDisruptions: db.prepare('DELETE FROM disruptions WHERE case_id = ?'),
      insertDisruption: db.prepare(
        'INSERT INTO disruptions (event_id, case_id, force, area, tool, target_kind, occurred_at_ms, occurred_month, breaches) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteCharging: db.prepare('DELETE FROM charging WHERE case_id = ?'),
      insertCharging: db.prepare(
        'INSERT INTO charging (event_id, case_id, force, area, decided_by, outcome, test, occurred_at_ms, occurred_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      reserveDerivedSeq: db.prepare<[number], number>("UPDATE counters SET value = value + ? WHERE name = 'derived_seq' RETURNING value").pluck(),
      markDirty: db.prepare('INSERT OR IGNORE INTO dirty_cases (case_id) VALUES (?)'),
      markAllDirty: db.prepare('INSERT OR IGNORE INTO dirty_cases (case_id) SELECT case_id FROM cases'),
      // In the order they were marked: a rebuild then reads the cases in the order they began, and
      // their streams lie near each other in the log.
      dirty: db.prepare<[], string>('SELECT case_id FROM dirty_cases ORDER BY rowid').pluck(),
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

  dirtyCases(): string[] {
    return this.statements.dirty.all();
  }

  dirtyCount(): number {
    return this.statements.dirtyCount.get()?.n ?? 0;
  }

  /**
   * In one transaction: replaces every row derived from these cases and clears the dirty marks of
   * `caseIds` (those derived, and those with no case to derive). `fresh`: the cases have no rows
   * yet (a bulk load into empty tables, whose indexes are dropped meanwhile), so there is nothing
   * to delete first. Several connections may write so (a rebuild's workers): each transaction
   * takes its block of derived_seq stamps once it holds the write lock, so stamps rise in commit order.
   */
  writeCases(derived: readonly DerivedCase[], caseIds: readonly string[], fresh = false): void {
    this.setBulk(fresh);
    this.db
      .transaction(() => {
        let seq = derived.length === 0 ? 0 : (this.statements.reserveDerivedSeq.get(derived.length) as number) - derived.length;
        for (const d of derived) this.writeCase(d, ++seq, fresh);
        for (const id of caseIds) this.statements.clean.run(id);
      })
      .immediate();
  }

  private writeCase({ summary, revision, clocks }: DerivedCase, derivedSeq: number, fresh: boolean): void {
    const s = this.statements;
    const { caseId, force, area, riskLevel, quality: q } = summary;
    s.upsertCase.run(caseId, force, area, summary.jurisdiction, summary.status, riskLevel, summary.groupBased ? 1 : 0, summary.openedAt, summary.openedAtMs,
      summary.closedAt, summary.outcomeCode, revision, derivedSeq);
    s.upsertQuality.run(caseId, force, area, summary.openedAtMs, q.events, q.lateEvents, q.victimEthnicityRecorded ? 1 : 0, q.victimSexRecorded ? 1 : 0,
      q.victimAgeRecorded ? 1 : 0, q.suspects, q.suspectEthnicityRecorded, q.suspectSexRecorded, q.suspectAgeRecorded, q.crimes, q.crimesCseFlagged,
      q.crimesGroupBasedFlagged, summary.outcomeCode, JSON.stringify(summary.findings));
    if (!fresh) s.deleteClocks.run(caseId);
    for (const c of clocks) {
      s.insertClock.run(c.rulesetId, c.version, caseId, c.ruleId, c.cycleKey, force, area, riskLevel, c.startEventId, c.startEventType, c.startedAtMs,
        c.dueAtMs, c.stopEventId, c.stopEventType, c.stoppedAtMs, c.verdict, c.elapsedMs);
    }
    if (!fresh) s.deleteDisruptions.run(caseId);
    for (const d of summary.disruptions) {
      s.insertDisruption.run(d.eventId, caseId, force, area, d.tool, d.targetKind, d.occurredAtMs, d.occurredMonth, d.breaches);
    }
    if (!fresh) s.deleteCharging.run(caseId);
    for (const c of summary.charging) {
      s.insertCharging.run(c.eventId, caseId, force, area, c.by, c.outcome, c.test, c.occurredAtMs, c.occurredMonth);
    }
  }

  /** Whether no case has been derived yet (a rebuild from the start of the log). */
  isEmpty(): boolean {
    return this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM cases)').pluck().get() === 1;
  }

  /**
   * For a bulk load into empty tables: drops every index, so rows go in at append speed; an
   * index built afterwards from sorted keys costs a fraction of maintaining it row by row.
   * createIndexes() (or the next open of the file) puts them back.
   */
  dropIndexes(): void {
    this.setBulk(true);
    const indexes = this.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[];
    for (const name of indexes) this.db.exec(`DROP INDEX "${name}"`);
  }

  /** Builds the indexes again, and ends a bulk load: the WAL, grown meanwhile, is copied into the file once. */
  createIndexes(): void {
    const wal = this.bulk && !this.scratch;
    if (wal) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec(READ_MODEL_SCHEMA);
    if (wal) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.setBulk(false);
  }

  /**
   * While every commit appends rows (a bulk load), a checkpoint each thousand pages would sync
   * the file hundreds of times: the WAL grows to a few hundred MB between checkpoints instead,
   * and createIndexes() checkpoints what is left. Durability is SQLite's all the same (synchronous
   * NORMAL: each checkpoint syncs the WAL before it copies a page into the file).
   */
  private setBulk(on: boolean): void {
    if (on === this.bulk) return;
    this.bulk = on;
    if (this.scratch) return;
    this.db.pragma(`wal_autocheckpoint = ${on ? BULK_AUTOCHECKPOINT_PAGES : WAL_AUTOCHECKPOINT_PAGES}`);
  }

  /** The ids of the cases derived so far, of the given forces (all when none), in id order. */
  caseIds(forces?: readonly string[]): string[] {
    const where = forces && forces.length > 0 ? `WHERE force IN (${forces.map(() => '?').join(', ')})` : '';
    return this.db.prepare(`SELECT case_id FROM cases ${where} ORDER BY case_id`).pluck().all(...(forces ?? [])) as string[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
