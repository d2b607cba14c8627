/**
 * The timeliness engine's vocabulary (DESIGN.md section 5): what it measures (events), what it
 * measures them against (rulesets) and what it answers (clocks). Plain data only, so a ruleset
 * can be published as an event and a clock returned as JSON unchanged.
 */

/** A stored case event as the engine needs it; corrections and retractions included. */
export interface MeasurableEvent {
  eventId: string;
  type: string;
  /** ISO 8601 with an offset or Z: when it happened in the world. Drives the clocks. */
  occurredAt: string;
  /** ISO 8601 UTC: when the service stored it. Decides what existed as of a date. */
  recordedAt: string;
  data: Record<string, unknown>;
}

/**
 * One period of a rule's limit. Exactly one of duration, months and workingDays is given. The
 * limit in force for a clock is the one with the latest effectiveFrom on or before the local date
 * (Europe/London) on which the clock started.
 */
export interface LimitDef {
  /** YYYY-MM-DD, a Europe/London local date. */
  effectiveFrom: string;
  /** ISO 8601, e.g. PT24H (elapsed hours) or P28D (calendar days in Europe/London). */
  duration?: string;
  /** Calendar months, same local wall-clock time, falling back to the month's last day. */
  months?: number;
  /** Due at the end (23:59:59.999 local) of the n-th working day after the start's local day. */
  workingDays?: number;
}

export type RuleSourceKind = 'statutory' | 'guidance' | 'local-target' | 'measure';

export interface RuleSource {
  text: string;
  kind: RuleSourceKind;
}

/**
 * `where` maps a data field to the values it may take; every listed field must hold one of its
 * values. A key may name a field of one type only, as `BailDecision.kind`: the condition then
 * applies to events of that type and the part's other types ignore it (a stop of "ChargingDecisionMade
 * or BailDecision where kind in ..." cannot be said otherwise, ChargingDecisionMade having no kind).
 */
export type WhereDef = Record<string, unknown[]>;

export interface RuleDef {
  id: string;
  title: string;
  source: RuleSource;
  start: { type: string | string[]; where?: WhereDef; occurrence: 'first' | 'each' };
  stop: { type: string | string[]; where?: WhereDef; match?: string[] | 'aboutEventId' };
  /** null: measure only, no due date. */
  limit: LimitDef[] | null;
  calendar: 'england-and-wales';
}

export interface RulesetDef {
  id: string;
  version: number;
  title: string;
  rules: RuleDef[];
}

export type ClockStatus = 'met' | 'breached' | 'running' | 'overdue' | 'completed' | 'open';

/** One clock of a rule, evaluated at T (asOf, else now). Every instant is ISO 8601 UTC with milliseconds. */
export interface Clock {
  ruleId: string;
  /** 'first' for a rule with occurrence first; the start event's eventId for occurrence each. */
  cycleKey: string;
  startEventId: string;
  startedAt: string;
  stopEventId?: string;
  stoppedAt?: string;
  dueAt?: string;
  status: ClockStatus;
  /** (stoppedAt or T) - startedAt. */
  elapsedMs: number;
  /** (stoppedAt or T) - dueAt; breached and overdue clocks only. */
  overdueByMs?: number;
  /** Working days after the start's local day, up to and including the stop's (or T's); working-day limits only. */
  workingDaysElapsed?: number;
}
