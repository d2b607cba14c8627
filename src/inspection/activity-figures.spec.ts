/** Data quality, disruption and charging over the index, against figures worked out by hand. */
import { charging, dataQuality, disruption, periodOf } from './activity-figures';
import { CaseFacts, InspectionIndex, QualityRow } from './inspection-index';

const quality = (overrides: Partial<QualityRow> = {}): QualityRow => ({
  events: 10, lateEvents: 1, victimEthnicity: 1, victimSex: 1, victimAge: 0, suspects: 2, suspectEthnicity: 1, suspectSex: 2, suspectAge: 0,
  crimes: 1, crimesCse: 1, crimesGroup: 0, outcomeCode: null, findings: {}, ...overrides,
});
const facts = (force: string, openedAt: string): CaseFacts => ({ force, area: null, riskLevel: null, openedAtMs: Date.parse(openedAt) });

function given(cases: Array<{ id: string; facts: CaseFacts; quality: QualityRow; disruptions?: Array<[string, string, number]>; charging?: Array<[string, string, string]> }>) {
  const index = new InspectionIndex();
  for (const c of cases) {
    const slot = index.putCase(c.id, c.facts);
    index.addQuality(slot, c.quality);
    for (const [at, tool, breaches] of c.disruptions ?? []) index.addDisruption(slot, { occurredAtMs: Date.parse(at), occurredMonth: at.slice(0, 7), tool, breaches });
    for (const [at, outcome, decidedBy] of c.charging ?? []) index.addCharging(slot, { occurredAtMs: Date.parse(at), occurredMonth: at.slice(0, 7), outcome, decidedBy });
  }
  return index;
}

describe('activity figures over the index', () => {
  const index = given([
    { id: 'a', facts: facts('west-yorkshire', '2024-01-10T10:00:00Z'), quality: quality({ findings: { 'missing-data': 1 }, outcomeCode: 16 }), disruptions: [['2024-01-15T10:00:00Z', 'vehicle-marker', 1]] },
    {
      id: 'b',
      facts: facts('merseyside', '2024-02-10T10:00:00Z'),
      quality: quality({ victimAge: 1, findings: { 'victim-blaming-language': 2, 'missing-data': 1 }, outcomeCode: 2 }),
      disruptions: [['2024-02-15T10:00:00Z', 'child-abduction-warning-notice', 0], ['2024-04-01T10:00:00Z', 'vehicle-marker', 2]],
      charging: [['2024-03-01T10:00:00Z', 'charged', 'cps'], ['2024-03-20T10:00:00Z', 'nfa-evidential', 'police']],
    },
    { id: 'c', facts: facts('merseyside', '2024-04-10T10:00:00Z'), quality: quality({ events: 4, lateEvents: 0 }), charging: [['2024-04-20T10:00:00Z', 'charged', 'cps']] },
  ]);

  it('given three cases, when data quality is asked for, then it sums their facts, findings in the order they first appear, and outcomes by code', () => {
    const [all] = dataQuality(index, {}, false);
    expect(all.key).toBeNull();
    expect(all.figures).toMatchObject({
      cases: 3,
      recording: { events: 24, recordedOver24hAfter: 2, share: 2 / 24 },
      victims: { ageRecorded: 1, ageShare: 1 / 3 },
      suspects: { identified: 6, sexRecorded: 6, sexShare: 1 },
      outcomes: { closed: 2, byCode: { '2': 1, '16': 1 }, victimDoesNotSupport: { code: 16, count: 1, share: 0.5 } },
    });
    expect(Object.entries(all.figures.findings)).toEqual([['missing-data', 2], ['victim-blaming-language', 2]]);
    expect(dataQuality(index, { forces: ['merseyside'], fromMs: Date.parse('2024-03-01') }, true).map((g) => [g.key, g.figures.cases])).toEqual([['merseyside', 1]]);
    expect(dataQuality(index, {}, true).map((g) => g.key)).toEqual(['merseyside', 'west-yorkshire']);
  });

  it('given no case within the filters, then data quality has one empty total', () => {
    const [all] = dataQuality(index, { forces: ['cumbria'] }, false);
    expect(all.figures).toMatchObject({ cases: 0, recording: { events: 0, share: null }, findings: {}, outcomes: { closed: 0, byCode: {} } });
    expect(dataQuality(index, { forces: ['cumbria'] }, true)).toEqual([]);
  });

  it('given disruption actions, then they are counted by tool, force and month, quarter or year', () => {
    expect(disruption(index, {}, 'month')).toEqual({
      total: 3,
      breaches: 3,
      byTool: { 'child-abduction-warning-notice': 1, 'vehicle-marker': 2 },
      byForce: [
        { force: 'merseyside', count: 2, byTool: { 'child-abduction-warning-notice': 1, 'vehicle-marker': 1 } },
        { force: 'west-yorkshire', count: 1, byTool: { 'vehicle-marker': 1 } },
      ],
      byPeriod: [
        { period: '2024-01', count: 1, byTool: { 'vehicle-marker': 1 } },
        { period: '2024-02', count: 1, byTool: { 'child-abduction-warning-notice': 1 } },
        { period: '2024-04', count: 1, byTool: { 'vehicle-marker': 1 } },
      ],
    });
    expect(disruption(index, {}, 'quarter').byPeriod).toEqual([
      { period: '2024-Q1', count: 2, byTool: { 'child-abduction-warning-notice': 1, 'vehicle-marker': 1 } },
      { period: '2024-Q2', count: 1, byTool: { 'vehicle-marker': 1 } },
    ]);
    expect(disruption(index, { toMs: Date.parse('2024-02-01') }, 'year')).toMatchObject({ total: 1, breaches: 1, byPeriod: [{ period: '2024', count: 1 }] });
  });

  it('given charging decisions, then they are counted by outcome, decider, force and period', () => {
    expect(charging(index, {}, 'quarter')).toEqual({
      total: 3,
      byOutcome: { charged: 2, 'nfa-evidential': 1 },
      byForce: [{ force: 'merseyside', count: 3, byOutcome: { charged: 2, 'nfa-evidential': 1 } }],
      byPeriod: [
        { period: '2024-Q1', count: 2, byOutcome: { charged: 1, 'nfa-evidential': 1 } },
        { period: '2024-Q2', count: 1, byOutcome: { charged: 1 } },
      ],
      byDecider: { cps: 2, police: 1 },
    });
  });

  it('names the quarter and year of a month', () => {
    expect(['2024-01', '2024-03', '2024-04', '2024-12'].map((m) => periodOf(m, 'quarter'))).toEqual(['2024-Q1', '2024-Q1', '2024-Q2', '2024-Q4']);
    expect(periodOf('2024-12', 'year')).toBe('2024');
  });
});
