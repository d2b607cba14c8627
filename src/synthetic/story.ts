/**
 * What the parts of a synthetic case share while it is written, and the delay shapes they use.
 * Delays are drawn around the limits of the shipped ruleset on purpose: most responses are on
 * time, a share are late and some never happen, so every rule sees met, breached and overdue clocks.
 */
import type { CaseHistory, Planned, Recorder } from './case-history';
import type { Force } from './forces';
import type { LiveKind } from './live-cases';
import type { Rng } from './rng';

export interface Story {
  readonly rng: Rng;
  readonly history: CaseHistory;
  readonly force: Force;
  readonly inspector: Recorder;
  readonly groupBased: boolean;
  /** Set for a live case: the step that must exist so that `now` can be placed inside its clock. */
  readonly live?: LiveKind;
  readonly report: Planned;
  crime?: Planned;
  suspects: Planned[];
  charged: boolean;
  outOfCourt: boolean;
  /** Numbering of references within the case (suspects, requests, targets). */
  counters: Record<string, number>;
}

/** The time of a response to a `limitMs` standard: within it with probability `pOnTime`, else late by up to `lateFactor` limits. */
export function responseDelay(rng: Rng, limitMs: number, pOnTime: number, lateFactor = 6): number {
  if (rng.chance(pOnTime)) return Math.min(rng.lognormal(limitMs / 6, 0.9), limitMs * rng.between(0.6, 0.97));
  return limitMs * rng.between(1.03, lateFactor);
}

export function nextRef(story: Story, prefix: string, width = 2): string {
  const n = (story.counters[prefix] = (story.counters[prefix] ?? 0) + 1);
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

/** Optional fields are left out (not set to undefined): a stored event never has an undefined key. */
export function compact(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined) out[key] = value;
  return out;
}
