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

/** Median and p90 of values sorted ascending. */
export function percentiles(sorted: ArrayLike<number>): { median: number | null; p90: number | null } {
  const n = sorted.length;
  if (n === 0) return { median: null, p90: null };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, p90: sorted[Math.ceil(0.9 * n) - 1] };
}

/**
 * The same median and p90 over values in any order, by selection instead of a sort (linear): the
 * in-memory figures compute them per rule and group on every request. Reorders `values`.
 */
export function percentilesOf(values: Float64Array): { median: number | null; p90: number | null } {
  const n = values.length;
  if (n === 0) return { median: null, p90: null };
  // The upper middle value; for an even count the lower one is then the largest value below it.
  const middle = n >> 1;
  select(values, middle, 0, n - 1);
  let median = values[middle];
  if (n % 2 === 0) {
    let lower = -Infinity;
    for (let i = 0; i < middle; i++) if (values[i] > lower) lower = values[i];
    median = (lower + median) / 2;
  }
  // The p90 rank is at or above the middle one, so it lies among the values already above it.
  const rank = Math.ceil(0.9 * n) - 1;
  select(values, rank, middle, n - 1);
  return { median, p90: values[rank] };
}

/**
 * Puts the k-th smallest of values[left..right] at index k, smaller-or-equal ones before it and
 * larger-or-equal ones after: Floyd and Rivest's selection (Communications of the ACM 18(3),
 * 1975), which first narrows the range around k on a sample, so that it reads each value little
 * more than once. A range that is still being worked on after many rounds is sorted instead,
 * which bounds the worst case.
 */
function select(values: Float64Array, k: number, left: number, right: number, rounds = 64): void {
  while (right > left) {
    if (rounds-- === 0) {
      values.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(values, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)), rounds);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else swap(values, ++j, right);
    // values[j] is the pivot, in its place: go on in the side that holds k.
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
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
