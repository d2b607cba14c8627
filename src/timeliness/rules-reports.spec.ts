/** The shipped rules that start from the report or the crime record, in each status they can reach. */
import { clockOf, clocksOf, event, HOUR } from './testing/history';

// Monday 4 March 2024, 09:00 GMT.
const report = event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'school', channel: 'agency-referral' });

describe('crime-recorded: first report to CrimeRecorded within 24 hours', () => {
  const crimeAt = (occurredAt: string) => event('c1', 'CrimeRecorded', occurredAt, { crimeRef: 'WY-1' });

  it('is met when the crime is recorded within 24 hours, and still met at exactly 24 hours', () => {
    expect(clockOf('crime-recorded', [report, crimeAt('2024-03-05T08:00:00Z')], { now: '2024-03-10T00:00:00Z' })).toEqual({
      ruleId: 'crime-recorded',
      cycleKey: 'first',
      startEventId: 'r1',
      startedAt: '2024-03-04T09:00:00.000Z',
      stopEventId: 'c1',
      stoppedAt: '2024-03-05T08:00:00.000Z',
      dueAt: '2024-03-05T09:00:00.000Z',
      status: 'met',
      elapsedMs: 23 * HOUR,
    });
    expect(clockOf('crime-recorded', [report, crimeAt('2024-03-05T09:00:00Z')], { now: '2024-03-10T00:00:00Z' }).status).toBe('met');
  });

  it('is breached when the crime is recorded later, by how much', () => {
    const clock = clockOf('crime-recorded', [report, crimeAt('2024-03-05T15:00:00Z')], { now: '2024-03-10T00:00:00Z' });
    expect(clock).toMatchObject({ status: 'breached', stopEventId: 'c1', elapsedMs: 30 * HOUR, overdueByMs: 6 * HOUR });
    expect(clocksOf('crime-recorded', [report, crimeAt('2024-03-05T09:00:00.001Z')], { now: '2024-03-10T00:00:00Z' })[0].status).toBe('breached');
  });

  it('is running until the due time, inclusive, and overdue one millisecond later', () => {
    expect(clockOf('crime-recorded', [report], { now: '2024-03-04T20:00:00Z' })).toEqual({
      ruleId: 'crime-recorded',
      cycleKey: 'first',
      startEventId: 'r1',
      startedAt: '2024-03-04T09:00:00.000Z',
      dueAt: '2024-03-05T09:00:00.000Z',
      status: 'running',
      elapsedMs: 11 * HOUR,
    });
    expect(clockOf('crime-recorded', [report], { now: '2024-03-05T09:00:00Z' }).status).toBe('running');
    expect(clockOf('crime-recorded', [report], { now: '2024-03-05T09:00:00.001Z' })).toMatchObject({ status: 'overdue', overdueByMs: 1 });
  });

  it('starts at the first report only, and is not stopped by a crime recorded before it', () => {
    const later = event('r2', 'ReportReceived', '2024-03-06T09:00:00Z', { source: 'police', channel: 'intelligence' });
    const before = crimeAt('2024-03-04T08:00:00Z');
    const clocks = clocksOf('crime-recorded', [later, before, report], { now: '2024-03-06T10:00:00Z' });
    expect(clocks).toEqual([expect.objectContaining({ startEventId: 'r1', status: 'overdue', overdueByMs: 25 * HOUR })]);
  });

  it('is met by a crime recorded at the very instant of the report, even if entered before it', () => {
    const same = event('c0', 'CrimeRecorded', '2024-03-04T09:00:00Z', { crimeRef: 'WY-1' }, '2024-03-04T08:58:00Z');
    expect(clockOf('crime-recorded', [report, same], { now: '2024-03-10T00:00:00Z' })).toMatchObject({ status: 'met', stopEventId: 'c0', elapsedMs: 0 });
  });

  it('stays overdue when the case is closed: closing stops no clock', () => {
    const closed = event('x1', 'CaseClosed', '2024-03-04T12:00:00Z', { outcomeCode: 16 });
    expect(clockOf('crime-recorded', [report, closed], { now: '2024-03-06T09:00:00Z' })).toMatchObject({ status: 'overdue', overdueByMs: 24 * HOUR });
  });

  it('has no clock before any report', () => {
    expect(clocksOf('crime-recorded', [crimeAt('2024-03-05T08:00:00Z')], { now: '2024-03-10T00:00:00Z' })).toEqual([]);
  });
});

describe("referral-to-childrens-social-care: first report to a referral to children's social care or the MASH within 24 hours", () => {
  const referral = (id: string, to: 'school' | 'mash' | 'childrens-social-care', occurredAt: string) => event(id, 'ReferralMade', occurredAt, { to });

  it('is met by a referral to the MASH and not stopped by one to a school', () => {
    const events = [report, referral('f1', 'school', '2024-03-04T10:00:00Z'), referral('f2', 'mash', '2024-03-04T16:00:00Z')];
    expect(clockOf('referral-to-childrens-social-care', events, { now: '2024-03-10T00:00:00Z' })).toMatchObject({
      status: 'met',
      stopEventId: 'f2',
      elapsedMs: 7 * HOUR,
    });
  });

  it("is breached by a late referral to children's social care", () => {
    const events = [report, referral('f1', 'childrens-social-care', '2024-03-05T10:00:00Z')];
    expect(clockOf('referral-to-childrens-social-care', events, { now: '2024-03-10T00:00:00Z' })).toMatchObject({ status: 'breached', overdueByMs: HOUR });
  });

  it('is overdue when only a school was told', () => {
    const events = [report, referral('f1', 'school', '2024-03-04T10:00:00Z')];
    expect(clockOf('referral-to-childrens-social-care', events, { now: '2024-03-05T10:00:00Z' })).toMatchObject({ status: 'overdue', overdueByMs: HOUR });
  });
});

describe("strategy-discussion: first referral to children's social care or the MASH to a strategy discussion within 3 working days", () => {
  // Thursday 7 March 2024, 15:00 GMT: due at the end of Tuesday 12 March.
  const referral = event('f2', 'ReferralMade', '2024-03-07T15:00:00Z', { to: 'childrens-social-care', urgency: 'urgent' });
  const toSchool = event('f1', 'ReferralMade', '2024-03-05T09:00:00Z', { to: 'school' });
  const held = (occurredAt: string) => event('s1', 'StrategyDiscussionHeld', occurredAt, { agencies: ['childrens-social-care'] });

  it('starts only at a referral to one of those agencies', () => {
    expect(clocksOf('strategy-discussion', [report, toSchool], { now: '2024-03-20T00:00:00Z' })).toEqual([]);
    expect(clockOf('strategy-discussion', [report, toSchool, referral], { now: '2024-03-08T00:00:00Z' }).startEventId).toBe('f2');
  });

  it('is met on the third working day, counting the working days elapsed', () => {
    expect(clockOf('strategy-discussion', [referral, held('2024-03-12T16:00:00Z')], { now: '2024-03-20T00:00:00Z' })).toEqual({
      ruleId: 'strategy-discussion',
      cycleKey: 'first',
      startEventId: 'f2',
      startedAt: '2024-03-07T15:00:00.000Z',
      stopEventId: 's1',
      stoppedAt: '2024-03-12T16:00:00.000Z',
      dueAt: '2024-03-12T23:59:59.999Z',
      status: 'met',
      elapsedMs: 5 * 24 * HOUR + HOUR,
      workingDaysElapsed: 3,
    });
  });

  it('is breached on the fourth working day', () => {
    expect(clockOf('strategy-discussion', [referral, held('2024-03-13T10:00:00Z')], { now: '2024-03-20T00:00:00Z' })).toMatchObject({
      status: 'breached',
      overdueByMs: 10 * HOUR + 1,
      workingDaysElapsed: 4,
    });
  });

  it('is running on Monday and overdue on Wednesday', () => {
    expect(clockOf('strategy-discussion', [referral], { now: '2024-03-11T10:00:00Z' })).toMatchObject({ status: 'running', workingDaysElapsed: 2 });
    expect(clockOf('strategy-discussion', [referral], { now: '2024-03-13T09:00:00Z' })).toMatchObject({
      status: 'overdue',
      overdueByMs: 9 * HOUR + 1,
      workingDaysElapsed: 4,
    });
  });
});

describe('first-victim-contact: first report to contact with the victim within 24 hours', () => {
  const contact = (id: string, withWhom: 'victim' | 'parent-carer', occurredAt: string) =>
    event(id, 'ContactMade', occurredAt, { with: withWhom, method: 'phone', direction: 'outbound', purpose: 'safeguarding' });

  it('is met by contact with the victim, not with a parent', () => {
    const events = [report, contact('k1', 'parent-carer', '2024-03-04T10:00:00Z'), contact('k2', 'victim', '2024-03-05T03:00:00Z')];
    expect(clockOf('first-victim-contact', events, { now: '2024-03-10T00:00:00Z' })).toMatchObject({ status: 'met', stopEventId: 'k2', elapsedMs: 18 * HOUR });
  });

  it('is breached by a late contact and overdue without one', () => {
    expect(clockOf('first-victim-contact', [report, contact('k2', 'victim', '2024-03-05T11:00:00Z')], { now: '2024-03-10T00:00:00Z' })).toMatchObject({
      status: 'breached',
      overdueByMs: 2 * HOUR,
    });
    expect(clockOf('first-victim-contact', [report, contact('k1', 'parent-carer', '2024-03-04T10:00:00Z')], { now: '2024-03-05T10:00:00Z' })).toMatchObject({
      status: 'overdue',
    });
  });
});

describe('victim-support-referral: first crime record to a referral to support within 2 working days', () => {
  // Tuesday 5 March 2024, 15:00 GMT: due at the end of Thursday 7 March.
  const crime = event('c1', 'CrimeRecorded', '2024-03-05T15:00:00Z');
  const referred = (occurredAt: string) => event('v1', 'VictimReferredToSupport', occurredAt, { service: 'chisva' });

  it('is met on Thursday and breached on Friday', () => {
    expect(clockOf('victim-support-referral', [crime, referred('2024-03-07T17:00:00Z')], { now: '2024-03-20T00:00:00Z' })).toMatchObject({
      status: 'met',
      dueAt: '2024-03-07T23:59:59.999Z',
      workingDaysElapsed: 2,
    });
    expect(clockOf('victim-support-referral', [crime, referred('2024-03-08T09:00:00Z')], { now: '2024-03-20T00:00:00Z' })).toMatchObject({
      status: 'breached',
      overdueByMs: 9 * HOUR + 1,
      workingDaysElapsed: 3,
    });
  });

  it('is running on Wednesday and overdue the next Monday', () => {
    expect(clockOf('victim-support-referral', [crime], { now: '2024-03-06T12:00:00Z' })).toMatchObject({ status: 'running', workingDaysElapsed: 1 });
    expect(clockOf('victim-support-referral', [crime], { now: '2024-03-11T09:00:00Z' })).toMatchObject({ status: 'overdue', workingDaysElapsed: 4 });
  });
});

describe('report-to-charge: first report to the first charge, measured only', () => {
  it('is open until a charge, which an NFA decision is not, and completed by one', () => {
    const nfa = event('d1', 'ChargingDecisionMade', '2024-04-01T10:00:00Z', { suspectRef: 'S-1', by: 'cps', outcome: 'nfa-evidential' });
    const charged = event('d2', 'ChargingDecisionMade', '2024-05-01T09:00:00Z', { suspectRef: 'S-2', by: 'cps', outcome: 'charged', test: 'full-code' });
    expect(clockOf('report-to-charge', [report, nfa], { now: '2024-04-04T09:00:00Z' })).toEqual({
      ruleId: 'report-to-charge',
      cycleKey: 'first',
      startEventId: 'r1',
      startedAt: '2024-03-04T09:00:00.000Z',
      status: 'open',
      elapsedMs: 31 * 24 * HOUR,
    });
    expect(clockOf('report-to-charge', [report, nfa, charged], { now: '2024-06-01T00:00:00Z' })).toEqual({
      ruleId: 'report-to-charge',
      cycleKey: 'first',
      startEventId: 'r1',
      startedAt: '2024-03-04T09:00:00.000Z',
      stopEventId: 'd2',
      stoppedAt: '2024-05-01T09:00:00.000Z',
      status: 'completed',
      elapsedMs: 58 * 24 * HOUR,
    });
  });
});
