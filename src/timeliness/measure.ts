/**
 * The timeliness engine: a case's events and a ruleset in, the case's clocks at T out
 * (DESIGN.md section 5). Pure: T comes in as `now` or `asOf`, never from the system clock.
 */
import { workingDaysBetweenInstants } from './calendar';
import { compileRuleset, limitInForce, partMatches, stopMatchesStart, type CompiledRule, type Fact } from './compile';
import { isoOf } from './instants';
import { londonDayOf } from './london';
import type { Clock, ClockStatus, MeasurableEvent, RulesetDef } from './model';
import { replay } from './replay';

export interface MeasureOptions {
  /** A recorded-time cut: only events recorded at or before it exist, and T = asOf. */
  asOf?: Date;
  /** T when there is no asOf. */
  now: Date;
}

function instantOf(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/**
 * The clocks of one case under `ruleset`, evaluated at T (asOf, else now): in the ruleset's rule
 * order, then by start. The result depends on nothing but the arguments, not even their order.
 *
 * - Only events recorded at or before asOf exist; the corrections and retractions among them are
 *   applied (corrections of one entry in recordedAt order, ties by eventId) before anything else.
 * - T is asOf when given, even if later than now: the caller decides whether to allow that.
 * - An event that occurs after T has not happened at T: it neither starts nor stops a clock.
 * - Events are taken in occurredAt order, ties to the one recorded first, then the lower eventId.
 * - A stop must occur at or after its start, and an event never stops its own clock.
 * - `match` on a field never matches where either side lacks it: an absent suspectRef is no suspect.
 *
 * The ruleset must be valid (InvalidRulesetError otherwise) and must not change once measured
 * with: what is compiled from it is kept per object.
 */
export function measure(events: readonly MeasurableEvent[], ruleset: RulesetDef, options: MeasureOptions): Clock[] {
  const iso = new InstantWriter();
  return measureInstants(events, ruleset, options).map((clock) => clockOf(clock, iso));
}

/** A clock as measure() gives it, its instants as epoch milliseconds (for a reader that stores numbers). */
export interface MeasuredClock {
  ruleId: string;
  cycleKey: string;
  startEventId: string;
  startedAtMs: number;
  stopEventId?: string;
  stoppedAtMs?: number;
  dueAtMs?: number;
  status: ClockStatus;
  elapsedMs: number;
  overdueByMs?: number;
  workingDaysElapsed?: number;
}

/** measure(), without writing the instants out as text. */
export function measureInstants(events: readonly MeasurableEvent[], ruleset: RulesetDef, options: MeasureOptions): MeasuredClock[] {
  const { rules } = compileRuleset(ruleset);
  const asOfMs = options.asOf === undefined ? undefined : instantOf(options.asOf, 'asOf');
  const tMs = asOfMs ?? instantOf(options.now, 'now');
  const facts = replay(events, asOfMs, tMs);
  const clocks: MeasuredClock[] = [];
  for (const rule of rules) measureRule(rule, facts, tMs, clocks);
  return clocks;
}

/** ISO strings of instants, each written once per case: one start or due time serves several rules. */
class InstantWriter {
  private readonly written = new Map<number, string>();

  of(ms: number): string {
    let text = this.written.get(ms);
    if (text === undefined) {
      text = isoOf(ms);
      this.written.set(ms, text);
    }
    return text;
  }
}

function measureRule(rule: CompiledRule, facts: readonly Fact[], tMs: number, out: MeasuredClock[]): void {
  let stops: Fact[] | undefined;
  for (const start of facts) {
    if (!partMatches(rule.start, start)) continue;
    stops ??= facts.filter((fact) => partMatches(rule.stop, fact));
    out.push(measuredClockOf(rule, start, firstStop(rule, start, stops), tMs));
    if (!rule.each) return;
  }
}

/** The earliest stop at or after the start that matches it; an event never stops its own clock. */
function firstStop(rule: CompiledRule, start: Fact, stops: readonly Fact[]): Fact | undefined {
  for (const stop of stops) {
    if (stop.at < start.at || stop === start) continue;
    if (stopMatchesStart(rule, start, stop)) return stop;
  }
  return undefined;
}

function measuredClockOf(rule: CompiledRule, start: Fact, stop: Fact | undefined, tMs: number): MeasuredClock {
  const startDay = londonDayOf(start.at);
  const limit = limitInForce(rule, startDay);
  const endMs = stop === undefined ? tMs : stop.at;
  const dueMs = limit?.due(start.at, startDay);
  let status: ClockStatus;
  if (dueMs === undefined) status = stop === undefined ? 'open' : 'completed';
  else if (stop === undefined) status = endMs > dueMs ? 'overdue' : 'running';
  else status = endMs > dueMs ? 'breached' : 'met';

  const clock: MeasuredClock = {
    ruleId: rule.id,
    cycleKey: rule.each ? start.eventId : 'first',
    startEventId: start.eventId,
    startedAtMs: start.at,
    status,
    elapsedMs: endMs - start.at,
  };
  if (stop !== undefined) {
    clock.stopEventId = stop.eventId;
    clock.stoppedAtMs = stop.at;
  }
  if (dueMs !== undefined) clock.dueAtMs = dueMs;
  if (dueMs !== undefined && endMs > dueMs) clock.overdueByMs = endMs - dueMs;
  if (limit?.kind === 'workingDays') clock.workingDaysElapsed = workingDaysBetweenInstants(start.at, endMs, rule.days);
  return clock;
}

function clockOf(measured: MeasuredClock, iso: InstantWriter): Clock {
  // Members added in the order DESIGN.md shows a clock, so that the JSON reads the same.
  const clock: Partial<Clock> = {
    ruleId: measured.ruleId,
    cycleKey: measured.cycleKey,
    startEventId: measured.startEventId,
    startedAt: iso.of(measured.startedAtMs),
  };
  if (measured.stopEventId !== undefined) {
    clock.stopEventId = measured.stopEventId;
    clock.stoppedAt = iso.of(measured.stoppedAtMs!);
  }
  if (measured.dueAtMs !== undefined) clock.dueAt = iso.of(measured.dueAtMs);
  clock.status = measured.status;
  clock.elapsedMs = measured.elapsedMs;
  if (measured.overdueByMs !== undefined) clock.overdueByMs = measured.overdueByMs;
  if (measured.workingDaysElapsed !== undefined) clock.workingDaysElapsed = measured.workingDaysElapsed;
  return clock as Clock;
}
