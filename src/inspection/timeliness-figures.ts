/**
 * The timeliness figures of one ruleset version over the index. One pass over the clock rows
 * counts each cell's statuses (a cell is a rule's total, or a rule's group), deciding running or
 * overdue against `nowMs` (the request's time), and copies each elapsed time that counts into its
 * rule's region of a scratch array (with its group, when grouped), of which the median and p90 of
 * the rule and of each group then follow (group-percentiles.ts). The rows are read once: at
 * national scale (a million clocks) the figures are bound by memory.
 */
import { compliance, emptyFigures, Figures } from './figures';
import { percentilesByGroup, Spread } from './group-percentiles';
import type { GroupBy, InspectionFilters } from './inspection.filters';
import { HAS_ELAPSED, InspectionIndex, RulesetClocks, STATUS } from './inspection-index';

export interface RuleFigures {
  total: Figures;
  /** With groupBy: the groups with at least one clock, ordered by key. */
  groups?: Array<{ key: string | null } & Figures>;
}

/** Counters of a cell: how many clocks (at 0), then how many of each status (at its code). */
const COUNTERS = STATUS.uncounted + 1;

/** Requests are computed synchronously, one at a time: one scratch serves them all. */
const scratch = { times: new Float64Array(0), groups: new Uint16Array(0) };

/** Figures per rule code of `clocks` (indexing clocks.ruleIds). */
export function timelinessFigures(index: InspectionIndex, clocks: RulesetClocks, filters: InspectionFilters, nowMs: number, groupBy?: GroupBy): RuleFigures[] {
  const rules = clocks.ruleIds.length;
  const groups = groupBy ? index.groupsOf(groupBy) : undefined;
  const width = 1 + (groups ? groups.values.length : 0); // cells per rule: its total, then one per group
  const counts = new Int32Array(rules * width * COUNTERS);
  // How many elapsed times each cell has (when grouped, only the groups are counted).
  const times = new Int32Array(rules * width);
  // Each rule's region of the scratch: from start[r], as long as its live rows with a time.
  const start = new Int32Array(rules + 1);
  for (let r = 0; r < rules; r++) start[r + 1] = start[r] + clocks.timesOfRule[r];
  const size = start[rules];
  if (scratch.times.length < size) scratch.times = new Float64Array(size);
  if (groups && scratch.groups.length < size) scratch.groups = new Uint16Array(size);
  const end = start.slice(0, rules);
  count(clocks, {
    rules,
    width,
    forceMask: index.forceMask(filters),
    caseForce: index.caseForce,
    groupOfCase: groups?.ofCase,
    fromMs: filters.fromMs ?? -Infinity,
    toMs: filters.toMs ?? Infinity,
    nowMs,
    counts,
    times,
    end,
  });

  const keyOrder = groups ? groups.values.map((_, g) => g).sort((a, b) => byKey(groups.values[a], groups.values[b])) : [];
  const figures: RuleFigures[] = [];
  for (let r = 0; r < rules; r++) {
    const total = r * width;
    const spreads = percentilesByGroup(scratch.times.subarray(start[r], end[r]), groups ? scratch.groups.subarray(start[r], end[r]) : undefined, width - 1);
    const ruleGroups = groups
      ? keyOrder.filter((g) => counts[(total + 1 + g) * COUNTERS] > 0).map((g) => ({ key: groups.values[g], ...cellFigures(counts, total + 1 + g, spreads.groups[g]) }))
      : undefined;
    figures.push({ total: counts[total * COUNTERS] > 0 ? cellFigures(counts, total, spreads.total) : emptyFigures(), ...(ruleGroups ? { groups: ruleGroups } : {}) });
  }
  return figures;
}

interface Pass {
  rules: number;
  width: number;
  /** Undefined: every force. */
  forceMask: Uint8Array | undefined;
  caseForce: Uint16Array;
  /** Undefined: not grouped. */
  groupOfCase: Uint16Array | undefined;
  fromMs: number;
  toMs: number;
  nowMs: number;
  counts: Int32Array;
  times: Int32Array;
  /** Where the next time of each rule goes in the scratch (then: where its times end). */
  end: Int32Array;
}

/**
 * The pass over the rows: the counters of each cell (of the groups only, when grouped: a rule's
 * total is then their sum), and the elapsed times that count, each in its rule's region.
 */
function count(clocks: RulesetClocks, pass: Pass): void {
  const { rules, width, forceMask, caseForce, groupOfCase, fromMs, toMs, nowMs, counts, times, end } = pass;
  const { rule, status, startedAtMs, dueAtMs, elapsedMs } = clocks.columns;
  const { caseOf, length } = clocks;
  const timesOut = scratch.times;
  const groupsOut = scratch.groups;
  const [running, overdue, hasElapsed, counters] = [STATUS.running, STATUS.overdue, HAS_ELAPSED, COUNTERS];
  // Without from or to, the start instants are not read at all.
  const timed = fromMs > -Infinity || toMs < Infinity;
  for (let i = 0; i < length; i++) {
    const slot = caseOf[i];
    const r = rule[i];
    if (slot < 0 || r >= rules) continue;
    if (forceMask !== undefined && forceMask[caseForce[slot]] === 0) continue;
    if (timed && (startedAtMs[i] < fromMs || startedAtMs[i] >= toMs)) continue;
    const flagged = status[i];
    let s = flagged & ~hasElapsed;
    if (s === running && nowMs > dueAtMs[i]) s = overdue;
    const group = groupOfCase === undefined ? 0 : groupOfCase[slot];
    const cell = groupOfCase === undefined ? r : r * width + 1 + group;
    counts[cell * counters]++;
    counts[cell * counters + s]++;
    if (flagged & hasElapsed) {
      times[cell]++;
      const at = end[r]++;
      timesOut[at] = elapsedMs[i];
      if (groupOfCase !== undefined) groupsOut[at] = group;
    }
  }
  if (groupOfCase !== undefined) {
    for (let total = 0; total < rules * width; total += width) {
      for (let cell = total + 1; cell < total + width; cell++) {
        for (let k = 0; k < counters; k++) counts[total * counters + k] += counts[cell * counters + k];
      }
    }
  }
}

/** Group keys in the order the figures list them: as text, by locale, null first among equals. */
function byKey(a: string | null, b: string | null): number {
  return String(a).localeCompare(String(b)) || (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
}

/** The figures of one cell from its counters and the spread of its elapsed times. */
function cellFigures(counts: Int32Array, cell: number, { median, p90 }: Spread): Figures {
  const at = cell * COUNTERS;
  const f: Figures = {
    ...emptyFigures(),
    clocks: counts[at],
    met: counts[at + STATUS.met],
    breached: counts[at + STATUS.breached],
    completed: counts[at + STATUS.completed],
    running: counts[at + STATUS.running],
    overdue: counts[at + STATUS.overdue],
    open: counts[at + STATUS.open],
    medianElapsedMs: median,
    p90ElapsedMs: p90,
  };
  f.compliance = compliance(f);
  return f;
}
