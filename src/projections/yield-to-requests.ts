/**
 * Requests come first. The live projection re-derives every case a batch touches, which costs far
 * more than recording the event did; under a load that keeps the event loop busy, projecting every
 * batch at once would take the loop from the requests that write the log. So while the rest of
 * the process keeps the loop busy, the projection takes at most a share of it, and the read models
 * lag (visible in /health and the lag gauges) until the load eases; an idle service projects at
 * once.
 */
import { EventLoopUtilization, performance } from 'node:perf_hooks';

/** Beyond this share of the loop taken by others, the process counts as busy. */
export const BUSY_ABOVE = 0.5;
/** While busy, the projection's share of the loop. */
export const PROJECTION_SHARE = 0.1;
/** The longest pause, so a batch that took long does not stall the read models for long. */
export const MAX_PAUSE_MS = 1000;

/** How long to pause after a batch that took `spentMs`, when others used `othersShare` of the loop meanwhile. */
export function pauseAfter(spentMs: number, othersShare: number, share = PROJECTION_SHARE): number {
  if (othersShare <= BUSY_ABOVE) return 0;
  return Math.min(MAX_PAUSE_MS, (spentMs * (1 - share)) / share);
}

/** Measures the loop's use by everything but the projection, between calls. */
export class LoopShare {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private projectingMs = 0;

  /** Time the projection spent on the loop since the last call to othersShare(). */
  projected(ms: number): void {
    this.projectingMs += ms;
  }

  /** The share of the loop's time since the last call used by others than the projection. */
  othersShare(): number {
    const delta = performance.eventLoopUtilization(this.last);
    this.last = performance.eventLoopUtilization();
    const windowMs = delta.active + delta.idle;
    const others = Math.max(0, delta.active - this.projectingMs);
    this.projectingMs = 0;
    return windowMs > 0 ? others / windowMs : 0;
  }
}
