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

interface Recorded {
  event: MeasurableEvent;
  recordedAt: number;
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
  const kept: Recorded[] = [];
  const retracted = new Set<unknown>();
  let corrections: Correction[] | undefined;
  for (const event of events) {
    const recordedAt = parseInstant(event.recordedAt, `recordedAt of event ${event.eventId}`);
    if (asOfMs !== undefined && recordedAt > asOfMs) continue;
    if (event.type === 'EntryRetracted') {
      retracted.add(event.data.retractsEventId);
    } else if (event.type === 'EntryCorrected') {
      const { correctsEventId: target, occurredAt, data } = event.data;
      (corrections ??= []).push({ eventId: event.eventId, recordedAt, target, occurredAt, data });
    } else {
      kept.push({ event, recordedAt });
    }
  }
  const correctionsOf = new Map<unknown, Correction[]>();
  if (corrections) {
    for (const correction of corrections.sort(byRecordedAtThenId)) {
      // A retracted correction no longer says anything (the catalogue refuses one, but history is history).
      if (retracted.has(correction.eventId)) continue;
      const list = correctionsOf.get(correction.target);
      if (list) list.push(correction);
      else correctionsOf.set(correction.target, [correction]);
    }
  }

  const facts: Fact[] = [];
  for (const { event, recordedAt } of kept) {
    if (retracted.has(event.eventId)) continue;
    let occurredAt: unknown = event.occurredAt;
    let data = event.data;
    for (const correction of correctionsOf.get(event.eventId) ?? []) {
      if (correction.occurredAt !== undefined) occurredAt = correction.occurredAt;
      if (isObject(correction.data)) data = { ...data, ...correction.data };
    }
    const at = parseInstant(occurredAt, `occurredAt of event ${event.eventId}`);
    if (at > tMs) continue;
    facts.push({ eventId: event.eventId, type: event.type, at, recordedAt, data });
  }
  return facts.sort(byOccurrence);
}
