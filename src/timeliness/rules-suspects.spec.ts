/** The shipped rules about suspects, victims' updates and decisions, in each status they can reach. */
import { clockOf, clocksOf, event, HOUR } from './testing/history';

const DAY = 24 * HOUR;
const arrested = (id: string, suspectRef: string, occurredAt: string) => event(id, 'SuspectArrested', occurredAt, { suspectRef });
const bail = (id: string, suspectRef: string, kind: 'pre-charge-bail' | 'bail-extended' | 'released-under-investigation', occurredAt: string) =>
  event(id, 'BailDecision', occurredAt, { suspectRef, kind });
const charged = (id: string, suspectRef: string, occurredAt: string, by: 'cps' | 'police' = 'cps') =>
  event(id, 'ChargingDecisionMade', occurredAt, { suspectRef, by, outcome: 'charged', test: 'full-code' });

describe('victim-informed: the victim told of each arrest, interview, bail and charging decision within 1 working day', () => {
  // Monday 11 March 2024: arrest at 10:00, interview at 14:00, pre-charge bail at 20:00; charged on Wednesday.
  const events = [
    arrested('a1', 'S-1', '2024-03-11T10:00:00Z'),
    event('i1', 'SuspectInterviewed', '2024-03-11T14:00:00Z', { suspectRef: 'S-1', underCaution: true, voluntary: false }),
    bail('b1', 'S-1', 'pre-charge-bail', '2024-03-11T20:00:00Z'),
    charged('d1', 'S-1', '2024-03-13T11:00:00Z'),
    event('u1', 'VictimUpdated', '2024-03-12T09:00:00Z', { method: 'phone', aboutEventId: 'a1' }),
    event('u0', 'VictimUpdated', '2024-03-12T10:00:00Z', { method: 'phone' }),
    event('u2', 'VictimUpdated', '2024-03-13T10:00:00Z', { method: 'in-person', aboutEventId: 'i1' }),
  ];

  it('keeps one clock per decision, each stopped only by the update about it', () => {
    const clocks = clocksOf('victim-informed', events, { now: '2024-03-13T12:00:00Z' });
    expect(clocks.map((c) => [c.cycleKey, c.startEventId, c.stopEventId, c.status, c.workingDaysElapsed])).toEqual([
      ['a1', 'a1', 'u1', 'met', 1],
      ['i1', 'i1', 'u2', 'breached', 2],
      ['b1', 'b1', undefined, 'overdue', 2],
      ['d1', 'd1', undefined, 'running', 0],
    ]);
    expect(clocks[0]).toMatchObject({ dueAt: '2024-03-12T23:59:59.999Z', elapsedMs: 23 * HOUR });
    expect(clocks[1]).toMatchObject({ dueAt: '2024-03-12T23:59:59.999Z', overdueByMs: 10 * HOUR + 1 });
    expect(clocks[2]).toMatchObject({ dueAt: '2024-03-12T23:59:59.999Z', overdueByMs: 12 * HOUR + 1 });
    expect(clocks[3]).toMatchObject({ dueAt: '2024-03-14T23:59:59.999Z', elapsedMs: HOUR });
  });
});

describe('pace-detention: each arrested suspect charged or bailed within 24 hours', () => {
  it('keeps one clock per arrest, stopped by a decision about that suspect only', () => {
    const events = [
      arrested('a1', 'S-1', '2024-03-11T10:00:00Z'),
      arrested('a2', 'S-2', '2024-03-11T11:00:00Z'),
      bail('b2', 'S-2', 'released-under-investigation', '2024-03-11T20:00:00Z'),
      charged('d1', 'S-1', '2024-03-12T12:00:00Z'),
    ];
    const clocks = clocksOf('pace-detention', events, { now: '2024-03-20T00:00:00Z' });
    expect(clocks).toEqual([
      expect.objectContaining({ cycleKey: 'a1', stopEventId: 'd1', status: 'breached', dueAt: '2024-03-12T10:00:00.000Z', overdueByMs: 2 * HOUR }),
      expect.objectContaining({ cycleKey: 'a2', stopEventId: 'b2', status: 'met', elapsedMs: 9 * HOUR }),
    ]);
    expect(clocks[1].workingDaysElapsed).toBeUndefined();
  });

  it('is running within 24 hours of the arrest and overdue after', () => {
    const events = [arrested('a3', 'S-3', '2024-03-12T09:00:00Z')];
    expect(clockOf('pace-detention', events, { now: '2024-03-12T12:00:00Z' }).status).toBe('running');
    expect(clockOf('pace-detention', events, { now: '2024-03-13T10:00:00Z' })).toMatchObject({ status: 'overdue', overdueByMs: HOUR });
  });

  it('gives a re-arrest its own clock, not stopped by the decision of the first arrest', () => {
    const events = [
      arrested('a1', 'S-1', '2024-03-11T10:00:00Z'),
      bail('b1', 'S-1', 'pre-charge-bail', '2024-03-11T18:00:00Z'),
      arrested('a4', 'S-1', '2024-03-15T09:00:00Z'),
      charged('d4', 'S-1', '2024-03-15T15:00:00Z'),
    ];
    expect(clocksOf('pace-detention', events, { now: '2024-03-20T00:00:00Z' }).map((c) => [c.cycleKey, c.stopEventId, c.status])).toEqual([
      ['a1', 'b1', 'met'],
      ['a4', 'd4', 'met'],
    ]);
  });
});

describe('pre-charge-bail: each pre-charge bail ended within 28 days (before 28 October 2022) or 3 months (from then)', () => {
  it('gives a bail of 1 September 2022 28 calendar days: met by a charge, overdue without one', () => {
    const given = bail('b1', 'S-1', 'pre-charge-bail', '2022-09-01T10:00:00Z');
    expect(clockOf('pre-charge-bail', [given, charged('d1', 'S-1', '2022-09-20T10:00:00Z')], { now: '2022-12-01T00:00:00Z' })).toMatchObject({
      status: 'met',
      dueAt: '2022-09-29T10:00:00.000Z',
      stopEventId: 'd1',
    });
    expect(clockOf('pre-charge-bail', [given], { now: '2022-10-05T10:00:00Z' })).toMatchObject({ status: 'overdue', overdueByMs: 6 * DAY });
    expect(clockOf('pre-charge-bail', [given], { now: '2022-09-29T10:00:00Z' }).status).toBe('running');
  });

  it('gives a bail of 28 October 2022 three months, to the same London time: met by a release, breached by a late extension', () => {
    // 11:00 BST on 28 October 2022; due 11:00 GMT on 28 January 2023.
    const given = bail('b1', 'S-1', 'pre-charge-bail', '2022-10-28T10:00:00Z');
    const released = bail('b2', 'S-1', 'released-under-investigation', '2023-01-10T10:00:00Z');
    const extended = bail('b3', 'S-1', 'bail-extended', '2023-02-01T11:00:00Z');
    expect(clockOf('pre-charge-bail', [given, released], { now: '2023-03-01T00:00:00Z' })).toMatchObject({
      status: 'met',
      dueAt: '2023-01-28T11:00:00.000Z',
      stopEventId: 'b2',
    });
    expect(clockOf('pre-charge-bail', [given, extended], { now: '2023-03-01T00:00:00Z' })).toMatchObject({ status: 'breached', overdueByMs: 4 * DAY });
  });

  it('takes the limit in force on the London date of the bail, not the UTC date', () => {
    // 23:59 BST on 27 October is 22:59 UTC; 00:00 BST on 28 October is 23:00 UTC on the 27th.
    const lastOld = bail('b1', 'S-1', 'pre-charge-bail', '2022-10-27T22:59:00Z');
    const firstNew = bail('b2', 'S-2', 'pre-charge-bail', '2022-10-27T23:00:00Z');
    const clocks = clocksOf('pre-charge-bail', [lastOld, firstNew], { now: '2022-11-01T00:00:00Z' });
    expect(clocks.map((c) => [c.cycleKey, c.dueAt])).toEqual([
      ['b1', '2022-11-24T23:59:00.000Z'],
      ['b2', '2023-01-28T00:00:00.000Z'],
    ]);
  });

  it('measures a bail given before the 28-day limit began (3 April 2017) without a due date', () => {
    const given = bail('b1', 'S-1', 'pre-charge-bail', '2017-03-01T10:00:00Z');
    expect(clockOf('pre-charge-bail', [given], { now: '2017-06-01T10:00:00Z' })).toEqual({
      ruleId: 'pre-charge-bail',
      cycleKey: 'b1',
      startEventId: 'b1',
      startedAt: '2017-03-01T10:00:00.000Z',
      status: 'open',
      elapsedMs: Date.parse('2017-06-01T10:00:00Z') - Date.parse('2017-03-01T10:00:00Z'),
    });
    expect(clockOf('pre-charge-bail', [given, charged('d1', 'S-1', '2017-05-01T10:00:00Z')], { now: '2017-06-01T10:00:00Z' }).status).toBe('completed');
    // 23:59 BST on 2 April 2017 has no limit; 00:30 BST on 3 April has 28 days.
    const lastUnlimited = bail('b8', 'S-1', 'pre-charge-bail', '2017-04-02T22:59:00Z');
    const firstLimited = bail('b9', 'S-2', 'pre-charge-bail', '2017-04-02T23:30:00Z');
    expect(clocksOf('pre-charge-bail', [lastUnlimited, firstLimited], { now: '2017-04-04T00:00:00Z' }).map((c) => [c.cycleKey, c.status, c.dueAt])).toEqual([
      ['b8', 'open', undefined],
      ['b9', 'running', '2017-04-30T23:30:00.000Z'],
    ]);
  });

  it("is not ended by another suspect's charge, nor by a further pre-charge bail, and never by its own start", () => {
    const events = [
      bail('b1', 'S-1', 'pre-charge-bail', '2024-01-10T10:00:00Z'),
      charged('d2', 'S-2', '2024-01-20T10:00:00Z'),
      bail('b4', 'S-1', 'pre-charge-bail', '2024-02-01T10:00:00Z'),
    ];
    expect(clocksOf('pre-charge-bail', events, { now: '2024-05-01T00:00:00Z' }).map((c) => [c.cycleKey, c.status, c.stopEventId])).toEqual([
      ['b1', 'overdue', undefined],
      ['b4', 'running', undefined],
    ]);
  });
});

describe('charging-decision: each request for a CPS charging decision to the CPS decision on that suspect, measured only', () => {
  const requested = event('q1', 'ChargingAdviceRequested', '2024-04-01T10:00:00Z', { suspectRef: 'S-1', kind: 'charging-decision' });
  const earlyAdvice = event('q0', 'ChargingAdviceRequested', '2024-03-20T10:00:00Z', { suspectRef: 'S-1', kind: 'early-advice' });

  it('is open until the CPS decides on that suspect: a police decision or one on another suspect does not count', () => {
    const events = [earlyAdvice, requested, charged('d1', 'S-1', '2024-04-05T10:00:00Z', 'police'), charged('d2', 'S-2', '2024-04-06T10:00:00Z')];
    expect(clocksOf('charging-decision', events, { now: '2024-04-10T10:00:00Z' })).toEqual([
      { ruleId: 'charging-decision', cycleKey: 'q1', startEventId: 'q1', startedAt: '2024-04-01T10:00:00.000Z', status: 'open', elapsedMs: 9 * DAY },
    ]);
  });

  it('is completed by the CPS decision', () => {
    const events = [requested, charged('d3', 'S-1', '2024-04-15T10:00:00Z')];
    expect(clockOf('charging-decision', events, { now: '2024-05-01T00:00:00Z' })).toMatchObject({ status: 'completed', stopEventId: 'd3', elapsedMs: 14 * DAY });
  });
});

describe('first-disruption: first suspect identified to the first disruption action, measured only', () => {
  const identified = event('s1', 'SuspectIdentified', '2024-03-10T10:00:00Z', { suspectRef: 'S-1' });
  const earlier = event('x0', 'DisruptionActionTaken', '2024-03-09T10:00:00Z', { tool: 'vehicle-marker', targetKind: 'vehicle' });
  const second = event('s2', 'SuspectIdentified', '2024-03-12T10:00:00Z', { suspectRef: 'S-2' });

  it('is open when the only disruption came before, and completed by the first one after', () => {
    expect(clockOf('first-disruption', [identified, earlier, second], { now: '2024-03-15T10:00:00Z' })).toMatchObject({
      cycleKey: 'first',
      startEventId: 's1',
      status: 'open',
      elapsedMs: 5 * DAY,
    });
    const taken = event('x1', 'DisruptionActionTaken', '2024-03-20T10:00:00Z', { tool: 'child-abduction-warning-notice', targetKind: 'person' });
    expect(clockOf('first-disruption', [identified, earlier, second, taken], { now: '2024-04-01T00:00:00Z' })).toMatchObject({
      status: 'completed',
      stopEventId: 'x1',
      elapsedMs: 10 * DAY,
    });
  });
});
