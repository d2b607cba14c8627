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
type ByKind = Record<string, number>;
type Entry<N extends string, K extends string> = Record<N, string> & { count: number } & Record<K, ByKind>;

/**
 * The rows of a table within the filters counted by kind (tool or outcome): overall, per force
 * (ordered by force) and per period (ordered by period), `key` naming the counts by kind. Each
 * list of counts by kind names its kinds in the order SQL's GROUP BY force, period, kind would
 * first have listed them: by the first (force, period) a kind has rows in, then by kind (per
 * force, by its first period; per period, by its first force). One pass, over small arrays.
 */
function tally<K extends string>(
  index: InspectionIndex,
  filters: InspectionFilters,
  period: Period,
  table: { length: number; caseOf: Int32Array; columns: { month: Uint16Array; occurredAtMs: Float64Array } },
  kind: Kind,
  key: K,
  also?: { each: (row: number, firstAt: number) => void },
): { total: number } & Record<K, ByKind> & { byForce: Array<Entry<'force', K>>; byPeriod: Array<Entry<'period', K>> } {
  const pass = passes(index, filters);
  const forces = ranked(index.forces.values.map((f) => f!));
  const periods = ranked(index.months.values.map((m) => periodOf(m!, period)));
  const kinds = ranked(kind.values.map((v) => v!));
  const [F, P, K] = [forces.names.length, periods.names.length, kinds.names.length];
  const overall = new Float64Array(K);
  const perForce = new Float64Array(F * K);
  const perPeriod = new Float64Array(P * K);
  // Where each kind first appears: overall, its first (force, period); per force, its first
  // period; per period, its first force.
  const firstOverall = new Float64Array(K).fill(Infinity);
  const firstInForce = new Float64Array(F * K).fill(Infinity);
  const firstInPeriod = new Float64Array(P * K).fill(Infinity);
  const { month, occurredAtMs } = table.columns;
  for (let i = 0; i < table.length; i++) {
    const slot = table.caseOf[i];
    if (!pass(slot, occurredAtMs[i])) continue;
    const f = forces.rank[index.caseForce[slot]];
    const p = periods.rank[month[i]];
    const k = kinds.rank[kind.codes[i]];
    overall[k]++;
    perForce[f * K + k]++;
    perPeriod[p * K + k]++;
    firstOverall[k] = Math.min(firstOverall[k], f * P + p);
    firstInForce[f * K + k] = Math.min(firstInForce[f * K + k], p);
    firstInPeriod[p * K + k] = Math.min(firstInPeriod[p * K + k], f);
    also?.each(i, (f * P + p) * K + k);
  }
  const byKind = (counts: Float64Array, first: Float64Array, at: number): ByKind => {
    const present = [];
    for (let k = 0; k < K; k++) if (counts[at + k] > 0) present.push(k);
    present.sort((a, b) => first[at + a] - first[at + b] || a - b);
    return Object.fromEntries(present.map((k) => [kinds.names[k], counts[at + k]]));
  };
  const list = <N extends string>(names: string[], counts: Float64Array, first: Float64Array, name: N): Array<Entry<N, K>> =>
    names
      .map((value, r) => ({ value, r }))
      .filter(({ r }) => counts.subarray(r * K, r * K + K).some((n) => n > 0))
      .sort((a, b) => a.value.localeCompare(b.value))
      .map(({ value, r }) => {
        const kindCounts = byKind(counts, first, r * K);
        return { [name]: value, count: Object.values(kindCounts).reduce((a, b) => a + b, 0), [key]: kindCounts } as Entry<N, K>;
      });
  return {
    total: overall.reduce((a, b) => a + b, 0),
    ...({ [key]: byKind(overall, firstOverall, 0) } as Record<K, ByKind>),
    byForce: list(forces.names, perForce, firstInForce, 'force'),
    byPeriod: list(periods.names, perPeriod, firstInPeriod, 'period'),
  };
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
  let breaches = 0;
  const { total, byTool, byForce, byPeriod } = tally(index, filters, period, d, { codes: d.columns.tool, values: index.tools.values }, 'byTool', {
    each: (row) => (breaches += d.columns.breaches[row]),
  });
  return { total, breaches, byTool, byForce, byPeriod };
}

/** Charging decisions made within the filters: by outcome, by decider, by force and by period. */
export function charging(index: InspectionIndex, filters: InspectionFilters, period: Period) {
  const c = index.charging;
  // By decider too, in the order deciders first appear (by force, period, outcome, then decider).
  const deciders = ranked(index.deciders.values.map((v) => v!));
  const count = new Float64Array(deciders.names.length);
  const first = new Float64Array(deciders.names.length).fill(Infinity);
  const tallied = tally(index, filters, period, c, { codes: c.columns.outcome, values: index.outcomes.values }, 'byOutcome', {
    each: (row, firstAt) => {
      const d = deciders.rank[c.columns.decidedBy[row]];
      count[d]++;
      first[d] = Math.min(first[d], firstAt);
    },
  });
  const order = [...count.keys()].filter((d) => count[d] > 0).sort((a, b) => first[a] - first[b] || a - b);
  return { ...tallied, byDecider: Object.fromEntries(order.map((d) => [deciders.names[d], count[d]])) };
}

/** Text order by UTF-16 code units (for the ASCII slugs and periods here, SQLite's BINARY order). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
