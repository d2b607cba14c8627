/**
 * A case worth opening first in a demonstration: among the seeded cases, the one whose clocks
 * show the most kinds of status (met, breached, overdue, running...), so that a single timeline
 * shows what the service measures. Cases are made again from the seed rather than read back.
 */
import { measure } from '../timeliness/measure';
import { ENGLAND_AND_WALES_V1 } from '../timeliness/rulesets/england-and-wales.v1';
import { generateCase } from './generate-case';
import { caseRng } from './rng';

export interface ShowcaseCase {
  caseId: string;
  force: string;
  events: number;
  statuses: string[];
}

export function showcaseCase(options: { seed: number; cases: number; now: Date; from?: Date }): ShowcaseCase | undefined {
  let best: (ShowcaseCase & { score: number }) | undefined;
  for (let index = 0; index < options.cases; index++) {
    const { caseId, events } = generateCase(caseRng(options.seed, index), { caseIndex: index, now: options.now, from: options.from });
    if (events.length === 0) continue;
    const measurable = events.map((e) => ({ eventId: e.eventId, type: e.type, occurredAt: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt, data: e.data }));
    const clocks = measure(measurable, ENGLAND_AND_WALES_V1, { now: options.now });
    const statuses = [...new Set(clocks.map((clock) => clock.status))].sort();
    const rules = new Set(clocks.map((clock) => clock.ruleId)).size;
    // Long cases are hard to read on a first look: past 60 events, more is not better.
    const score = statuses.length * 1000 + rules * 10 + Math.min(events.length, 60);
    if (!best || score > best.score) {
      best = { caseId, force: String(events[0].data.force), events: events.length, statuses, score };
    }
  }
  if (!best) return undefined;
  const { score: _score, ...showcase } = best;
  return showcase;
}
