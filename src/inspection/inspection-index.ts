/**
 * The read-model rows the inspection figures are computed from, held in memory as typed columns
 * (InspectionIndexService keeps them current). Every row belongs to a case; a case's rows are
 * replaced together when the case is re-derived. What is the same on every row of a case (force,
 * area, risk level, opening) is held once per case: the read store writes a case's rows from one
 * summary, in one transaction.
 */
import { CaseRows, Interner } from './case-rows';
import type { GroupBy, InspectionFilters } from './inspection.filters';

/**
 * What a clock's row says of its status, whatever the time: its verdict once it has stopped (met,
 * breached or completed); open when it runs without a limit; otherwise running, which becomes
 * overdue once the time the figures are asked about is past its due instant. A verdict the
 * figures do not know counts as a clock only.
 */
export const STATUS = { met: 1, breached: 2, completed: 3, running: 4, overdue: 5, open: 6, uncounted: 7 } as const;

/** Added to a row's status when the clock has an elapsed time (it stopped): its figures read no more. */
export const HAS_ELAPSED = 0x80;

export function statusOf(verdict: string | null, dueAtMs: number | null): number {
  if (verdict === null) return dueAtMs === null ? STATUS.open : STATUS.running;
  return verdict === 'met' || verdict === 'breached' || verdict === 'completed' ? STATUS[verdict] : STATUS.uncounted;
}

/** The rule code of a row whose rule the ruleset does not have (it is in no figure). */
export const RULE_UNKNOWN = 255;

const CLOCK_COLUMNS = {
  rule: Uint8Array,
  /** As statusOf() gives it, plus HAS_ELAPSED. */
  status: Uint8Array,
  startedAtMs: Float64Array,
  /** NaN when the rule has no limit. */
  dueAtMs: Float64Array,
  /** NaN until the clock stops. */
  elapsedMs: Float64Array,
};

const QUALITY_COLUMNS = {
  events: Int32Array,
  lateEvents: Int32Array,
  victimEthnicity: Int32Array,
  victimSex: Int32Array,
  victimAge: Int32Array,
  suspects: Int32Array,
  suspectEthnicity: Int32Array,
  suspectSex: Int32Array,
  suspectAge: Int32Array,
  crimes: Int32Array,
  crimesCse: Int32Array,
  crimesGroup: Int32Array,
  /** NaN while the case is not closed. */
  outcomeCode: Float64Array,
};

/** Record-quality findings: one row per kind found in a case, in the order the case lists them. */
const FINDING_COLUMNS = { kind: Uint16Array, count: Int32Array };

const DISRUPTION_COLUMNS = { month: Uint16Array, tool: Uint16Array, breaches: Int32Array, occurredAtMs: Float64Array };

const CHARGING_COLUMNS = { month: Uint16Array, outcome: Uint16Array, decidedBy: Uint16Array, occurredAtMs: Float64Array };

/** The clocks of every case under one ruleset version; rule codes index `ruleIds`. */
export class RulesetClocks extends CaseRows<typeof CLOCK_COLUMNS> {
  private readonly codes = new Map<string, number>();

  constructor(
    readonly rulesetId: string,
    readonly version: number,
    readonly ruleIds: readonly string[],
  ) {
    super(CLOCK_COLUMNS, 1 << 16);
    if (ruleIds.length >= RULE_UNKNOWN) throw new Error(`a ruleset of ${ruleIds.length} rules is more than the index holds`);
    ruleIds.forEach((id, code) => {
      if (!this.codes.has(id)) this.codes.set(id, code);
    });
  }

  /** Live rows with an elapsed time, per rule code: the room a rule's times take when gathered. */
  readonly timesOfRule = new Int32Array(RULE_UNKNOWN + 1);

  ruleCode(ruleId: string): number {
    return this.codes.get(ruleId) ?? RULE_UNKNOWN;
  }

  override remove(slot: number): void {
    const count = this.rowsOf(slot);
    const first = count > 0 ? this.firstRowOf(slot) : 0;
    for (let row = first; row < first + count; row++) {
      if (this.columns.status[row] & HAS_ELAPSED) this.timesOfRule[this.columns.rule[row]]--;
    }
    super.remove(slot);
  }

  override clear(): void {
    this.timesOfRule.fill(0);
    super.clear();
  }
}

export interface CaseFacts {
  force: string;
  area: string | null;
  riskLevel: string | null;
  openedAtMs: number;
}

export interface ClockRow {
  ruleId: string;
  startedAtMs: number;
  dueAtMs: number | null;
  verdict: string | null;
  elapsedMs: number | null;
}

export interface QualityRow {
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
  /** Record-quality findings by kind, as the read model keeps them. */
  findings: Record<string, number>;
}

export interface DisruptionRow {
  occurredAtMs: number;
  occurredMonth: string;
  tool: string;
  breaches: number;
}

export interface ChargingRow {
  occurredAtMs: number;
  occurredMonth: string;
  outcome: string;
  decidedBy: string;
}

const nullable = (value: number | null): number => (value === null ? NaN : value);

export class InspectionIndex {
  private readonly slots = new Map<string, number>();
  /** Per case slot: codes in `forces`, `areas`, `riskLevels`, and the opening instant. */
  caseForce = new Uint16Array(1024);
  caseArea = new Uint16Array(1024);
  caseRiskLevel = new Uint16Array(1024);
  caseOpenedAtMs = new Float64Array(1024);

  readonly forces = new Interner();
  readonly areas = new Interner();
  readonly riskLevels = new Interner();
  readonly months = new Interner();
  readonly tools = new Interner();
  readonly outcomes = new Interner();
  readonly deciders = new Interner();
  readonly findingKinds = new Interner();

  readonly quality = new CaseRows(QUALITY_COLUMNS);
  readonly findings = new CaseRows(FINDING_COLUMNS);
  readonly disruptions = new CaseRows(DISRUPTION_COLUMNS);
  readonly charging = new CaseRows(CHARGING_COLUMNS);
  private readonly rulesets = new Map<string, RulesetClocks>();

  /** Cases held. */
  get cases(): number {
    return this.slots.size;
  }

  /** The clocks held for a ruleset version, if they are. */
  clocks(rulesetId: string, version: number): RulesetClocks | undefined {
    return this.rulesets.get(rulesetKey(rulesetId, version));
  }

  /** Starts holding a ruleset version's clocks (none yet: its rows are then added case by case). */
  addRuleset(rulesetId: string, version: number, ruleIds: readonly string[]): RulesetClocks {
    const clocks = new RulesetClocks(rulesetId, version, ruleIds);
    this.rulesets.set(rulesetKey(rulesetId, version), clocks);
    return clocks;
  }

  /** The ruleset versions whose clocks are held. */
  heldRulesets(): RulesetClocks[] {
    return [...this.rulesets.values()];
  }

  /** Gives back the room the tables grew beyond their rows. */
  fit(): void {
    for (const table of this.tables()) table.fit();
  }

  /** Forgets every case and row (the rulesets held stay held, empty). */
  clear(): void {
    this.slots.clear();
    for (const table of this.tables()) table.clear();
  }

  /**
   * Puts a case (new or re-derived) with its facts and drops every row it had: its new rows are
   * then appended with the returned slot.
   */
  putCase(caseId: string, facts: CaseFacts): number {
    let slot = this.slots.get(caseId);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(caseId, slot);
      if (slot === this.caseForce.length) this.growCases(slot * 2);
    } else {
      for (const table of this.tables()) table.remove(slot);
    }
    this.caseForce[slot] = this.forces.code(facts.force);
    this.caseArea[slot] = this.areas.code(facts.area);
    this.caseRiskLevel[slot] = this.riskLevels.code(facts.riskLevel);
    this.caseOpenedAtMs[slot] = facts.openedAtMs;
    return slot;
  }

  slotOf(caseId: string): number | undefined {
    return this.slots.get(caseId);
  }

  /** Adds a clock row of a case, as the read model has it. */
  addClock(clocks: RulesetClocks, slot: number, row: ClockRow): void {
    this.addClockValues(clocks, slot, row.ruleId, row.verdict, row.startedAtMs, row.dueAtMs, row.elapsedMs);
  }

  addClockValues(clocks: RulesetClocks, slot: number, ruleId: string, verdict: string | null, startedAtMs: number, dueAtMs: number | null, elapsedMs: number | null): void {
    const at = clocks.append(slot);
    const c = clocks.columns;
    const rule = clocks.ruleCode(ruleId);
    c.rule[at] = rule;
    c.status[at] = statusOf(verdict, dueAtMs) | (elapsedMs === null ? 0 : HAS_ELAPSED);
    c.startedAtMs[at] = startedAtMs;
    c.dueAtMs[at] = nullable(dueAtMs);
    c.elapsedMs[at] = nullable(elapsedMs);
    if (elapsedMs !== null) clocks.timesOfRule[rule]++;
  }

  addQuality(slot: number, row: QualityRow): void {
    const at = this.quality.append(slot);
    const c = this.quality.columns;
    c.events[at] = row.events;
    c.lateEvents[at] = row.lateEvents;
    c.victimEthnicity[at] = row.victimEthnicity;
    c.victimSex[at] = row.victimSex;
    c.victimAge[at] = row.victimAge;
    c.suspects[at] = row.suspects;
    c.suspectEthnicity[at] = row.suspectEthnicity;
    c.suspectSex[at] = row.suspectSex;
    c.suspectAge[at] = row.suspectAge;
    c.crimes[at] = row.crimes;
    c.crimesCse[at] = row.crimesCse;
    c.crimesGroup[at] = row.crimesGroup;
    c.outcomeCode[at] = nullable(row.outcomeCode);
    for (const [kind, count] of Object.entries(row.findings)) {
      const f = this.findings.append(slot);
      this.findings.columns.kind[f] = this.findingKinds.code(kind);
      this.findings.columns.count[f] = count;
    }
  }

  addDisruption(slot: number, row: DisruptionRow): void {
    const at = this.disruptions.append(slot);
    const c = this.disruptions.columns;
    c.month[at] = this.months.code(row.occurredMonth);
    c.tool[at] = this.tools.code(row.tool);
    c.breaches[at] = row.breaches;
    c.occurredAtMs[at] = row.occurredAtMs;
  }

  addCharging(slot: number, row: ChargingRow): void {
    const at = this.charging.append(slot);
    const c = this.charging.columns;
    c.month[at] = this.months.code(row.occurredMonth);
    c.outcome[at] = this.outcomes.code(row.outcome);
    c.decidedBy[at] = this.deciders.code(row.decidedBy);
    c.occurredAtMs[at] = row.occurredAtMs;
  }

  /** The interned group of each case slot, and the values its codes stand for. */
  groupsOf(groupBy: GroupBy): { ofCase: Uint16Array; values: ReadonlyArray<string | null> } {
    if (groupBy === 'force') return { ofCase: this.caseForce, values: this.forces.values };
    if (groupBy === 'area') return { ofCase: this.caseArea, values: this.areas.values };
    return { ofCase: this.caseRiskLevel, values: this.riskLevels.values };
  }

  /** Which force codes the filters let through (undefined: every force). */
  forceMask(filters: InspectionFilters): Uint8Array | undefined {
    if (!filters.forces || filters.forces.length === 0) return undefined;
    const mask = new Uint8Array(this.forces.size);
    for (const force of filters.forces) {
      const code = this.forces.find(force);
      if (code >= 0) mask[code] = 1;
    }
    return mask;
  }

  private tables(): Array<{ remove(slot: number): void; clear(): void; fit(): void }> {
    return [this.quality, this.findings, this.disruptions, this.charging, ...this.rulesets.values()];
  }

  private growCases(capacity: number): void {
    const grow = <T extends Uint16Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(capacity);
      to.set(from as never);
      return to;
    };
    this.caseForce = grow(this.caseForce, (n) => new Uint16Array(n));
    this.caseArea = grow(this.caseArea, (n) => new Uint16Array(n));
    this.caseRiskLevel = grow(this.caseRiskLevel, (n) => new Uint16Array(n));
    this.caseOpenedAtMs = grow(this.caseOpenedAtMs, (n) => new Float64Array(n));
  }
}

function rulesetKey(rulesetId: string, version: number): string {
  return `${rulesetId}@${version}`;
}
