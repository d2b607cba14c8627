/**
 * Keeps the inspection index current with the SQLite read models, without a hook into the
 * projection: the read store stamps every case it (re-)derives with a rising `derived_seq`, so
 * before each use the index asks for the cases derived after the last stamp it saw and reloads
 * their rows (a new ruleset version re-derives every case, so it arrives the same way). When cases
 * disappear (the read models were reset; stamps keep rising across a reset) or the stamps go back
 * (a read-model file of another schema version was emptied on open), everything is reloaded.
 *
 * The index is loaded at start-up, for the latest version of each ruleset, so that the first
 * request does not pay for it (seconds at national scale); another version is loaded when it is
 * first asked for, and then kept current like the others.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SqliteReadStore } from '../projections/sqlite-read-store';
import type { RulesetDef } from '../timeliness/model';
import { InspectionIndex, RulesetClocks } from './inspection-index';
import { SqliteIndexReads } from './sqlite-index-reads';

@Injectable()
export class InspectionIndexService implements OnApplicationBootstrap {
  private readonly logger = new Logger('InspectionIndex');
  private readonly index = new InspectionIndex();
  private readonly reads: SqliteIndexReads;
  /** The highest derived_seq the index holds the rows of. */
  private seenSeq = 0;

  constructor(readStore: SqliteReadStore) {
    this.reads = new SqliteIndexReads(readStore);
  }

  onApplicationBootstrap(): void {
    const started = performance.now();
    const latest = new Map<string, RulesetDef>();
    for (const ruleset of this.reads.rulesets()) latest.set(ruleset.id, ruleset);
    for (const ruleset of latest.values()) this.index.addRuleset(ruleset.id, ruleset.version, ruleset.rules.map((r) => r.id));
    this.refresh();
    const clocks = this.index.heldRulesets().reduce((n, held) => n + held.live, 0);
    const held = [...latest.values()].map((r) => `${r.id}@${r.version}`).join(', ') || 'no ruleset yet';
    this.logger.log(`loaded ${this.index.cases} cases and ${clocks} clocks (${held}) in ${Math.round(performance.now() - started)} ms`);
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
    const clocks = this.reads.atOnePoint(() => {
      this.refresh();
      const added = this.index.addRuleset(ruleset.id, ruleset.version, ruleset.rules.map((r) => r.id));
      this.loadClocks(added, 0);
      added.fit();
      return added;
    });
    this.logger.log(`loaded ${clocks.live} clocks of ${ruleset.id}@${ruleset.version} in ${Math.round(performance.now() - started)} ms`);
    return { index: this.index, clocks };
  }

  /** Reloads the rows of the cases derived since the last look. Two index lookups when nothing changed. */
  private refresh(): void {
    this.reads.atOnePoint(() => {
      const { seq, cases } = this.reads.head();
      if (seq < this.seenSeq || cases < this.index.cases) this.index.clear();
      // Most cases re-derived (a new ruleset version, say): scanning the tables is then quicker.
      if (seq > this.seenSeq && this.index.cases > 0 && this.reads.derivedSince(this.seenSeq) > cases / 4) this.index.clear();
      if (this.index.cases === 0) this.loadAll();
      else if (seq > this.seenSeq) this.load(this.seenSeq);
      // A reset followed by as many derivations as before would leave the sequence where it was:
      // the number of cases then tells.
      if (this.index.cases !== cases) {
        this.index.clear();
        this.loadAll();
      }
      this.seenSeq = seq;
    });
  }

  private loadAll(): void {
    this.load(0);
    this.index.fit();
  }

  /** Puts every case derived after `since` (0: every case, into an empty index), with all its rows. */
  private load(since: number): void {
    const index = this.index;
    for (const row of this.reads.cases(since)) index.putCase(row.caseId, row);
    const slotOf = this.slotLookup();
    for (const row of this.reads.quality(since)) index.addQuality(slotOf(row.caseId), { ...row, findings: JSON.parse(row.findings) as Record<string, number> });
    for (const clocks of index.heldRulesets()) this.loadClocks(clocks, since);
    for (const row of this.reads.disruptions(since)) index.addDisruption(slotOf(row.caseId), row);
    for (const row of this.reads.charging(since)) index.addCharging(slotOf(row.caseId), row);
  }

  private loadClocks(clocks: RulesetClocks, since: number): void {
    const slotOf = this.slotLookup();
    for (const [caseId, ruleId, verdict, startedAtMs, dueAtMs, elapsedMs] of this.reads.clocks(since, clocks.rulesetId, clocks.version)) {
      this.index.addClockValues(clocks, slotOf(caseId), ruleId, verdict, startedAtMs, dueAtMs, elapsedMs);
    }
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
