/** Data-quality facts, disruption tool use and charging outcomes over the index: one pass each. */
import type { InspectionFilters, Period } from './inspection.filters';
import type { InspectionIndex } from './inspection-index';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface DataQualityFigures {
  cases: number;
  recording: { events: number; recordedOver24hAfter: number; share: number | null };
  victims: { ethnicityRecorded: number; sexRecorded: number; ageRecorded: number; ethnicityShare: number | null; sexShare: number | null; ageShare: number | null };
  suspects: { identified: number; ethnicityRecorded: number; sexRecorded: number; ageBandRecorded: number; ethnicityShare: number | null; sexShare: number | null; ageBandShare: number | null };
  crimes: { recorded: number; cseFlagged: number; groupBasedFlagged: number; cseFlagShare: number | null; groupBasedFlagShare: number | null };
  findings: Record<string, number>;
  outcomes: { closed: number; byCode: Record<string, number>; victimDoesNotSupport: { code: 16; count: number; share: number | null } };
}

/** The rows of a case-level table that the filters let through: its force, and an instant in range. */
function passes(index: InspectionIndex, filters: InspectionFilters) {
  const mask = index.forceMask(filters);
  const fromMs = filters.fromMs ?? -Infinity;
  const toMs = filters.toMs ?? Infinity;
  const caseForce = index.caseForce;
  return (slot: number, atMs: number) => slot >= 0 && (mask === undefined || mask[caseForce[slot]] === 1) && atMs >= fromMs && atMs < toMs;
}

interface QualitySums {
  key: string | null;
  cases: number;
  events: number;
  late: number;
  vEth: number;
  vSex: number;
  vAge: number;
  suspects: number;
  sEth: number;
  sSex: number;
  sAge: number;
  crimes: number;
  cse: number;
  grp: number;
  findings: Record<string, number>;
  byCode: Map<number, number>;
}

const emptySums = (key: string | null): QualitySums => ({
  key, cases: 0, events: 0, late: 0, vEth: 0, vSex: 0, vAge: 0, suspects: 0, sEth: 0, sSex: 0, sAge: 0, crimes: 0, cse: 0, grp: 0, findings: {}, byCode: new Map(),
});

/** Facts of the cases opened within the filters, overall (one entry, key null) or per force (ordered by force). */
export function dataQuality(index: InspectionIndex, filters: InspectionFilters, byForce: boolean): Array<{ key: string | null; figures: DataQualityFigures }> {
  const pass = passes(index, filters);
  const opened = index.caseOpenedAtMs;
  const sumsOf = new Map<number, QualitySums>();
  const sumsOfCase = (slot: number): QualitySums => {
    const key = byForce ? index.caseForce[slot] : 0;
    let sums = sumsOf.get(key);
    if (!sums) sumsOf.set(key, (sums = emptySums(byForce ? index.forces.values[key] : null)));
    return sums;
  };
  const q = index.quality.columns;
  const qualityCase = index.quality.caseOf;
  for (let i = 0; i < index.quality.length; i++) {
    const slot = qualityCase[i];
    if (!pass(slot, opened[slot])) continue;
    const s = sumsOfCase(slot);
    s.cases++;
    s.events += q.events[i];
    s.late += q.lateEvents[i];
    s.vEth += q.victimEthnicity[i];
    s.vSex += q.victimSex[i];
    s.vAge += q.victimAge[i];
    s.suspects += q.suspects[i];
    s.sEth += q.suspectEthnicity[i];
    s.sSex += q.suspectSex[i];
    s.sAge += q.suspectAge[i];
    s.crimes += q.crimes[i];
    s.cse += q.crimesCse[i];
    s.grp += q.crimesGroup[i];
    const code = q.outcomeCode[i];
    if (!Number.isNaN(code)) s.byCode.set(code, (s.byCode.get(code) ?? 0) + 1);
  }
  // Findings in the order the cases were derived (each case's in its own order), as kinds first appear.
  const f = index.findings.columns;
  const findingCase = index.findings.caseOf;
  for (let i = 0; i < index.findings.length; i++) {
    const slot = findingCase[i];
    if (!pass(slot, opened[slot])) continue;
    const kinds = sumsOfCase(slot).findings;
    const kind = index.findingKinds.values[f.kind[i]]!;
    kinds[kind] = (kinds[kind] ?? 0) + f.count[i];
  }
  const all = [...sumsOf.values()];
  if (!byForce && all.length === 0) all.push(emptySums(null));
  if (byForce) all.sort((a, b) => byCodeUnits(a.key!, b.key!));
  return all.map((r) => {
    const byCode: Record<string, number> = {};
    let closed = 0;
    for (const [code, n] of [...r.byCode.entries()].sort((a, b) => a[0] - b[0])) {
      byCode[String(code)] = n;
      closed += n;
    }
    const sixteen = byCode['16'] ?? 0;
    return {
      key: r.key,
      figures: {
        cases: r.cases,
        recording: { events: r.events, recordedOver24hAfter: r.late, share: share(r.late, r.events) },
        victims: {
          ethnicityRecorded: r.vEth,
          sexRecorded: r.vSex,
          ageRecorded: r.vAge,
          ethnicityShare: share(r.vEth, r.cases),
          sexShare: share(r.vSex, r.cases),
          ageShare: share(r.vAge, r.cases),
        },
        suspects: {
          identified: r.suspects,
          ethnicityRecorded: r.sEth,
          sexRecorded: r.sSex,
          ageBandRecorded: r.sAge,
          ethnicityShare: share(r.sEth, r.suspects),
          sexShare: share(r.sSex, r.suspects),
          ageBandShare: share(r.sAge, r.suspects),
        },
        crimes: { recorded: r.crimes, cseFlagged: r.cse, groupBasedFlagged: r.grp, cseFlagShare: share(r.cse, r.crimes), groupBasedFlagShare: share(r.grp, r.crimes) },
        findings: r.findings,
        outcomes: { closed, byCode, victimDoesNotSupport: { code: 16, count: sixteen, share: share(sixteen, closed) } },
      },
    };
  });
}

/** A period of a Europe/London month (yyyy-MM): the month, its quarter (yyyy-Qn) or its year. */
export function periodOf(month: string, period: Period): string {
  if (period === 'month') return month;
  if (period === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) + 2) / 3)}`;
}

/** An interned column of a table, counted by. */
type Kind = { codes: Uint16Array; values: ReadonlyArray<string | null> };

/**
 * Counts a table's rows within the filters by (force, period, ...kinds) and hands each count to
 * `visit`, in the order of those keys (as SQL's GROUP BY gives them). Each key becomes its rank
 * among its values in text order, so that one number made of the ranks orders the counts.
 */
function countBy(
  index: InspectionIndex,
  filters: InspectionFilters,
  period: Period,
  table: { length: number; caseOf: Int32Array; columns: { month: Uint16Array; occurredAtMs: Float64Array } },
  kinds: Kind[],
  weight: Int32Array | undefined,
  visit: (force: string, period: string, kinds: string[], n: number, weight: number) => void,
): void {
  const pass = passes(index, filters);
  const forces = ranked(index.forces.values.map((f) => f!));
  const periods = ranked(index.months.values.map((m) => periodOf(m!, period)));
  const kindRanks = kinds.map((k) => ranked(k.values.map((v) => v!)));
  const { month, occurredAtMs } = table.columns;
  const counts = new Map<number, { n: number; weight: number }>();
  for (let i = 0; i < table.length; i++) {
    const slot = table.caseOf[i];
    if (!pass(slot, occurredAtMs[i])) continue;
    let key = forces.rank[index.caseForce[slot]] * periods.names.length + periods.rank[month[i]];
    for (let k = 0; k < kinds.length; k++) key = key * kindRanks[k].names.length + kindRanks[k].rank[kinds[k].codes[i]];
    const counted = counts.get(key);
    const w = weight === undefined ? 0 : weight[i];
    if (counted) {
      counted.n++;
      counted.weight += w;
    } else counts.set(key, { n: 1, weight: w });
  }
  for (const key of Float64Array.from(counts.keys()).sort()) {
    const { n, weight: w } = counts.get(key)!;
    let rest = key;
    const names: string[] = new Array(kinds.length);
    for (let k = kinds.length - 1; k >= 0; k--) {
      const size = kindRanks[k].names.length;
      names[k] = kindRanks[k].names[rest % size];
      rest = Math.floor(rest / size);
    }
    visit(forces.names[Math.floor(rest / periods.names.length)], periods.names[rest % periods.names.length], names, n, w);
  }
}

/** The distinct values in text order, and the rank of each code's value among them. */
function ranked(values: string[]): { names: string[]; rank: Int32Array } {
  const names = [...new Set(values)].sort(byCodeUnits);
  const position = new Map(names.map((name, i) => [name, i]));
  return { names, rank: Int32Array.from(values, (v) => position.get(v)!) };
}

/** Disruption actions taken within the filters: by tool, by force and by period. */
export function disruption(index: InspectionIndex, filters: InspectionFilters, period: Period) {
  const d = index.disruptions;
  const tally = new Tally('byTool');
  let breaches = 0;
  countBy(index, filters, period, d, [{ codes: d.columns.tool, values: index.tools.values }], d.columns.breaches, (force, p, [tool], n, w) => {
    tally.add(force, p, tool, n);
    breaches += w;
  });
  const { total, byTool, byForce, byPeriod } = tally.result();
  return { total, breaches, byTool, byForce, byPeriod };
}

/** Charging decisions made within the filters: by outcome, by decider, by force and by period. */
export function charging(index: InspectionIndex, filters: InspectionFilters, period: Period) {
  const c = index.charging;
  const tally = new Tally('byOutcome');
  const byDecider: Record<string, number> = {};
  const kinds = [
    { codes: c.columns.outcome, values: index.outcomes.values },
    { codes: c.columns.decidedBy, values: index.deciders.values },
  ];
  countBy(index, filters, period, c, kinds, undefined, (force, p, [outcome, decidedBy], n) => {
    tally.add(force, p, outcome, n);
    byDecider[decidedBy] = (byDecider[decidedBy] ?? 0) + n;
  });
  return { ...tally.result(), byDecider };
}

/** Text order by UTF-16 code units (for the ASCII slugs and periods here, SQLite's BINARY order). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type ByKind = Record<string, number>;
type Entry<N extends string, K extends string> = Record<N, string> & { count: number } & Record<K, ByKind>;

/** Counts by kind: overall, per force (ordered by force) and per period (ordered by period). */
class Tally<K extends string> {
  private count = 0;
  private readonly byKind: ByKind = {};
  private readonly forces = new Map<string, { count: number; byKind: ByKind }>();
  private readonly periods = new Map<string, { count: number; byKind: ByKind }>();

  /** `key` names the counts by kind, in the result and in each of its entries. */
  constructor(private readonly key: K) {}

  add(force: string, period: string, kind: string, n: number): void {
    this.count += n;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + n;
    for (const [map, name] of [[this.forces, force], [this.periods, period]] as const) {
      let entry = map.get(name);
      if (!entry) map.set(name, (entry = { count: 0, byKind: {} }));
      entry.count += n;
      entry.byKind[kind] = (entry.byKind[kind] ?? 0) + n;
    }
  }

  result(): { total: number } & Record<K, ByKind> & { byForce: Array<Entry<'force', K>>; byPeriod: Array<Entry<'period', K>> } {
    const list = <N extends string>(map: Map<string, { count: number; byKind: ByKind }>, name: N) =>
      [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([value, { count, byKind }]) => ({ [name]: value, count, [this.key]: byKind }) as Entry<N, K>);
    const byKind = { [this.key]: this.byKind } as Record<K, ByKind>;
    return { total: this.count, ...byKind, byForce: list(this.forces, 'force'), byPeriod: list(this.periods, 'period') };
  }
}
