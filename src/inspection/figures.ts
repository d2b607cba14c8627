/**
 * The figures an inspector computes by hand, defined once: compliance = met / (met + breached +
 * overdue); median and p90 of elapsed time over stopped clocks. The median of an even count is
 * the mean of the two middle values; p90 is the nearest-rank value (the ceil(0.9 n)-th smallest).
 */
import type { ClockStatus } from '../timeliness/model';

export interface Figures {
  clocks: number;
  met: number;
  breached: number;
  running: number;
  overdue: number;
  completed: number;
  open: number;
  compliance: number | null;
  medianElapsedMs: number | null;
  p90ElapsedMs: number | null;
}

export function emptyFigures(): Figures {
  return { clocks: 0, met: 0, breached: 0, running: 0, overdue: 0, completed: 0, open: 0, compliance: null, medianElapsedMs: null, p90ElapsedMs: null };
}

export function compliance(f: Pick<Figures, 'met' | 'breached' | 'overdue'>): number | null {
  const denominator = f.met + f.breached + f.overdue;
  return denominator === 0 ? null : f.met / denominator;
}

/**
 * Where the median and p90 of n values lie, as 0-based ranks among them sorted: the median is
 * the value at `lower` and `upper` (the same rank for an odd count) averaged.
 */
export function percentileRanks(n: number): { lower: number; upper: number; p90: number } {
  return { lower: (n - 1) >> 1, upper: n >> 1, p90: Math.ceil(0.9 * n) - 1 };
}

/** Median and p90 of values sorted ascending. */
export function percentiles(sorted: ArrayLike<number>): { median: number | null; p90: number | null } {
  const n = sorted.length;
  if (n === 0) return { median: null, p90: null };
  const { lower, upper, p90 } = percentileRanks(n);
  return { median: lower === upper ? sorted[upper] : (sorted[lower] + sorted[upper]) / 2, p90: sorted[p90] };
}

/** Accumulates clocks evaluated by the engine (the as-of path) into the same figures. */
export class FiguresAccumulator {
  private readonly counts = emptyFigures();
  private readonly elapsed: number[] = [];

  add(status: ClockStatus, elapsedMs: number): void {
    this.counts.clocks++;
    this.counts[status]++;
    if (status === 'met' || status === 'breached' || status === 'completed') this.elapsed.push(elapsedMs);
  }

  figures(): Figures {
    const sorted = Float64Array.from(this.elapsed).sort();
    const { median, p90 } = percentiles(sorted);
    return { ...this.counts, compliance: compliance(this.counts), medianElapsedMs: median, p90ElapsedMs: p90 };
  }
}
