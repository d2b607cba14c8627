/** The engine itself, apart from any one shipped rule: order, custom rules, and what it refuses. */
import { InvalidRulesetError } from './compile';
import { measure } from './measure';
import type { RuleDef, RulesetDef } from './model';
import { deepFreeze } from './rulesets/deep-freeze';
import { ENGLAND_AND_WALES_V1 } from './rulesets/england-and-wales.v1';
import { clockOf, clocksOf, event, HOUR, measureAt } from './testing/history';

const rule = (overrides: Partial<RuleDef>): RuleDef => ({
  id: 'custom',
  title: 'A local rule',
  source: { text: 'Local target', kind: 'local-target' },
  start: { type: 'ReportReceived', occurrence: 'first' },
  stop: { type: 'CrimeRecorded' },
  limit: [{ effectiveFrom: '2020-01-01', duration: 'PT12H' }],
  calendar: 'england-and-wales',
  ...overrides,
});
const rulesetOf = (...rules: RuleDef[]): RulesetDef => ({ id: 'local', version: 1, title: 'Local', rules });

describe('measure', () => {
  it('lists clocks in the order of the rules, then by start, whatever the order of the events', () => {
    const events = [
      event('b1', 'BailDecision', '2024-03-11T20:00:00Z', { suspectRef: 'S-2', kind: 'released-under-investigation' }),
      event('a2', 'SuspectArrested', '2024-03-11T11:00:00Z', { suspectRef: 'S-2' }),
      event('a1', 'SuspectArrested', '2024-03-11T10:00:00Z', { suspectRef: 'S-1' }),
      event('r1', 'ReportReceived', '2024-03-10T09:00:00Z', { source: 'victim', channel: 'online' }),
    ];
    const clocks = measureAt(events, { now: '2024-03-12T00:00:00Z' });
    expect(clocks.map((c) => `${c.ruleId}/${c.cycleKey}`)).toEqual([
      'crime-recorded/first',
      'referral-to-childrens-social-care/first',
      'first-victim-contact/first',
      'victim-informed/a1',
      'victim-informed/a2',
      'victim-informed/b1',
      'pace-detention/a1',
      'pace-detention/a2',
      'report-to-charge/first',
    ]);
  });

  it('writes a clock with its members in the order DESIGN.md shows them', () => {
    const events = [
      event('f1', 'ReferralMade', '2024-03-07T15:00:00Z', { to: 'mash' }),
      event('s1', 'StrategyDiscussionHeld', '2024-03-13T10:00:00Z', { agencies: ['mash'] }),
    ];
    expect(Object.keys(clockOf('strategy-discussion', events, { now: '2024-03-20T00:00:00Z' }))).toEqual([
      'ruleId',
      'cycleKey',
      'startEventId',
      'startedAt',
      'stopEventId',
      'stoppedAt',
      'dueAt',
      'status',
      'elapsedMs',
      'overdueByMs',
      'workingDaysElapsed',
    ]);
  });

  it('starts a first-occurrence rule of several types at the earliest event of any of them', () => {
    const ruleset = rulesetOf(rule({ start: { type: ['ReportReceived', 'ReferralMade'], occurrence: 'first' } }));
    const events = [
      event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'school', channel: 'online' }),
      event('f1', 'ReferralMade', '2024-03-04T08:00:00Z', { to: 'school' }),
    ];
    expect(clockOf('custom', events, { now: '2024-03-04T10:00:00Z' }, ruleset)).toMatchObject({ startEventId: 'f1', status: 'running' });
  });

  it('matches on a field only when the start carries it: an absent reference ties nothing together', () => {
    const ruleset = rulesetOf(
      rule({
        start: { type: 'InformationRequested', occurrence: 'each' },
        stop: { type: 'InformationShared', where: { direction: ['from-agency'] }, match: ['requestRef'] },
        limit: [{ effectiveFrom: '2020-01-01', workingDays: 5 }],
      }),
    );
    const events = [
      event('q1', 'InformationRequested', '2024-03-04T09:00:00Z', { requestRef: 'IR-1', agency: 'health' }),
      event('x1', 'InformationShared', '2024-03-05T09:00:00Z', { agency: 'health', direction: 'from-agency' }),
      event('x2', 'InformationShared', '2024-03-06T09:00:00Z', { agency: 'health', direction: 'to-agency', requestRef: 'IR-1' }),
      event('x3', 'InformationShared', '2024-03-07T09:00:00Z', { agency: 'health', direction: 'from-agency', requestRef: 'IR-1' }),
    ];
    expect(clockOf('custom', events, { now: '2024-03-20T00:00:00Z' }, ruleset)).toMatchObject({ stopEventId: 'x3', status: 'met', workingDaysElapsed: 3 });
    const withoutRef = [event('q2', 'InformationRequested', '2024-03-04T09:00:00Z', { agency: 'health' }), events[1]];
    expect(clockOf('custom', withoutRef, { now: '2024-03-20T00:00:00Z' }, ruleset)).toMatchObject({ status: 'overdue' });
  });

  it('measures without a due date a clock that started before the first limit took effect', () => {
    const ruleset = rulesetOf(rule({}));
    const events = [event('r1', 'ReportReceived', '2019-12-31T23:00:00Z', { source: 'school', channel: 'online' })];
    expect(clockOf('custom', events, { now: '2020-01-02T00:00:00Z' }, ruleset)).toMatchObject({ status: 'open', elapsedMs: 25 * HOUR });
  });

  it('keeps what it compiled per ruleset object: another version gives its own verdicts', () => {
    const events = [
      event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'school', channel: 'online' }),
      event('c1', 'CrimeRecorded', '2024-03-04T23:00:00Z'),
    ];
    const v2 = rulesetOf(rule({ id: 'crime-recorded' }));
    expect(clockOf('crime-recorded', events, { now: '2024-03-10T00:00:00Z' }).status).toBe('met');
    expect(clockOf('crime-recorded', events, { now: '2024-03-10T00:00:00Z' }, v2).status).toBe('breached');
  });

  it('reads every offset the catalogue admits, including an hour-only one, and never changes the events', () => {
    const events = deepFreeze([
      event('r1', 'ReportReceived', '2024-03-04T10:00:00+01', { source: 'school', channel: 'online' }, '2024-03-04T09:00:00Z'),
      event('c1', 'CrimeRecorded', '2024-03-05T02:30:00.000-0630', {}, '2024-03-05T09:00:00Z'),
      event('k1', 'EntryCorrected', '2024-03-05T10:00:00Z', { correctsEventId: 'c1', data: { crimeRef: 'C-2' }, reason: 'Typo.' }),
    ]);
    expect(clockOf('crime-recorded', events, { now: '2024-03-10T00:00:00Z' })).toMatchObject({
      startedAt: '2024-03-04T09:00:00.000Z',
      stoppedAt: '2024-03-05T09:00:00.000Z',
      status: 'met',
    });
  });

  it('refuses an instant it cannot read, or one without an offset, naming the event', () => {
    const bad = [event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'school', channel: 'online' })];
    expect(() => clocksOf('crime-recorded', [{ ...bad[0], occurredAt: '4 March 2024' }], { now: '2024-03-10T00:00:00Z' })).toThrow(/event r1/);
    expect(() => clocksOf('crime-recorded', [{ ...bad[0], occurredAt: '2024-03-04T09:00:00' }], { now: '2024-03-10T00:00:00Z' })).toThrow(RangeError);
    expect(() => measure(bad, ENGLAND_AND_WALES_V1, { now: new Date('nonsense') })).toThrow(RangeError);
  });

  it('refuses a ruleset that does not validate, with every problem', () => {
    const broken = rulesetOf(rule({ stop: { type: 'CrimeTeleported' } }), rule({ limit: [] }));
    const thrown = thrownBy(() => measure([], broken, { now: new Date('2024-03-10T00:00:00Z') }));
    expect(thrown).toBeInstanceOf(InvalidRulesetError);
    expect((thrown as InvalidRulesetError).errors.map((e) => e.path)).toEqual(['rules[0].stop.type', 'rules[1].limit', 'rules[1].id']);
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
