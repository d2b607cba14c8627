/**
 * The timeliness figures of one ruleset version over the index. One pass over the clock rows
 * counts each cell's statuses (a cell is a rule's total, or a rule's group), deciding running or
 * overdue against `nowMs` (the request's time), and counts the elapsed times each cell has; a
 * second pass gathers those times in one scratch array, a rule's groups side by side so that
 * together they are the rule's total; the median and p90 of each are then selected in place.
 */
import { compliance, emptyFigures, Figures, percentilesOf } from './figures';
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
let scratchCells = new Int32Array(0);
let scratchElapsed = new Float64Array(0);

/** Figures per rule code of `clocks` (indexing clocks.ruleIds). */
export function timelinessFigures(index: InspectionIndex, clocks: RulesetClocks, filters: InspectionFilters, nowMs: number, groupBy?: GroupBy): RuleFigures[] {
  const rules = clocks.ruleIds.length;
  const groups = groupBy ? index.groupsOf(groupBy) : undefined;
  const width = 1 + (groups ? groups.values.length : 0); // cells per rule: its total, then one per group
  const cells = rules * width;
  const counts = new Int32Array(cells * COUNTERS);
  // Elapsed times per cell: those of the groups only when grouped (their total is their sum).
  const times = new Int32Array(cells);
  const forceMask = index.forceMask(filters);
  const fromMs = filters.fromMs ?? -Infinity;
  const toMs = filters.toMs ?? Infinity;
  const { rule, status, startedAtMs, dueAtMs, elapsedMs } = clocks.columns;
  const { caseOf, length } = clocks;
  const caseForce = index.caseForce;
  const groupOfCase = groups?.ofCase;
  if (scratchCells.length < length) scratchCells = new Int32Array(length);
  const cellOfRow = scratchCells;

  // Pass 1: the counters, and the cell of every row whose elapsed time counts (-1 for the others).
  const [running, overdue, hasElapsed] = [STATUS.running, STATUS.overdue, HAS_ELAPSED];
  for (let i = 0; i < length; i++) {
    let cellOfTime = -1;
    const slot = caseOf[i];
    const r = rule[i];
    const started = startedAtMs[i];
    if (slot >= 0 && r < rules && (forceMask === undefined || forceMask[caseForce[slot]] === 1) && started >= fromMs && started < toMs) {
      const flagged = status[i];
      let s = flagged & ~hasElapsed;
      if (s === running && nowMs > dueAtMs[i]) s = overdue;
      const total = r * width;
      counts[total * COUNTERS]++;
      counts[total * COUNTERS + s]++;
      const cell = groupOfCase === undefined ? total : total + 1 + groupOfCase[slot];
      if (cell !== total) {
        counts[cell * COUNTERS]++;
        counts[cell * COUNTERS + s]++;
      }
      if (flagged & hasElapsed) {
        times[cell]++;
        cellOfTime = cell;
      }
    }
    cellOfRow[i] = cellOfTime;
  }

  // Pass 2: each cell's elapsed times, side by side.
  const start = new Int32Array(cells + 1);
  for (let c = 0; c < cells; c++) start[c + 1] = start[c] + times[c];
  if (scratchElapsed.length < start[cells]) scratchElapsed = new Float64Array(start[cells]);
  const gathered = scratchElapsed;
  const next = start.slice(0, cells);
  for (let i = 0; i < length; i++) {
    const cell = cellOfRow[i];
    if (cell >= 0) gathered[next[cell]++] = elapsedMs[i];
  }

  // Each group's times are selected in first; then the rule's, which span its groups'.
  const figuresOf = (cell: number, end: number): Figures => {
    const at = cell * COUNTERS;
    const { median, p90 } = percentilesOf(gathered.subarray(start[cell], end));
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
  };
  const figures: RuleFigures[] = [];
  for (let r = 0; r < rules; r++) {
    const total = r * width;
    const result: Partial<RuleFigures> = {};
    if (groups) {
      result.groups = [];
      for (let g = 0; g < groups.values.length; g++) {
        const cell = total + 1 + g;
        if (counts[cell * COUNTERS] > 0) result.groups.push({ key: groups.values[g], ...figuresOf(cell, start[cell + 1]) });
      }
      result.groups.sort((a, b) => String(a.key).localeCompare(String(b.key)));
    }
    result.total = counts[total * COUNTERS] > 0 ? figuresOf(total, start[total + width]) : emptyFigures();
    figures.push({ total: result.total, ...(result.groups ? { groups: result.groups } : {}) });
  }
  return figures;
}
