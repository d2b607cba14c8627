import { correctedHistory, HistoryEvent } from '../timeline/corrected-history';
import * as fc from 'fast-check';
import { DateTime } from 'luxon';
import { londonMonth, summariseCase } from './case-summary';

let n = 0;
function e(type: string, occurredAt: string, data: Record<string, unknown> = {}, recordedAt = occurredAt): HistoryEvent {
  n++;
  return { eventId: `e${n}`, type, occurredAt, recordedAt, data };
}

const opened = e('CaseOpened', '2024-03-04T09:00:00Z', {
  force: 'west-yorkshire',
  area: 'leeds',
  jurisdiction: 'england',
  victim: { ref: 'V1', ageAtReport: 14, sex: 'female', ethnicity: 'not-stated' },
});

describe('what the read models keep about a case', () => {
  it('takes the force, area and victim facts from the opening, treating not-stated as not recorded', () => {
    const summary = summariseCase('c1', correctedHistory([opened]))!;
    expect(summary).toMatchObject({ force: 'west-yorkshire', area: 'leeds', status: 'open', riskLevel: null });
    expect(summary.quality).toMatchObject({ victimEthnicityRecorded: false, victimSexRecorded: true, victimAgeRecorded: true, events: 1 });
  });

  it('follows closures and reopenings in the order they were recorded', () => {
    const closed = e('CaseClosed', '2024-04-01T10:00:00Z', { outcomeCode: 16 });
    const reopened = e('CaseReopened', '2024-05-01T10:00:00Z', { reason: 'New evidence' });
    expect(summariseCase('c1', correctedHistory([opened, closed]))).toMatchObject({ status: 'closed', outcomeCode: 16, closedAt: '2024-04-01T10:00:00Z' });
    expect(summariseCase('c1', correctedHistory([opened, closed, reopened]))).toMatchObject({ status: 'open', outcomeCode: null, closedAt: null });
  });

  it('uses the latest risk level as corrected, and counts late recordings, suspects, crimes and findings', () => {
    const risk = e('RiskAssessed', '2024-03-04T10:00:00Z', { level: 'medium' });
    const fix = e('EntryCorrected', '2024-03-05T10:00:00Z', { correctsEventId: risk.eventId, data: { level: 'very-high' }, reason: 'Typo' });
    const suspect = e('SuspectIdentified', '2024-03-06T10:00:00Z', { suspectRef: 'S1', sex: 'male' }, '2024-03-08T10:00:00Z');
    const crime = e('CrimeRecorded', '2024-03-04T11:00:00Z', { crimeRef: 'C1', offence: 'x', cseFlag: true, groupBasedFlag: false });
    const finding = e('RecordQualityFinding', '2024-03-09T10:00:00Z', { kind: 'victim-blaming-language' });
    const summary = summariseCase('c1', correctedHistory([opened, risk, fix, suspect, crime, finding]))!;
    expect(summary.riskLevel).toBe('very-high');
    expect(summary.quality).toMatchObject({
      events: 5,
      lateEvents: 1,
      suspects: 1,
      suspectSexRecorded: 1,
      suspectEthnicityRecorded: 0,
      suspectAgeRecorded: 0,
      crimes: 1,
      crimesCseFlagged: 1,
      crimesGroupBasedFlagged: 0,
    });
    expect(summary.findings).toEqual({ 'victim-blaming-language': 1 });
  });

  it('counts breaches against their disruption action, in its Europe/London month, and leaves out retracted entries', () => {
    const notice = e('DisruptionActionTaken', '2024-06-30T23:30:00Z', { tool: 'child-abduction-warning-notice', targetKind: 'person' });
    const breach = e('DisruptionBreached', '2024-07-02T10:00:00Z', { disruptionEventId: notice.eventId });
    const charge = e('ChargingDecisionMade', '2024-07-03T10:00:00Z', { suspectRef: 'S1', by: 'cps', outcome: 'charged', test: 'full-code' });
    const retracted = e('EntryRetracted', '2024-07-04T10:00:00Z', { retractsEventId: charge.eventId, reason: 'Wrong case' });
    const summary = summariseCase('c1', correctedHistory([opened, notice, breach, charge, retracted]))!;
    expect(summary.disruptions).toEqual([expect.objectContaining({ tool: 'child-abduction-warning-notice', breaches: 1, occurredMonth: '2024-07' })]);
    expect(summary.charging).toEqual([]);
  });

  it('puts an instant in the month London was in then, as luxon does, across clock changes and year ends', () => {
    const luxonMonth = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/London' }).toFormat('yyyy-MM');
    // The last hour of summer-time months and the first of the next, in both offsets.
    for (const at of ['2024-03-31T23:30:00Z', '2024-10-31T23:30:00Z', '2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00Z', '2024-05-31T23:00:00Z', '2024-05-31T22:59:59.999Z']) {
      expect(londonMonth(Date.parse(at))).toBe(luxonMonth(Date.parse(at)));
    }
    expect(londonMonth(Date.parse('2024-05-31T23:00:00Z'))).toBe('2024-06');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => londonMonth(ms) === luxonMonth(ms)),
      { seed: 6, numRuns: 5000 },
    );
  });
});
