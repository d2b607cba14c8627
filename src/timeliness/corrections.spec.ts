/** What was known when: the as-of cut, corrections and retractions, each seen before and after it was recorded. */
import { clockOf, clocksOf, event, HOUR } from './testing/history';

// Report on Monday 4 March 2024, 09:00; the crime record is entered as 15:00 the next day (late).
const report = event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'victim', channel: 'online' });
const crime = event('c1', 'CrimeRecorded', '2024-03-05T15:00:00Z', { crimeRef: 'WY-1' });
const correct = (id: string, target: string, recordedAt: string, change: { occurredAt?: string; data?: Record<string, unknown> }) =>
  event(id, 'EntryCorrected', recordedAt, { correctsEventId: target, reason: 'Entered wrongly.', ...change });
const retract = (id: string, target: string, recordedAt: string) => event(id, 'EntryRetracted', recordedAt, { retractsEventId: target, reason: 'Wrong case.' });

describe('as of a date', () => {
  it('knows only what had been recorded by then, even of what had happened by then', () => {
    // Recorded at 08:00 on Tuesday, but entered only on Wednesday.
    const lateEntry = event('c1', 'CrimeRecorded', '2024-03-05T08:00:00Z', { crimeRef: 'WY-1' }, '2024-03-06T10:00:00Z');
    expect(clockOf('crime-recorded', [report, lateEntry], { asOf: '2024-03-05T12:00:00Z' })).toMatchObject({ status: 'overdue', overdueByMs: 3 * HOUR });
    expect(clockOf('crime-recorded', [report, lateEntry], { asOf: '2024-03-06T12:00:00Z' })).toMatchObject({ status: 'met', stopEventId: 'c1' });
  });

  it('evaluates at asOf, not at now', () => {
    const clock = clockOf('crime-recorded', [report], { asOf: '2024-03-04T12:00:00Z', now: '2030-01-01T00:00:00Z' });
    expect(clock).toMatchObject({ status: 'running', elapsedMs: 3 * HOUR });
  });

  it('lists no clock of a case reported after asOf', () => {
    expect(clocksOf('crime-recorded', [report], { asOf: '2024-03-04T08:59:59.999Z' })).toEqual([]);
  });

  it('does not start a clock on an event that, at T, has not happened yet', () => {
    // Recorded at 08:57 with occurredAt 09:00 (the catalogue allows five minutes ahead of the server clock).
    const ahead = event('r1', 'ReportReceived', '2024-03-04T09:00:00Z', { source: 'victim', channel: 'online' }, '2024-03-04T08:57:00Z');
    expect(clocksOf('crime-recorded', [ahead], { now: '2024-03-04T08:58:00Z' })).toEqual([]);
    expect(clockOf('crime-recorded', [ahead], { now: '2024-03-04T09:00:00Z' })).toMatchObject({ status: 'running', elapsedMs: 0 });
  });
});

describe('a correction that moves occurredAt', () => {
  // Recorded on Wednesday at 10:00: the crime was in fact recorded at 08:00 on Tuesday.
  const moved = correct('k1', 'c1', '2024-03-06T10:00:00Z', { occurredAt: '2024-03-05T08:00:00Z' });

  it('does not apply as of a date before it was recorded: the original verdict stands', () => {
    expect(clockOf('crime-recorded', [report, crime, moved], { asOf: '2024-03-06T09:59:59.999Z' })).toMatchObject({
      status: 'breached',
      stoppedAt: '2024-03-05T15:00:00.000Z',
    });
  });

  it('turns the breach into met from the moment it was recorded', () => {
    expect(clockOf('crime-recorded', [report, crime, moved], { asOf: '2024-03-06T10:00:00Z' })).toMatchObject({
      status: 'met',
      stoppedAt: '2024-03-05T08:00:00.000Z',
      elapsedMs: 23 * HOUR,
    });
    expect(clockOf('crime-recorded', [moved, crime, report], { now: '2024-04-01T00:00:00Z' }).status).toBe('met');
  });

  it('applies several corrections of one entry in the order they were recorded, whatever the input order', () => {
    const first = correct('k1', 'c1', '2024-03-06T10:00:00Z', { occurredAt: '2024-03-05T08:00:00Z' });
    const second = correct('k2', 'c1', '2024-03-07T10:00:00Z', { occurredAt: '2024-03-05T12:00:00Z' });
    for (const events of [[report, crime, first, second], [second, first, crime, report]]) {
      expect(clockOf('crime-recorded', events, { now: '2024-04-01T00:00:00Z' })).toMatchObject({ status: 'breached', overdueByMs: 3 * HOUR });
      expect(clockOf('crime-recorded', events, { asOf: '2024-03-06T12:00:00Z' }).status).toBe('met');
    }
  });

  it('breaks a tie in recordedAt by eventId', () => {
    const a = correct('k-a', 'c1', '2024-03-06T10:00:00Z', { occurredAt: '2024-03-05T12:00:00Z' });
    const b = correct('k-b', 'c1', '2024-03-06T10:00:00Z', { occurredAt: '2024-03-05T08:00:00Z' });
    expect(clockOf('crime-recorded', [report, crime, b, a], { now: '2024-04-01T00:00:00Z' }).status).toBe('met');
  });

  it('moves the start of a clock too', () => {
    const arrest = event('a1', 'SuspectArrested', '2024-03-11T10:00:00Z', { suspectRef: 'S-1' });
    const bailed = event('b1', 'BailDecision', '2024-03-12T09:00:00Z', { suspectRef: 'S-1', kind: 'released-under-investigation' });
    const earlier = correct('k3', 'a1', '2024-03-13T10:00:00Z', { occurredAt: '2024-03-11T08:00:00Z' });
    expect(clockOf('pace-detention', [arrest, bailed], { now: '2024-04-01T00:00:00Z' }).status).toBe('met');
    expect(clockOf('pace-detention', [arrest, bailed, earlier], { now: '2024-04-01T00:00:00Z' })).toMatchObject({
      status: 'breached',
      startedAt: '2024-03-11T08:00:00.000Z',
      overdueByMs: HOUR,
    });
  });
});

describe('a correction of data', () => {
  const toSchool = event('f1', 'ReferralMade', '2024-03-04T12:00:00Z', { to: 'school', urgency: 'urgent' });
  const toMash = correct('k1', 'f1', '2024-03-08T09:00:00Z', { data: { to: 'mash' } });

  it('changes which rules the entry meets, from when it was recorded', () => {
    expect(clockOf('referral-to-childrens-social-care', [report, toSchool, toMash], { asOf: '2024-03-07T00:00:00Z' }).status).toBe('overdue');
    expect(clockOf('referral-to-childrens-social-care', [report, toSchool, toMash], { asOf: '2024-03-08T09:00:00Z' })).toMatchObject({
      status: 'met',
      stopEventId: 'f1',
    });
    expect(clockOf('strategy-discussion', [report, toSchool, toMash], { asOf: '2024-03-08T09:00:00Z' }).startEventId).toBe('f1');
  });

  it('is not applied once it is itself retracted', () => {
    const undone = retract('x1', 'k1', '2024-03-09T09:00:00Z');
    expect(clockOf('referral-to-childrens-social-care', [report, toSchool, toMash, undone], { now: '2024-03-10T00:00:00Z' }).status).toBe('overdue');
  });
});

describe('a retraction', () => {
  const metCrime = event('c1', 'CrimeRecorded', '2024-03-05T08:00:00Z', { crimeRef: 'WY-1' });

  it('of the stop re-opens the clock, from when it was recorded', () => {
    const retracted = retract('x1', 'c1', '2024-03-06T10:00:00Z');
    expect(clockOf('crime-recorded', [report, metCrime, retracted], { asOf: '2024-03-06T09:00:00Z' }).status).toBe('met');
    expect(clockOf('crime-recorded', [report, metCrime, retracted], { asOf: '2024-03-06T10:00:00Z' })).toMatchObject({
      status: 'overdue',
      overdueByMs: 25 * HOUR,
    });
  });

  it('of the start moves the clock to the next start event, or removes it', () => {
    const second = event('r2', 'ReportReceived', '2024-03-04T20:00:00Z', { source: 'police', channel: 'intelligence' });
    const retracted = retract('x1', 'r1', '2024-03-06T10:00:00Z');
    expect(clockOf('crime-recorded', [report, second, metCrime, retracted], { now: '2024-03-07T00:00:00Z' })).toMatchObject({
      startEventId: 'r2',
      status: 'met',
      elapsedMs: 12 * HOUR,
    });
    expect(clocksOf('crime-recorded', [report, metCrime, retracted], { now: '2024-03-07T00:00:00Z' })).toEqual([]);
  });
});
