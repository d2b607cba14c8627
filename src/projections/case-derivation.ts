/**
 * Everything the read models keep about one case, derived from its own events alone: the same
 * pure function serves the live projection and a rebuild, so the two agree by construction.
 */
import { StreamNotFoundError } from '../event-store/errors';
import type { EventStore, TimedEvent } from '../event-store/event-store.port';
import { CASE_STREAM_PREFIX } from '../cases/domain/events';
import { parseIsoMs } from '../timeliness/instants';
import { measureInstants } from '../timeliness/measure';
import type { RulesetDef } from '../timeliness/model';
import { correctedHistory } from '../timeline/corrected-history';
import { CaseSummary, summariseCase } from './case-summary';
import type { SqliteReadStore } from './sqlite-read-store';

/** One clock as stored: what does not depend on when it is read. */
export interface ClockRow {
  rulesetId: string;
  version: number;
  ruleId: string;
  cycleKey: string;
  startEventId: string;
  startEventType: string;
  startedAtMs: number;
  dueAtMs: number | null;
  stopEventId: string | null;
  stopEventType: string | null;
  stoppedAtMs: number | null;
  /** Stopped clocks have a verdict for good; the others are decided against now at query time. */
  verdict: string | null;
  elapsedMs: number | null;
}

export interface DerivedCase {
  summary: CaseSummary;
  /** Revision of the last event derived from. */
  revision: number;
  clocks: ClockRow[];
}

export function caseIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : undefined;
}

/**
 * @param stored the case's stream, in revision order.
 * @returns undefined when the stream does not open a case (nothing to keep).
 */
export function deriveCase(caseId: string, events: readonly TimedEvent[], rulesets: readonly RulesetDef[]): DerivedCase | undefined {
  if (events.length === 0) return undefined;
  const summary = summariseCase(caseId, correctedHistory(events));
  if (!summary) return undefined;
  // Stored clocks keep only what does not depend on when they are read (start, due, stop, and the
  // verdict of a stopped clock), so evaluate once everything the case holds has happened.
  let latest = 0;
  const typeOf = new Map<string, string>();
  for (const e of events) {
    latest = Math.max(latest, parseIsoMs(e.occurredAt), parseIsoMs(e.recordedAt));
    typeOf.set(e.eventId, e.type);
  }
  const now = new Date(latest);
  const clocks: ClockRow[] = [];
  for (const ruleset of rulesets) {
    for (const clock of measureInstants(events, ruleset, { now })) {
      const stopped = clock.stoppedAtMs !== undefined;
      clocks.push({
        rulesetId: ruleset.id,
        version: ruleset.version,
        ruleId: clock.ruleId,
        cycleKey: clock.cycleKey,
        startEventId: clock.startEventId,
        startEventType: typeOf.get(clock.startEventId)!,
        startedAtMs: clock.startedAtMs,
        dueAtMs: clock.dueAtMs ?? null,
        stopEventId: clock.stopEventId ?? null,
        stopEventType: clock.stopEventId === undefined ? null : typeOf.get(clock.stopEventId)!,
        stoppedAtMs: clock.stoppedAtMs ?? null,
        verdict: stopped ? clock.status : null,
        elapsedMs: stopped ? clock.elapsedMs : null,
      });
    }
  }
  return { summary, revision: events[events.length - 1].revision, clocks };
}

/** A case's stream as a projection reads it, or nothing when there is none. */
export async function readCaseStream(store: EventStore, caseId: string): Promise<TimedEvent[]> {
  try {
    return await store.readStreamTimes(`case-${caseId}`);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** Each case that exists, derived from its whole stream under these rulesets; the others are left out. */
export async function deriveCases(store: EventStore, caseIds: readonly string[], rulesets: readonly RulesetDef[]): Promise<DerivedCase[]> {
  const derived: DerivedCase[] = [];
  for (const caseId of caseIds) {
    const d = deriveCase(caseId, await readCaseStream(store, caseId), rulesets);
    if (d) derived.push(d);
  }
  return derived;
}

/**
 * Derives these cases and writes their rows, clearing their dirty marks, in one transaction: the
 * one unit of work of the case projection, on the event loop or in a rebuild's worker thread.
 * `inTurn` runs the write when this writer's turn comes (the workers of a pool take turns).
 */
export async function deriveInto(
  store: EventStore,
  readStore: SqliteReadStore,
  caseIds: readonly string[],
  rulesets: readonly RulesetDef[],
  fresh: boolean,
  inTurn: (write: () => void) => void = (write) => write(),
): Promise<void> {
  const derived = await deriveCases(store, caseIds, rulesets);
  inTurn(() => readStore.writeCases(derived, caseIds, fresh));
}
