/** Properties of replay that must hold for any case history, not only the ones we thought of. */
import * as fc from 'fast-check';
import { workingDaysBetween } from './calendar';
import { measure } from './measure';
import type { Clock, MeasurableEvent } from './model';
import { ENGLAND_AND_WALES_V1 } from './rulesets/england-and-wales.v1';
import { caseHistory, lastRecordedAt } from './testing/case-history.arbitrary';

const PROPERTY = { seed: 42, numRuns: 200 };
const WORKING_DAY_RULES = new Set(['strategy-discussion', 'victim-support-referral', 'victim-informed']);
const RULE_ORDER = ENGLAND_AND_WALES_V1.rules.map((rule) => rule.id);

/** Some T: shortly after one of the entries happened (when clocks run), or well after the last was recorded. */
const historyAndT = caseHistory.chain((events) =>
  fc.tuple(
    fc.constant(events),
    fc.oneof(
      fc.tuple(fc.constantFrom(...events), fc.integer({ min: -3_600_000, max: 4 * 86_400_000 })).map(([e, d]) => new Date(Date.parse(e.occurredAt) + d)),
      fc.integer({ min: 0, max: 60 * 86_400_000 }).map((d) => new Date(lastRecordedAt(events) + d)),
    ),
  ),
);

const measureAt = (events: readonly MeasurableEvent[], options: { asOf?: Date; now: Date }) => measure(events, ENGLAND_AND_WALES_V1, options);

describe('replay of any case history', () => {
  it('is tried on histories that reach every status of every kind of rule', () => {
    const seen = new Set<string>();
    for (const [events, now] of fc.sample(historyAndT, PROPERTY)) {
      for (const clock of measureAt(events, { now })) seen.add(`${clock.ruleId}:${clock.status}`);
    }
    for (const ruleId of ['crime-recorded', 'strategy-discussion', 'victim-informed', 'pace-detention', 'pre-charge-bail']) {
      for (const status of ['met', 'breached', 'running', 'overdue']) expect(seen).toContain(`${ruleId}:${status}`);
    }
    for (const ruleId of ['charging-decision', 'first-disruption', 'report-to-charge']) {
      for (const status of ['completed', 'open']) expect(seen).toContain(`${ruleId}:${status}`);
    }
  });

  it('is deterministic and does not depend on the order of the events', () => {
    const shuffled = historyAndT.chain(([events, now]) =>
      fc.tuple(fc.constant(events), fc.constant(now), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
    );
    fc.assert(
      fc.property(shuffled, ([events, now, reordered]) => {
        const clocks = measureAt(events, { now });
        expect(measureAt(events, { now })).toEqual(clocks);
        expect(measureAt(reordered, { now })).toEqual(clocks);
      }),
      PROPERTY,
    );
  });

  it("gives every clock the status its dueAt, stoppedAt and T call for, and elapsed times that add up", () => {
    fc.assert(
      fc.property(historyAndT, ([events, now]) => {
        for (const clock of measureAt(events, { now })) expectConsistent(clock, now.getTime());
      }),
      PROPERTY,
    );
  });

  it('gives, as of a time after every entry, the clocks of now at that time', () => {
    fc.assert(
      fc.property(caseHistory, fc.integer({ min: 0, max: 10 * 86_400_000 }), (events, after) => {
        const asOf = new Date(lastRecordedAt(events) + after);
        expect(measureAt(events, { asOf, now: new Date('2100-01-01T00:00:00Z') })).toEqual(measureAt(events, { now: asOf }));
      }),
      PROPERTY,
    );
  });

  it('as of any time, measures exactly the entries recorded by then', () => {
    fc.assert(
      fc.property(historyAndT, ([events, asOf]) => {
        const known = events.filter((e) => Date.parse(e.recordedAt) <= asOf.getTime());
        expect(measureAt(events, { asOf, now: new Date('2100-01-01T00:00:00Z') })).toEqual(measureAt(known, { now: asOf }));
      }),
      PROPERTY,
    );
  });

  it('lists each clock once, in rule order then start order, started and stopped by surviving events of the right types', () => {
    fc.assert(
      fc.property(historyAndT, ([events, now]) => {
        const clocks = measureAt(events, { now });
        const retracted = new Set(events.filter((e) => e.type === 'EntryRetracted').map((e) => e.data.retractsEventId));
        const typeOf = new Map(events.map((e) => [e.eventId, e.type]));
        const keys = clocks.map((c) => `${c.ruleId}/${c.cycleKey}`);
        expect(new Set(keys).size).toBe(keys.length);
        clocks.forEach((clock, i) => {
          const rule = ENGLAND_AND_WALES_V1.rules.find((r) => r.id === clock.ruleId);
          expect(rule).toBeDefined();
          expect([rule?.start.type].flat()).toContain(typeOf.get(clock.startEventId));
          expect(retracted.has(clock.startEventId)).toBe(false);
          if (clock.stopEventId !== undefined) {
            expect([rule?.stop.type].flat()).toContain(typeOf.get(clock.stopEventId));
            expect(retracted.has(clock.stopEventId)).toBe(false);
          }
          expect(clock.cycleKey).toBe(rule?.start.occurrence === 'first' ? 'first' : clock.startEventId);
          if (i > 0) {
            const previous = clocks[i - 1];
            const order = RULE_ORDER.indexOf(clock.ruleId) - RULE_ORDER.indexOf(previous.ruleId);
            expect(order > 0 || (order === 0 && clock.startedAt >= previous.startedAt)).toBe(true);
          }
        });
      }),
      PROPERTY,
    );
  });
});

function expectConsistent(clock: Clock, t: number): void {
  const started = Date.parse(clock.startedAt);
  const stopped = clock.stoppedAt === undefined ? undefined : Date.parse(clock.stoppedAt);
  const end = stopped ?? t;
  expect(clock.elapsedMs).toBe(end - started);
  expect(clock.elapsedMs).toBeGreaterThanOrEqual(0);
  expect(started).toBeLessThanOrEqual(t);
  if (stopped !== undefined) expect(stopped).toBeLessThanOrEqual(t);
  expect(clock.stopEventId === undefined).toBe(stopped === undefined);
  for (const instant of [clock.startedAt, clock.stoppedAt, clock.dueAt]) {
    if (instant !== undefined) expect(new Date(instant).toISOString()).toBe(instant);
  }
  if (clock.dueAt === undefined) {
    expect(clock.status).toBe(stopped === undefined ? 'open' : 'completed');
    expect(clock.overdueByMs).toBeUndefined();
    expect(clock.workingDaysElapsed).toBeUndefined();
    return;
  }
  const due = Date.parse(clock.dueAt);
  const late = end > due;
  expect(clock.status).toBe(stopped === undefined ? (late ? 'overdue' : 'running') : late ? 'breached' : 'met');
  expect(clock.overdueByMs).toBe(late ? end - due : undefined);
  if (WORKING_DAY_RULES.has(clock.ruleId)) expect(clock.workingDaysElapsed).toBe(workingDaysBetween(new Date(started), new Date(end)));
  else expect(clock.workingDaysElapsed).toBeUndefined();
}
