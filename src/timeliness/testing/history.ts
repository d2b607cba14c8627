/**
 * Case histories for engine specs, written the way an inspector reads a case file: each event
 * with its id, type, when it happened and (when it differs) when it was recorded.
 */
import type { CaseEventDataMap, CaseEventType } from '../../cases/domain/events';
import { REQUIRED_EVENT_DATA } from '../../cases/dto/testing/event-data.examples';
import { measure } from '../measure';
import type { Clock, MeasurableEvent, RulesetDef } from '../model';
import { ENGLAND_AND_WALES_V1 } from '../rulesets/england-and-wales.v1';

/**
 * An event recorded the moment it happened unless `recordedAt` says otherwise. Data not given is
 * the catalogue's required minimum for the type.
 */
export function event<K extends CaseEventType>(
  eventId: string,
  type: K,
  occurredAt: string,
  data: Partial<CaseEventDataMap[K]> = {},
  recordedAt?: string,
): MeasurableEvent {
  return {
    eventId,
    type,
    occurredAt,
    recordedAt: recordedAt ?? new Date(occurredAt).toISOString(),
    data: { ...REQUIRED_EVENT_DATA[type], ...data } as Record<string, unknown>,
  };
}

export interface At {
  now?: string;
  asOf?: string;
}

/** The clocks of one rule of the shipped ruleset (or of `ruleset`), at `now` or `asOf`. */
export function clocksOf(ruleId: string, events: readonly MeasurableEvent[], at: At, ruleset: RulesetDef = ENGLAND_AND_WALES_V1): Clock[] {
  return measureAt(events, at, ruleset).filter((clock) => clock.ruleId === ruleId);
}

/** The only clock of a rule; fails the spec when there is none or several. */
export function clockOf(ruleId: string, events: readonly MeasurableEvent[], at: At, ruleset?: RulesetDef): Clock {
  const clocks = clocksOf(ruleId, events, at, ruleset);
  if (clocks.length !== 1) throw new Error(`expected one ${ruleId} clock, found ${clocks.length}: ${JSON.stringify(clocks)}`);
  return clocks[0];
}

export function measureAt(events: readonly MeasurableEvent[], at: At, ruleset: RulesetDef = ENGLAND_AND_WALES_V1): Clock[] {
  const now = new Date(at.now ?? at.asOf ?? '2100-01-01T00:00:00Z');
  return measure(events, ruleset, { now, asOf: at.asOf === undefined ? undefined : new Date(at.asOf) });
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
