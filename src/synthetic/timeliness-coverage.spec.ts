import { measure } from '../timeliness/measure';
import type { ClockStatus } from '../timeliness/model';
import { ENGLAND_AND_WALES_V1 } from '../timeliness/rulesets/england-and-wales.v1';
import { generateCases, measurable, NOW } from './testing/cases';

/** A rule with a limit can be met, breached, running or overdue; a measure-only one completed or open. */
function reachable(limited: boolean): ClockStatus[] {
  return limited ? ['breached', 'met', 'overdue', 'running'] : ['completed', 'open'];
}

function statusesByRule(seed: number, count: number, now: Date): Map<string, Set<ClockStatus>> {
  const seen = new Map<string, Set<ClockStatus>>(ENGLAND_AND_WALES_V1.rules.map((rule) => [rule.id, new Set()]));
  for (const { events } of generateCases(seed, count, now)) {
    for (const clock of measure(events.map(measurable), ENGLAND_AND_WALES_V1, { now })) seen.get(clock.ruleId)?.add(clock.status);
  }
  return seen;
}

describe('generated cases measured with england-and-wales v1', () => {
  it.each([
    [1, 500, NOW],
    [42, 400, new Date('2025-01-15T09:30:00Z')],
  ])('show every status each rule can reach (seed %i, %i cases, at %s)', (seed, count, now) => {
    const seen = statusesByRule(seed, count, now);
    const expected = Object.fromEntries(ENGLAND_AND_WALES_V1.rules.map((rule) => [rule.id, reachable(rule.limit !== null)]));
    const actual = Object.fromEntries([...seen].map(([ruleId, statuses]) => [ruleId, [...statuses].sort()]));
    expect(actual).toEqual(expected);
  });

  it('measure pre-charge bail under both limits: 28 days before 28 October 2022, three months from then', () => {
    const limits = new Set<string>();
    for (const { events } of generateCases(1, 500)) {
      for (const clock of measure(events.map(measurable), ENGLAND_AND_WALES_V1, { now: NOW })) {
        if (clock.ruleId !== 'pre-charge-bail' || clock.dueAt === undefined) continue;
        const days = Math.round((Date.parse(clock.dueAt) - Date.parse(clock.startedAt)) / 86_400_000);
        limits.add(days === 28 ? '28 days' : days >= 89 && days <= 92 ? '3 months' : `${days} days`);
      }
    }
    expect([...limits].sort()).toEqual(['28 days', '3 months']);
  });
});
