/**
 * Writes synthetic cases through the store port, as the service would have written them over the
 * years. Cases are made a batch at a time and their events appended in rounds: the opening of every
 * case of the batch (as POST /v1/cases writes it), then a few entries of each, and so on, each
 * case keeping its own order. The log is therefore interleaved like a real one, which projection
 * benchmarks need, and each round's appends, issued together, go into one group-committed
 * transaction of the SQLite adapter.
 */
import { CASE_STREAM_PREFIX, caseStreamId } from '../cases/domain/events';
import type { EventStore, EventToAppend } from '../event-store/event-store.port';
import { StreamNotFoundError } from '../event-store/errors';
import { caseIdFor, generateCase, type GeneratedCase } from './generate-case';
import { caseRng } from './rng';

export interface SeedOptions {
  cases: number;
  seed: number;
  /** Nothing is recorded after it; clocks of recent cases are still running at it. */
  now: Date;
  /** Earliest report (see generateCase). */
  from?: Date;
  /** Index of the first case in the seed's sequence, to add cases after those of an earlier run. */
  firstCase?: number;
  /** Cases made and appended together. Default 200. */
  batchCases?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  cases: number;
  events: number;
}

export type SeedResult = SeedProgress;

export const DEFAULT_BATCH_CASES = 200;

/** How many entries a case records in one request, 1 to 8: varied, as requests are, but fixed by position. */
function requestSize(caseIndex: number, round: number): number {
  return 1 + ((caseIndex * 7 + round * 3) % 8);
}

function wholeNumber(value: number, name: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${value}`);
}

export async function seedStore(store: EventStore, options: SeedOptions): Promise<SeedResult> {
  const { cases, seed, now, from } = options;
  const firstCase = options.firstCase ?? 0;
  const batchCases = options.batchCases ?? DEFAULT_BATCH_CASES;
  wholeNumber(cases, 'cases', 0);
  wholeNumber(seed, 'seed', 0);
  wholeNumber(firstCase, 'firstCase', 0);
  wholeNumber(batchCases, 'batchCases', 1);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');

  const done: SeedProgress = { cases: 0, events: 0 };
  while (done.cases < cases) {
    const batch: Array<{ index: number; generated: GeneratedCase }> = [];
    for (let i = 0; i < Math.min(batchCases, cases - done.cases); i++) {
      const index = firstCase + done.cases + i;
      batch.push({ index, generated: generateCase(caseRng(seed, index), { caseIndex: index, now, from }) });
    }
    done.events += await appendInRounds(store, batch);
    done.cases += batch.length;
    options.onProgress?.({ ...done });
  }
  return done;
}

async function appendInRounds(store: EventStore, batch: Array<{ index: number; generated: GeneratedCase }>): Promise<number> {
  const written = batch.map(() => 0);
  let total = 0;
  for (let round = 0; ; round++) {
    const appends: Array<Promise<unknown>> = [];
    batch.forEach(({ index, generated: { caseId, events } }, i) => {
      const from = written[i];
      if (from >= events.length) return;
      // The first request is the opening: CaseOpened with its ReportReceived.
      const slice: EventToAppend[] = events.slice(from, round === 0 ? 2 : from + requestSize(index, round));
      appends.push(store.append(caseStreamId(caseId), slice, from === 0 ? 'no-stream' : from - 1));
      written[i] += slice.length;
      total += slice.length;
    });
    if (appends.length === 0) return total;
    await Promise.all(appends);
  }
}

const CASE_EVENTS = { streamPrefixes: [CASE_STREAM_PREFIX] };

/** Whether the store already holds any case event (ruleset and access streams do not count). */
export async function storeHoldsCases(store: EventStore): Promise<boolean> {
  for await (const _event of store.readAll(undefined, { filter: CASE_EVENTS, maxCount: 1 })) return true;
  return false;
}

/**
 * The first index of `seed`'s sequence whose case the store does not hold: a further run starts
 * there, so that it adds new cases instead of colliding with those of an earlier run. Runs fill
 * the sequence from 0 without gaps, so a binary search needs only a few dozen stream reads.
 */
export async function nextCaseIndex(store: EventStore, seed: number): Promise<number> {
  const exists = async (index: number): Promise<boolean> => {
    try {
      await store.readStream(caseStreamId(caseIdFor(seed, index)));
      return true;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    }
  };
  if (!(await exists(0))) return 0;
  let held = 0;
  let missing = 1;
  while (await exists(missing)) {
    held = missing;
    missing *= 2;
  }
  while (missing - held > 1) {
    const middle = Math.floor((held + missing) / 2);
    if (await exists(middle)) held = middle;
    else missing = middle;
  }
  return missing;
}
