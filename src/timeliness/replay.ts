/**
 * What a case looked like at T, before any rule is applied: the events recorded by then, with the
 * corrections recorded by then applied and the retracted ones gone, in occurredAt order.
 */
import type { Fact } from './compile';
import { parseInstant } from './instants';
import type { MeasurableEvent } from './model';

interface Correction {
  eventId: string;
  recordedAt: number;
  target: unknown;
  occurredAt: unknown;
  data: unknown;
}

function byRecordedAtThenId(a: Correction, b: Correction): number {
  return a.recordedAt - b.recordedAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/**
 * Ties in occurredAt go to the one recorded first, then to the lower eventId (code-unit order,
 * never the locale's), so the order never depends on how the events were handed in.
 */
export function byOccurrence(a: Fact, b: Fact): number {
  return a.at - b.at || a.recordedAt - b.recordedAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param asOfMs only events recorded at or before it exist (undefined: every event).
 * @param tMs the time of evaluation: an event that occurs after it has not happened yet, so it
 *   neither starts nor stops a clock (the catalogue lets occurredAt run up to five minutes ahead
 *   of the server clock, and a clock must not start in its own future).
 */
export function replay(events: readonly MeasurableEvent[], asOfMs: number | undefined, tMs: number): Fact[] {
  let facts: Fact[] = [];
  let retracted: Set<unknown> | undefined;
  let corrections: Correction[] | undefined;
  for (const event of events) {
    const recordedAt = parseInstant(event.recordedAt, `recordedAt of event ${event.eventId}`);
    if (asOfMs !== undefined && recordedAt > asOfMs) continue;
    if (event.type === 'EntryRetracted') {
      (retracted ??= new Set()).add(event.data.retractsEventId);
    } else if (event.type === 'EntryCorrected') {
      const { correctsEventId: target, occurredAt, data } = event.data;
      (corrections ??= []).push({ eventId: event.eventId, recordedAt, target, occurredAt, data });
    } else {
      const at = parseInstant(event.occurredAt, `occurredAt of event ${event.eventId}`);
      facts.push({ eventId: event.eventId, type: event.type, at, recordedAt, data: event.data });
    }
  }
  if (retracted !== undefined) {
    const gone = retracted;
    facts = facts.filter((fact) => !gone.has(fact.eventId));
  }
  if (corrections !== undefined) applyCorrections(facts, corrections, retracted);
  return facts.filter((fact) => fact.at <= tMs).sort(byOccurrence);
}

/** Applies, in recordedAt order, every correction that is not itself retracted, to the facts (ours to change). */
function applyCorrections(facts: Fact[], corrections: Correction[], retracted: Set<unknown> | undefined): void {
  const byTarget = new Map<unknown, Correction[]>();
  for (const correction of corrections.sort(byRecordedAtThenId)) {
    // A retracted correction no longer says anything (the catalogue refuses one, but history is history).
    if (retracted?.has(correction.eventId)) continue;
    const list = byTarget.get(correction.target);
    if (list) list.push(correction);
    else byTarget.set(correction.target, [correction]);
  }
  for (const fact of facts) {
    const list = byTarget.get(fact.eventId);
    if (list === undefined) continue;
    for (const correction of list) {
      if (correction.occurredAt !== undefined) fact.at = parseInstant(correction.occurredAt, `occurredAt of correction ${correction.eventId}`);
      if (isObject(correction.data)) fact.data = { ...fact.data, ...correction.data };
    }
  }
}
