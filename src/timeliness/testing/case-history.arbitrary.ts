/**
 * Random but plausible case histories for property-based specs: the catalogue's events with data
 * that the shipped rules look at, random occurredAt (with ties, across clock changes and the 2017
 * and 2022 bail changes, in several offsets) and recordedAt (late entries, or up to five minutes
 * before occurredAt, as the catalogue allows), corrections and retractions of earlier entries.
 */
import * as fc from 'fast-check';
import type { MeasurableEvent } from '../model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Type and data of an ordinary entry, from a few random numbers. */
const ENTRIES: ReadonlyArray<(suspect: string, pick: number) => [string, Record<string, unknown>]> = [
  (_s, p) => ['ReportReceived', { source: ['victim', 'school', 'police'][p % 3], channel: 'online' }],
  () => ['CrimeRecorded', { crimeRef: 'C-1', offence: 'Grooming', cseFlag: true, groupBasedFlag: false }],
  (_s, p) => ['ReferralMade', { to: ['childrens-social-care', 'mash', 'school', 'health'][p % 4], urgency: 'urgent' }],
  () => ['StrategyDiscussionHeld', { agencies: ['mash'], section47: true }],
  (_s, p) => ['ContactMade', { with: ['victim', 'parent-carer'][p % 2], method: 'phone', direction: 'outbound', purpose: 'safeguarding' }],
  () => ['VictimReferredToSupport', { service: 'isva' }],
  (s) => ['SuspectIdentified', { suspectRef: s }],
  (s) => ['SuspectArrested', { suspectRef: s }],
  (s) => ['SuspectInterviewed', { suspectRef: s, underCaution: true, voluntary: false }],
  (s, p) => ['BailDecision', { suspectRef: s, kind: ['pre-charge-bail', 'pre-charge-bail', 'bail-extended', 'released-under-investigation', 'released-no-further-action'][p % 5] }],
  (s) => ['BailDecision', { suspectRef: s, kind: 'pre-charge-bail' }],
  (s) => ['SuspectArrested', { suspectRef: s }],
  (s, p) => ['ChargingAdviceRequested', { suspectRef: s, kind: ['charging-decision', 'early-advice'][p % 2] }],
  (s, p) => ['ChargingDecisionMade', { suspectRef: s, by: ['cps', 'police'][p % 2], outcome: ['charged', 'nfa-evidential'][p % 2] }],
  () => ['DisruptionActionTaken', { tool: 'vehicle-marker', targetKind: 'vehicle' }],
  () => ['VictimUpdated', { method: 'phone' }],
  () => ['CaseClosed', { outcomeCode: 16 }],
];

/** The response a force would make to an entry, about as often as not, after `reply`. */
const RESPONSES: Readonly<Record<string, (entry: MeasurableEvent, pick: number) => [string, Record<string, unknown>]>> = {
  ReportReceived: (_e, p) => ENTRIES[[1, 2, 4][p % 3]]('S-1', 0),
  ReferralMade: () => ['StrategyDiscussionHeld', { agencies: ['mash'], section47: true }],
  CrimeRecorded: () => ['VictimReferredToSupport', { service: 'isva' }],
  SuspectIdentified: () => ['DisruptionActionTaken', { tool: 'vehicle-marker', targetKind: 'vehicle' }],
  SuspectArrested: (e, p) => [['BailDecision', 'ChargingDecisionMade'][p % 2], { suspectRef: e.data.suspectRef, kind: 'pre-charge-bail', by: 'cps', outcome: 'charged' }],
  SuspectInterviewed: (e) => ['VictimUpdated', { method: 'phone', aboutEventId: e.eventId }],
  BailDecision: (e, p) =>
    [
      ['VictimUpdated', { method: 'phone', aboutEventId: e.eventId }],
      ['BailDecision', { suspectRef: e.data.suspectRef, kind: 'bail-extended' }],
      ['ChargingDecisionMade', { suspectRef: e.data.suspectRef, by: 'police', outcome: 'nfa-evidential' }],
    ][p % 3] as [string, Record<string, unknown>],
  ChargingAdviceRequested: (e) => ['ChargingDecisionMade', { suspectRef: e.data.suspectRef, by: 'cps', outcome: 'charged' }],
  ChargingDecisionMade: (e) => ['VictimUpdated', { method: 'phone', aboutEventId: e.eventId }],
};

/** Fields a correction may replace, by type, with the values it may give. */
const CORRECTABLE: Readonly<Record<string, [string, unknown[]]>> = {
  ReferralMade: ['to', ['childrens-social-care', 'school']],
  ContactMade: ['with', ['victim', 'parent-carer']],
  BailDecision: ['kind', ['pre-charge-bail', 'released-under-investigation']],
  ChargingDecisionMade: ['suspectRef', ['S-1', 'S-2']],
  SuspectArrested: ['suspectRef', ['S-1', 'S-3']],
};

const DECISIONS = new Set(['SuspectArrested', 'SuspectInterviewed', 'BailDecision', 'ChargingDecisionMade']);
const OFFSETS = ['Z', '+00:00', '+01:00', '-05:00', '+05:30'];

const step = fc.record({
  kind: fc.nat(),
  pick: fc.nat(),
  suspect: fc.integer({ min: 1, max: 3 }),
  // Time from the previous entry: none (entries sharing an instant), hours, days, or back in time.
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 36 }).map((h) => h * HOUR), fc.integer({ min: -2 * DAY, max: 10 * DAY })),
  lag: fc.oneof(fc.constant(0), fc.integer({ min: -5 * MINUTE, max: 5 * DAY })),
  offset: fc.nat(),
  correction: fc.integer({ min: 0, max: 9 }),
  letter: fc.integer({ min: 0, max: 25 }),
  // Mostly near a limit (24 hours, a working day or two, 28 days), to reach both sides of it.
  reply: fc.option(
    fc.oneof(fc.integer({ min: 0, max: 72 }).map((h) => h * HOUR), fc.constantFrom(24 * HOUR, 28 * DAY), fc.integer({ min: 0, max: 100 * DAY })),
    { nil: undefined },
  ),
});

/** The starts of the history: around the bail changes, both clock changes and ordinary days. */
const BASES = ['2017-03-30T12:00:00Z', '2022-10-20T12:00:00Z', '2024-03-25T12:00:00Z', '2024-10-22T20:00:00Z', '2025-12-20T09:00:00Z'].map(Date.parse);

function written(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + minutes * MINUTE).toISOString();
  return offset === 'Z' ? local : local.replace('Z', offset);
}

export const caseHistory: fc.Arbitrary<MeasurableEvent[]> = fc
  .record({ base: fc.constantFrom(...BASES), steps: fc.array(step, { minLength: 1, maxLength: 30 }) })
  .map(({ base, steps }) => {
    // Every case opens with its first report (POST /v1/cases writes both).
    const opened = { eventId: 'opened', type: 'CaseOpened', occurredAt: written(base, 'Z'), recordedAt: recorded(base, 0), data: { force: 'f', victim: { ref: 'V' } } };
    const events: MeasurableEvent[] = [opened];
    const entries: MeasurableEvent[] = [opened];
    let occurredMs = base;
    steps.forEach((s, i) => {
      const eventId = `${String.fromCharCode(97 + s.letter)}${i}`;
      if (i > 0) occurredMs += s.gap;
      const target = entries.length > 0 ? entries[s.pick % entries.length] : undefined;
      if (target && i > 0 && s.correction === 0) {
        events.push(amend(eventId, 'EntryRetracted', target, { retractsEventId: target.eventId, reason: 'x' }, s.lag));
        return;
      }
      if (target && i > 0 && s.correction === 1) {
        const correctable = CORRECTABLE[target.type];
        const data: Record<string, unknown> = { correctsEventId: target.eventId, reason: 'x', occurredAt: written(occurredMs, OFFSETS[s.offset % OFFSETS.length]) };
        if (correctable && s.pick % 2 === 0) data.data = { [correctable[0]]: correctable[1][s.offset % correctable[1].length] };
        events.push(amend(eventId, 'EntryCorrected', target, data, s.lag));
        return;
      }
      const [type, data] = ENTRIES[i === 0 ? 0 : s.kind % ENTRIES.length](`S-${s.suspect}`, s.pick);
      if (type === 'VictimUpdated') {
        const decisions = entries.filter((e) => DECISIONS.has(e.type));
        if (decisions.length > 0 && s.pick % 4 !== 0) data.aboutEventId = decisions[s.offset % decisions.length].eventId;
      }
      const entry = { eventId, type, occurredAt: written(occurredMs, OFFSETS[s.offset % OFFSETS.length]), recordedAt: recorded(occurredMs, s.lag), data };
      events.push(entry);
      entries.push(entry);
      const respond = RESPONSES[type];
      if (respond && s.reply !== undefined) {
        const [replyType, replyData] = respond(entry, s.pick >> 1);
        const reply = { eventId: `${eventId}r`, type: replyType, occurredAt: written(occurredMs + s.reply, 'Z'), recordedAt: recorded(occurredMs + s.reply, s.lag), data: replyData };
        events.push(reply);
        entries.push(reply);
      }
    });
    return events;
  });

function recorded(occurredMs: number, lag: number): string {
  return new Date(occurredMs + Math.max(lag, -5 * MINUTE)).toISOString();
}

/** A correction or retraction is recorded after its target, by `lag` (or at once). */
function amend(eventId: string, type: string, target: MeasurableEvent, data: Record<string, unknown>, lag: number): MeasurableEvent {
  const recordedAt = new Date(Date.parse(target.recordedAt) + Math.abs(lag)).toISOString();
  return { eventId, type, occurredAt: recordedAt, recordedAt, data };
}

/** Latest recordedAt of a history. */
export function lastRecordedAt(events: readonly MeasurableEvent[]): number {
  return Math.max(...events.map((e) => Date.parse(e.recordedAt)));
}
