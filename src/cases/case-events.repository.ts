/**
 * Reads a case's stream and folds it; appends what the decider decided with full metadata.
 * This is the "read stream -> evolve -> decide -> append(expected revision)" loop of the write
 * side, shared by every command so handlers stay thin. It keeps the folded state of the cases it
 * has read or written (see case-state-cache.ts), so that recording entries on a case need not
 * read and fold its stream every time.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { RevisionMismatchError } from '../common/app-error';
import { ConcurrencyError, StreamNotFoundError } from '../event-store/errors';
import { AppendResult, EVENT_STORE, EventStore, EventToAppend, ExpectedRevision, StoredEvent } from '../event-store/event-store.port';
import { MetricsService } from '../observability/metrics.service';
import { CachedCase, CaseStateCache } from './case-state-cache';
import { foldCase } from './domain/decider';
import { CaseNotFoundError } from './domain/errors';
import { CaseEvent, caseStreamId, isCaseEventType, SCHEMA_VERSION } from './domain/events';
import type { MeasurableEvent } from '../timeliness/model';
import type { CaseState } from './domain/state';

export interface LoadedCase {
  caseId: string;
  events: StoredEvent[];
  state: CaseState;
  /** Revision of the last event: the case's ETag. */
  revision: number;
}

export interface AppendOutcome {
  caseId: string;
  revision: number;
  events: AppendResult['events'];
}

export function toCaseEvent(stored: StoredEvent): CaseEvent {
  if (!isCaseEventType(stored.type)) {
    throw new Error(`Stream ${stored.streamId} holds an event of unknown type ${stored.type} at revision ${stored.revision}`);
  }
  return { type: stored.type, eventId: stored.eventId, occurredAt: stored.metadata.occurredAt, data: stored.data } as unknown as CaseEvent;
}

/** A stored case event as the timeliness engine reads it. */
export function toMeasurable(event: StoredEvent): MeasurableEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    data: event.data,
  };
}

/** What a stored slice of the stream returned the first time (for idempotent retries). */
export function outcomeOf(caseId: string, stored: StoredEvent[], revision: number): AppendOutcome {
  return {
    caseId,
    revision,
    events: stored.map((e) => ({ eventId: e.eventId, type: e.type, revision: e.revision, position: e.position })),
  };
}

export const CASE_STATE_CACHE = Symbol('CASE_STATE_CACHE');

@Injectable()
export class CaseEventsRepository {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: MetricsService,
    @Inject(CASE_STATE_CACHE) private readonly states: CaseStateCache,
  ) {}

  /** The case, or undefined when it has no stream. */
  async find(caseId: string): Promise<LoadedCase | undefined> {
    let events: StoredEvent[];
    try {
      events = await this.store.readStream(caseStreamId(caseId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const loaded = { caseId, events, state: foldCase(events.map(toCaseEvent)), revision: events[events.length - 1].revision };
    this.states.remember(caseId, loaded.state, loaded.revision);
    return loaded;
  }

  /**
   * The case as last read or written by this process, if it is still held: possibly behind the
   * store. Good for deciding an append that expects its revision (the store then refuses the
   * append if the case has moved on), not for refusing a request or for answering a read.
   */
  cached(caseId: string): CachedCase | undefined {
    const cached = this.states.get(caseId);
    this.metrics.caseStateCacheLookups.inc({ outcome: cached ? 'hit' : 'miss' });
    return cached;
  }

  async load(caseId: string): Promise<LoadedCase> {
    const loaded = await this.find(caseId);
    if (!loaded) throw new CaseNotFoundError(`No case ${caseId}`);
    return loaded;
  }

  /**
   * Appends decided events. `ifMatch` is the revision the client said it read: a mismatch is a
   * RevisionMismatchError (412). Without it, a concurrent change surfaces as ConcurrencyError so
   * the caller can re-read and decide again.
   */
  async append(
    caseId: string,
    decided: CaseEvent[],
    expected: ExpectedRevision,
    context: RequestContext,
    roleOf: (event: CaseEvent) => string,
    now: Date,
    ifMatch?: number,
    /** The state `decided` leads to, from decideAndEvolve: kept for the next append. */
    next?: CaseState,
  ): Promise<AppendOutcome> {
    const recordedAt = now.toISOString();
    const toAppend: EventToAppend[] = decided.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {
        occurredAt: event.occurredAt,
        recordedAt,
        recordedBy: { sub: context.principal.sub, role: roleOf(event), force: context.principal.force },
        correlationId: context.correlationId,
        causationId: context.requestId,
        schemaVersion: SCHEMA_VERSION,
      },
    }));
    try {
      const result = await this.store.append(caseStreamId(caseId), toAppend, expected);
      for (const event of decided) this.metrics.eventsAppended.inc({ type: event.type });
      if (next && wroteJustThese(result, decided, expected)) this.states.remember(caseId, next, result.revision);
      return { caseId, revision: result.revision, events: result.events };
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        this.states.forget(caseId, typeof expected === 'number' ? expected : undefined);
        if (ifMatch !== undefined) throw new RevisionMismatchError(ifMatch, error.actual);
      }
      throw error;
    }
  }
}

/**
 * Whether the store put `decided` right after `expected`, so that the decided state is the
 * stream's. (The store answers a retry whose events are all stored already with the events as
 * first stored, wherever they are: the state decided this time is then not known to be the
 * stream's.)
 */
function wroteJustThese(result: AppendResult, decided: CaseEvent[], expected: ExpectedRevision): boolean {
  const base = expected === 'no-stream' ? -1 : expected;
  if (typeof base !== 'number' || result.events.length !== decided.length) return false;
  return result.events.every((e, i) => e.revision === base + 1 + i && e.eventId === decided[i].eventId && e.type === decided[i].type);
}
