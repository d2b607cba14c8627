/**
 * The timeliness figures over the in-memory index equal the straightforward computation on the
 * same clock rows (filter, count each status, sort the elapsed times): read as
 *   given(cases).when({ nowMs, filters, groupBy }).then(...)
 */
import fc from 'fast-check';
import { compliance, emptyFigures, Figures, percentiles } from './figures';
import { percentilesByGroup } from './group-percentiles';
import type { GroupBy, InspectionFilters } from './inspection.filters';
import { CaseFacts, ClockRow, InspectionIndex } from './inspection-index';
import { RuleFigures, timelinessFigures } from './timeliness-figures';

const H = 3600_000;
const RULES = ['crime-recorded', 'first-victim-contact', 'report-to-charge'];

interface GivenCase extends CaseFacts {
  caseId: string;
  clocks: ClockRow[];
}

interface Question {
  nowMs: number;
  filters?: InspectionFilters;
  groupBy?: GroupBy;
}

function indexOf(cases: GivenCase[]): InspectionIndex {
  const index = new InspectionIndex();
  const clocks = index.addRuleset('england-and-wales', 1, RULES);
  for (const c of cases) {
    const slot = index.putCase(c.caseId, c);
    for (const clock of c.clocks) index.addClock(clocks, slot, clock);
  }
  return index;
}

function figuresFromIndex(index: InspectionIndex, question: Question): RuleFigures[] {
  return timelinessFigures(index, index.clocks('england-and-wales', 1)!, question.filters ?? {}, question.nowMs, question.groupBy);
}

/** The definitions, applied row by row: what SQL over the clocks table computed. */
function straightforward(cases: GivenCase[], question: Question): RuleFigures[] {
  const { filters = {}, nowMs, groupBy } = question;
  const rows = cases.flatMap((c) => c.clocks.map((clock) => ({ ...clock, c })));
  const within = rows.filter(
    (r) =>
      (!filters.forces?.length || filters.forces.includes(r.c.force)) &&
      (filters.fromMs === undefined || r.startedAtMs >= filters.fromMs) &&
      (filters.toMs === undefined || r.startedAtMs < filters.toMs),
  );
  const figuresOf = (list: typeof within): Figures => {
    const f = emptyFigures();
    for (const r of list) {
      f.clocks++;
      if (r.verdict === 'met' || r.verdict === 'breached' || r.verdict === 'completed') f[r.verdict]++;
      else if (r.verdict === null && r.dueAtMs === null) f.open++;
      else if (r.verdict === null) f[nowMs <= r.dueAtMs! ? 'running' : 'overdue']++;
    }
    const sorted = list.filter((r) => r.elapsedMs !== null).map((r) => r.elapsedMs!).sort((a, b) => a - b);
    const { median, p90 } = percentiles(sorted);
    return { ...f, compliance: compliance(f), medianElapsedMs: median, p90ElapsedMs: p90 };
  };
  return RULES.map((ruleId) => {
    const ofRule = within.filter((r) => r.ruleId === ruleId);
    const result: RuleFigures = { total: ofRule.length > 0 ? figuresOf(ofRule) : emptyFigures() };
    if (groupBy) {
      const keys = [...new Set(ofRule.map((r) => r.c[groupBy]))];
      result.groups = keys
        .map((key) => ({ key, ...figuresOf(ofRule.filter((r) => r.c[groupBy] === key)) }))
        .sort((a, b) => String(a.key).localeCompare(String(b.key)));
    }
    return result;
  });
}

function given(cases: GivenCase[]) {
  const index = indexOf(cases);
  return {
    index,
    when(question: Question) {
      const actual = figuresFromIndex(index, question);
      return {
        then(expected: Record<string, Partial<Figures> & { groups?: Array<{ key: string | null } & Partial<Figures>> }>) {
          expect(actual).toEqual(straightforward(cases, question));
          for (const [ruleId, figures] of Object.entries(expected)) {
            const { groups, ...total } = figures;
            const rule = actual[RULES.indexOf(ruleId)];
            expect(rule.total).toMatchObject(total);
            if (groups) expect(rule.groups).toMatchObject(groups);
          }
        },
      };
    },
  };
}

const T0 = Date.parse('2024-03-04T09:00:00Z');
let n = 0;
function aCase(force: string, clocks: ClockRow[], facts: Partial<CaseFacts> = {}): GivenCase {
  n++;
  return { caseId: `case-${n}`, force, area: 'leeds', riskLevel: 'high', openedAtMs: T0, ...facts, clocks };
}
const met = (ruleId: string, elapsedH: number, startedAtMs = T0): ClockRow => ({ ruleId, startedAtMs, dueAtMs: startedAtMs + 24 * H, verdict: 'met', elapsedMs: elapsedH * H });
const breached = (ruleId: string, elapsedH: number, startedAtMs = T0): ClockRow => ({ ruleId, startedAtMs, dueAtMs: startedAtMs + 24 * H, verdict: 'breached', elapsedMs: elapsedH * H });
const unstopped = (ruleId: string, startedAtMs = T0, limitH: number | null = 24): ClockRow => ({
  ruleId,
  startedAtMs,
  dueAtMs: limitH === null ? null : startedAtMs + limitH * H,
  verdict: null,
  elapsedMs: null,
});
const completed = (ruleId: string, elapsedH: number): ClockRow => ({ ruleId, startedAtMs: T0, dueAtMs: null, verdict: 'completed', elapsedMs: elapsedH * H });

describe('timeliness figures over the index', () => {
  it('counts each status, with compliance over met, breached and overdue, and the median of an odd count', () => {
    given([
      aCase('west-yorkshire', [met('crime-recorded', 2), unstopped('first-victim-contact')]),
      aCase('west-yorkshire', [breached('crime-recorded', 26), unstopped('report-to-charge', T0, null)]),
      aCase('merseyside', [met('crime-recorded', 10), completed('report-to-charge', 600)]),
    ])
      .when({ nowMs: T0 + 48 * H })
      .then({
        'crime-recorded': { clocks: 3, met: 2, breached: 1, compliance: 2 / 3, medianElapsedMs: 10 * H, p90ElapsedMs: 26 * H },
        'first-victim-contact': { clocks: 1, overdue: 1, compliance: 0, medianElapsedMs: null, p90ElapsedMs: null },
        'report-to-charge': { clocks: 2, completed: 1, open: 1, compliance: null, medianElapsedMs: 600 * H },
      });
  });

  it('takes the mean of the two middle values for an even count, and p90 by nearest rank', () => {
    const elapsed = [5, 1, 9, 3, 7, 6, 2, 8, 4, 10];
    given([aCase('merseyside', elapsed.map((h) => met('crime-recorded', h)))])
      .when({ nowMs: T0 })
      .then({ 'crime-recorded': { clocks: 10, met: 10, compliance: 1, medianElapsedMs: 5.5 * H, p90ElapsedMs: 9 * H } });
  });

  it('gives empty figures to a rule without clocks, and lists only the groups a rule has clocks in', () => {
    given([
      aCase('west-yorkshire', [met('crime-recorded', 2)]),
      aCase('merseyside', [met('crime-recorded', 4), met('first-victim-contact', 1)]),
    ])
      .when({ nowMs: T0, groupBy: 'force' })
      .then({
        'crime-recorded': { clocks: 2, medianElapsedMs: 3 * H, groups: [{ key: 'merseyside', clocks: 1 }, { key: 'west-yorkshire', clocks: 1 }] },
        'first-victim-contact': { clocks: 1, groups: [{ key: 'merseyside', clocks: 1, medianElapsedMs: 1 * H }] },
        'report-to-charge': { ...emptyFigures(), groups: [] },
      });
  });

  it('groups by area and risk level, a case without one under the key null', () => {
    const cases = [
      aCase('west-yorkshire', [met('crime-recorded', 2)], { area: null, riskLevel: null }),
      aCase('west-yorkshire', [met('crime-recorded', 4)], { area: 'bradford', riskLevel: 'low' }),
      aCase('merseyside', [breached('crime-recorded', 30)], { area: 'bradford', riskLevel: 'very-high' }),
    ];
    given(cases)
      .when({ nowMs: T0, groupBy: 'area' })
      .then({ 'crime-recorded': { groups: [{ key: 'bradford', clocks: 2, medianElapsedMs: 17 * H }, { key: null, clocks: 1 }] } });
    given(cases)
      .when({ nowMs: T0, groupBy: 'riskLevel' })
      .then({ 'crime-recorded': { groups: [{ key: 'low' }, { key: null }, { key: 'very-high', breached: 1 }] } });
  });

  it('keeps clocks of the forces asked for, started from `from` (included) to `to` (excluded)', () => {
    const cases = [
      aCase('west-yorkshire', [met('crime-recorded', 1, T0), met('crime-recorded', 2, T0 + 24 * H)]),
      aCase('merseyside', [met('crime-recorded', 3, T0 + 48 * H)]),
      aCase('cumbria', [met('crime-recorded', 4, T0 + 24 * H)]),
    ];
    given(cases)
      .when({ nowMs: T0, filters: { forces: ['merseyside', 'cumbria', 'no-such-force'] } })
      .then({ 'crime-recorded': { clocks: 2, medianElapsedMs: 3.5 * H } });
    given(cases)
      .when({ nowMs: T0, filters: { fromMs: T0 + 24 * H, toMs: T0 + 48 * H } })
      .then({ 'crime-recorded': { clocks: 2, medianElapsedMs: 3 * H } });
    given(cases)
      .when({ nowMs: T0, filters: { forces: ['no-such-force'] }, groupBy: 'force' })
      .then({ 'crime-recorded': { ...emptyFigures(), groups: [] } });
  });

  it('decides running or overdue against the time asked about: running up to the due instant, overdue after it', () => {
    const cases = [aCase('west-yorkshire', [unstopped('crime-recorded', T0, 24)]), aCase('merseyside', [unstopped('crime-recorded', T0, 48)])];
    const { index } = given(cases);
    const at = (nowMs: number) => figuresFromIndex(index, { nowMs })[0].total;
    expect(at(T0 + 24 * H)).toMatchObject({ running: 2, overdue: 0, compliance: null });
    expect(at(T0 + 24 * H + 1)).toMatchObject({ running: 1, overdue: 1, compliance: 0 });
    expect(at(T0 + 48 * H + 1)).toMatchObject({ running: 0, overdue: 2 });
    given(cases).when({ nowMs: T0 + 30 * H }).then({ 'crime-recorded': { running: 1, overdue: 1 } });
  });

  it('replaces a re-derived case\'s clocks, and moves it when its force changes', () => {
    const first = aCase('west-yorkshire', [breached('crime-recorded', 30), unstopped('first-victim-contact')]);
    const { index } = given([first, aCase('merseyside', [met('crime-recorded', 1)])]);
    const clocks = index.clocks('england-and-wales', 1)!;
    const slot = index.putCase(first.caseId, { ...first, force: 'merseyside' });
    index.addClock(clocks, slot, met('crime-recorded', 5));
    const view = figuresFromIndex(index, { nowMs: T0, groupBy: 'force' });
    expect(view[0].total).toMatchObject({ clocks: 2, met: 2, breached: 0, medianElapsedMs: 3 * H });
    expect(view[0].groups!.map((g) => [g.key, g.clocks])).toEqual([['merseyside', 2]]);
    expect(view[1].total).toEqual(emptyFigures());
  });

  it('stays equal after enough re-derivations to compact the rows away', () => {
    const cases = Array.from({ length: 2000 }, (_, i) => aCase(i % 2 ? 'merseyside' : 'cumbria', [met('crime-recorded', i % 50), breached('crime-recorded', 30), unstopped('first-victim-contact')]));
    const { index } = given(cases);
    const clocks = index.clocks('england-and-wales', 1)!;
    let latest = cases;
    for (let round = 1; round <= 3; round++) {
      latest = latest.map((c, i) => ({ ...c, force: round % 2 && i % 3 === 0 ? 'west-yorkshire' : c.force, clocks: [met('crime-recorded', (i * round) % 70), ...(i % 4 ? [unstopped('report-to-charge', T0, null)] : [])] }));
      for (const c of latest) {
        const slot = index.putCase(c.caseId, c);
        for (const r of c.clocks) index.addClock(clocks, slot, r);
      }
    }
    expect(clocks.length).toBeLessThan(clocks.live * 2);
    for (const groupBy of [undefined, 'force'] as const) {
      const question = { nowMs: T0, groupBy };
      expect(figuresFromIndex(index, question)).toEqual(straightforward(latest, question));
    }
  });

  it('counts a clock whose rule the ruleset does not have in no figure', () => {
    given([aCase('west-yorkshire', [met('crime-recorded', 1), met('retired-rule', 2)])])
      .when({ nowMs: T0 })
      .then({ 'crime-recorded': { clocks: 1, medianElapsedMs: 1 * H } });
  });

  it('equals the straightforward figures for any clocks, re-derivations, filters, time and grouping', () => {
    const FORCES = ['west-yorkshire', 'merseyside', 'cumbria'];
    const hours = fc.integer({ min: 0, max: 24 * 120 });
    const clock = fc.record({
      ruleId: fc.constantFrom(...RULES),
      startedAtMs: hours.map((h) => T0 + h * H),
      limitH: fc.option(fc.constantFrom(1, 24, 72), { nil: null }),
      stoppedAfterH: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    });
    const row = ({ ruleId, startedAtMs, limitH, stoppedAfterH }: { ruleId: string; startedAtMs: number; limitH: number | null; stoppedAfterH: number | null }): ClockRow => ({
      ruleId,
      startedAtMs,
      dueAtMs: limitH === null ? null : startedAtMs + limitH * H,
      verdict: stoppedAfterH === null ? null : limitH === null ? 'completed' : stoppedAfterH <= limitH ? 'met' : 'breached',
      elapsedMs: stoppedAfterH === null ? null : stoppedAfterH * H,
    });
    const aGivenCase = fc.record({
      id: fc.integer({ min: 1, max: 40 }),
      force: fc.constantFrom(...FORCES),
      area: fc.constantFrom('leeds', 'wirral', null),
      riskLevel: fc.constantFrom('low', 'high', null),
      clocks: fc.array(clock, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(aGivenCase, { maxLength: 120 }),
        hours,
        fc.option(fc.constantFrom<GroupBy>('force', 'area', 'riskLevel'), { nil: undefined }),
        fc.record({ forces: fc.option(fc.subarray([...FORCES, 'nowhere']), { nil: undefined }), fromH: fc.option(hours, { nil: undefined }), spanH: fc.option(hours, { nil: undefined }) }),
        (derivations, nowH, groupBy, f) => {
          // Later derivations of a case replace the earlier ones, as the read models do.
          const latest = new Map<string, GivenCase>();
          const index = new InspectionIndex();
          const clocks = index.addRuleset('england-and-wales', 1, RULES);
          for (const d of derivations) {
            const c: GivenCase = { caseId: `case-${d.id}`, force: d.force, area: d.area, riskLevel: d.riskLevel, openedAtMs: T0, clocks: d.clocks.map(row) };
            latest.set(c.caseId, c);
            const slot = index.putCase(c.caseId, c);
            for (const r of c.clocks) index.addClock(clocks, slot, r);
          }
          const filters: InspectionFilters = {
            forces: f.forces,
            fromMs: f.fromH === undefined ? undefined : T0 + f.fromH * H,
            toMs: f.spanH === undefined ? undefined : T0 + ((f.fromH ?? 0) + f.spanH + 1) * H,
          };
          const question = { nowMs: T0 + nowH * H, filters, groupBy };
          expect(figuresFromIndex(index, question)).toEqual(straightforward([...latest.values()], question));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('median and p90 of every group through bucket counts', () => {
  const bySort = (values: ArrayLike<number>) => percentiles(Float64Array.from(values).sort());
  function expectExact(values: number[], groupOf?: number[], groups = 0) {
    const actual = percentilesByGroup(Float64Array.from(values), groupOf ? Uint16Array.from(groupOf) : undefined, groups);
    expect(actual.total).toEqual(bySort(values));
    expect(actual.groups).toEqual(Array.from({ length: groupOf ? groups : 0 }, (_, g) => bySort(values.filter((_, i) => groupOf![i] === g))));
  }

  it('equal those of the sorted values, overall and per group (empty ones too), duplicates and all', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 4 })), { maxLength: 300 }), (pairs) => {
        expectExact(pairs.map(([v]) => v));
        expectExact(pairs.map(([v]) => v), pairs.map(([, g]) => g), 6);
      }),
    );
    fc.assert(fc.property(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 300 }), (values) => expectExact(values)));
  });

  it('stay exact on large inputs: values far apart, negative ones, many in one bucket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 40_000 }),
        fc.constantFrom(1, 1000, 3600_000, 1e10),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.boolean(),
        (n, scale, seed, withNegatives) => {
          let x = seed;
          const random = () => (x = (x * 48271) % 2147483647) / 2147483647;
          const values = Array.from({ length: n }, () => Math.round((withNegatives ? random() - 0.3 : random()) * scale) * (random() < 0.01 ? 1000 : 1));
          expectExact(values, values.map((_, i) => i % 7), 7);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stay exact in adversarial orders', () => {
    const n = 100_001;
    const orders = [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, (_, i) => i % 7),
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : n - i)),
      new Array<number>(n).fill(3),
    ];
    for (const values of orders) {
      expectExact(values);
      expectExact(values.slice(1), values.slice(1).map((_, i) => i % 3), 3);
    }
  });
});
