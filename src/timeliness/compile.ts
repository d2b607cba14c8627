/**
 * A ruleset turned, once, into what measuring needs on every case: sets instead of arrays,
 * effective dates as day numbers, durations parsed, limits newest first. Published rulesets never
 * change, so the result is kept per definition object; a definition must not be mutated once it
 * has been measured with.
 */
import type { FieldError } from '../common/app-error';
import { type DayCalendar } from './bank-holidays';
import { CALENDARS, addMonthsInLondon, compileDuration, dayCalendarOf, dueAfterWorkingDayNumbers } from './calendar';
import { parseLocalDate } from './local-dates';
import type { LimitDef, RuleDef, RulesetDef, WhereDef } from './model';
import { validateRulesetDefinition } from './ruleset-validation';

export interface Fact {
  eventId: string;
  type: string;
  /** occurredAt (as corrected), epoch ms. */
  at: number;
  /** recordedAt, epoch ms. */
  recordedAt: number;
  data: Record<string, unknown>;
}

interface Condition {
  /** Only events of this type are held to the condition; undefined: every type of the part. */
  type?: string;
  field: string;
  values: ReadonlySet<unknown>;
}

export interface CompiledPart {
  types: ReadonlySet<string>;
  conditions: readonly Condition[];
}

export type LimitKind = 'duration' | 'months' | 'workingDays';

export interface CompiledLimit {
  effectiveDay: number;
  kind: LimitKind;
  due(startMs: number, startDay: number): number;
}

export interface CompiledRule {
  id: string;
  each: boolean;
  start: CompiledPart;
  stop: CompiledPart;
  match: readonly string[] | 'aboutEventId' | undefined;
  /** Newest effectiveFrom first. */
  limits: readonly CompiledLimit[];
  days: DayCalendar;
}

export interface CompiledRuleset {
  rules: readonly CompiledRule[];
}

export class InvalidRulesetError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The ruleset cannot be measured with: ${errors.map((e) => `${e.path || '(ruleset)'} ${e.message}`).join('; ')}`);
    this.name = 'InvalidRulesetError';
  }
}

function compilePart(part: { type: string | string[]; where?: WhereDef }): CompiledPart {
  const conditions = Object.entries(part.where ?? {}).map(([key, values]): Condition => {
    const dot = key.indexOf('.');
    const set = new Set(values);
    return dot < 0 ? { field: key, values: set } : { type: key.slice(0, dot), field: key.slice(dot + 1), values: set };
  });
  return { types: new Set(typeof part.type === 'string' ? [part.type] : part.type), conditions };
}

function compileLimit(limit: LimitDef, days: DayCalendar): CompiledLimit {
  const effectiveDay = parseLocalDate(limit.effectiveFrom) as number;
  if (limit.duration !== undefined) {
    const add = compileDuration(limit.duration);
    return { effectiveDay, kind: 'duration', due: (startMs) => add(startMs) };
  }
  if (limit.months !== undefined) {
    const months = limit.months;
    return { effectiveDay, kind: 'months', due: (startMs) => addMonthsInLondon(startMs, months) };
  }
  const n = limit.workingDays as number;
  return { effectiveDay, kind: 'workingDays', due: (_startMs, startDay) => dueAfterWorkingDayNumbers(startDay, n, days) };
}

function compileRule(rule: RuleDef): CompiledRule {
  const days = dayCalendarOf(CALENDARS[rule.calendar]);
  return {
    id: rule.id,
    each: rule.start.occurrence === 'each',
    start: compilePart(rule.start),
    stop: compilePart(rule.stop),
    match: rule.stop.match,
    limits: (rule.limit ?? []).map((limit) => compileLimit(limit, days)).sort((a, b) => b.effectiveDay - a.effectiveDay),
    days,
  };
}

const compiled = new WeakMap<RulesetDef, CompiledRuleset>();

export function compileRuleset(ruleset: RulesetDef): CompiledRuleset {
  let result = compiled.get(ruleset);
  if (result === undefined) {
    const errors = validateRulesetDefinition(ruleset);
    if (errors.length > 0) throw new InvalidRulesetError(errors);
    result = { rules: ruleset.rules.map(compileRule) };
    compiled.set(ruleset, result);
  }
  return result;
}

export function partMatches(part: CompiledPart, fact: Fact): boolean {
  if (!part.types.has(fact.type)) return false;
  for (const condition of part.conditions) {
    if (condition.type !== undefined && condition.type !== fact.type) continue;
    if (!condition.values.has(fact.data[condition.field])) return false;
  }
  return true;
}

/** JSON equality. A field that is absent on either side never matches: it ties nothing together. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return false;
  return jsonEqual(a, b);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(recordB, key) && jsonEqual(recordA[key], recordB[key]));
}

export function stopMatchesStart(rule: CompiledRule, start: Fact, stop: Fact): boolean {
  if (rule.match === undefined) return true;
  if (rule.match === 'aboutEventId') return stop.data.aboutEventId === start.eventId;
  for (const field of rule.match) if (!sameValue(start.data[field], stop.data[field])) return false;
  return true;
}

/** The limit in force on the London local day a clock started, if any. */
export function limitInForce(rule: CompiledRule, startDay: number): CompiledLimit | undefined {
  for (const limit of rule.limits) if (limit.effectiveDay <= startDay) return limit;
  return undefined;
}
