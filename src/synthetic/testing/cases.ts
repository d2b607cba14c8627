/** Generated cases for specs, made once per spec file. */
import type { MeasurableEvent } from '../../timeliness/model';
import type { EventToAppend } from '../../event-store/event-store.port';
import { generateCase, type GeneratedCase } from '../generate-case';
import { caseRng } from '../rng';

export const NOW = new Date('2026-06-01T12:00:00Z');

export function generateCases(seed: number, count: number, now: Date = NOW, firstCase = 0): GeneratedCase[] {
  return Array.from({ length: count }, (_, i) => generateCase(caseRng(seed, firstCase + i), { caseIndex: firstCase + i, now }));
}

export function measurable(event: EventToAppend): MeasurableEvent {
  return { eventId: event.eventId, type: event.type, occurredAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt, data: event.data };
}
