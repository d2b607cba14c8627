/** Small measuring tools shared by the parts. */

export function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Nearest-rank percentile over groups of samples, each group weighing the same whatever its
 * size: a route sampled 5 times (because each call takes seconds) counts as much as one sampled
 * 20 times. With groups of equal size it is the plain percentile of all samples.
 */
export function groupPercentile(groups: readonly (readonly number[])[], p: number): number {
  const weighted = groups.filter((g) => g.length > 0).flatMap((g) => g.map((value) => ({ value, weight: 1 / g.length })));
  if (weighted.length === 0) return NaN;
  weighted.sort((a, b) => a.value - b.value);
  const total = weighted.reduce((sum, s) => sum + s.weight, 0);
  let cumulative = 0;
  for (const s of weighted) {
    cumulative += s.weight;
    if (cumulative >= (p / 100) * total - 1e-9) return s.value;
  }
  return weighted[weighted.length - 1].value;
}

/** A full collection between measurements, when the bench runs with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Megabytes of 10^6 bytes, as the feed bench reports them: the larger, more cautious number. */
export const MB = 1e6;

/**
 * Samples the resident set every 100 ms, and whenever `sample()` is called: synchronous work
 * (a projection batch) can hold the event loop past several ticks of the timer.
 */
export class RssSampler {
  peak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
