/**
 * The write-side state of a case: only what the decider's rules need, folded from the case's
 * events. `evolve` is pure (a state never changes once made) and O(1) per event: the per-event
 * lookups live in a versioned index shared between successive states (see versioned-map.ts).
 */
import type { Jurisdiction } from './enums';
import type { CaseEvent, CaseEventType } from './events';
import { VersionedMap } from './versioned-map';

export type CaseStatus = 'none' | 'open' | 'closed';

/** What the rules need to know about one event of the case, corrections applied. */
export interface EventFacts {
  readonly type: CaseEventType;
  /** occurredAt as last corrected. */
  readonly occurredAt: string;
  /** The payload as last corrected (EntryCorrected replaces the named top-level fields). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly retracted: boolean;
}

/** Shared by successive states; read it through eventFacts() and identifyingEventOf(). */
export class CaseIndex {
  /** The latest version written: the one state at this version may write the next in place. */
  private head = 0;

  constructor(
    /** eventId -> facts, for every event of the case (corrections and retractions included). */
    readonly events = new VersionedMap<string, EventFacts>(),
    /** suspectRef -> eventId of the live SuspectIdentified that introduced it. */
    readonly suspects = new VersionedMap<string, string>(),
  ) {}

  /** The index into which a state at `version` writes `version + 1`: this one, or a branch. */
  writableAt(version: number): CaseIndex {
    const index =
      this.head === version ? this : new CaseIndex(this.events.copyUpTo(version), this.suspects.copyUpTo(version));
    index.head = version + 1;
    return index;
  }
}

export interface CaseState {
  readonly status: CaseStatus;
  /**
   * Not in any event (the stream name carries it), so a fold leaves it unset; a handler that
   * wants it on the state sets it from the stream it read.
   */
  readonly caseId?: string;
  /** The owning force: access control hangs on it, which is why a correction may not change it. */
  readonly force?: string;
  readonly jurisdiction?: Jurisdiction;
  /** How many events were folded: the stream's revision + 1, and the version read from `index`. */
  readonly eventCount: number;
  readonly index: CaseIndex;
}

export function initialState(): CaseState {
  return { status: 'none', eventCount: 0, index: new CaseIndex() };
}

export function eventFacts(state: CaseState, eventId: string): EventFacts | undefined {
  return state.index.events.get(eventId, state.eventCount);
}

/** The eventId of the SuspectIdentified that introduced `suspectRef`, unless none or retracted. */
export function identifyingEventOf(state: CaseState, suspectRef: string): string | undefined {
  return state.index.suspects.get(suspectRef, state.eventCount);
}

export function dataOf(event: CaseEvent): Readonly<Record<string, unknown>> {
  return event.data as unknown as Readonly<Record<string, unknown>>;
}

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const version = state.eventCount + 1;
  const index = state.index.writableAt(state.eventCount);
  index.events.set(
    event.eventId,
    { type: event.type, occurredAt: event.occurredAt, data: dataOf(event), retracted: false },
    version,
  );
  const next: CaseState = { ...state, eventCount: version, index };

  switch (event.type) {
    case 'CaseOpened':
      return { ...next, status: 'open', force: event.data.force, jurisdiction: event.data.jurisdiction ?? 'england' };
    case 'CaseClosed':
      return { ...next, status: 'closed' };
    case 'CaseReopened':
      return { ...next, status: 'open' };
    case 'SuspectIdentified':
      index.suspects.set(event.data.suspectRef, event.eventId, version);
      return next;
    case 'EntryCorrected': {
      const target = index.events.get(event.data.correctsEventId, state.eventCount);
      // decide never lets a correction name an unknown event; ignoring one keeps evolve total.
      if (!target) return next;
      const corrected: EventFacts = {
        ...target,
        occurredAt: event.data.occurredAt ?? target.occurredAt,
        data: event.data.data ? { ...target.data, ...event.data.data } : target.data,
      };
      index.events.set(event.data.correctsEventId, corrected, version);
      if (target.type !== 'CaseOpened') return next;
      return {
        ...next,
        force: corrected.data.force as string,
        jurisdiction: (corrected.data.jurisdiction as Jurisdiction | undefined) ?? 'england',
      };
    }
    case 'EntryRetracted': {
      const targetId = event.data.retractsEventId;
      const target = index.events.get(targetId, state.eventCount);
      if (!target) return next;
      index.events.set(targetId, { ...target, retracted: true }, version);
      if (target.type === 'SuspectIdentified') {
        const suspectRef = target.data.suspectRef as string;
        // Defensive: only the live identification of a ref may un-identify it.
        if (index.suspects.get(suspectRef, state.eventCount) === targetId) {
          index.suspects.set(suspectRef, undefined, version);
        }
      }
      return next;
    }
    case 'ReportReceived':
    case 'CrimeRecorded':
    case 'RiskAssessed':
    case 'ReferralMade':
    case 'StrategyDiscussionHeld':
    case 'ContactMade':
    case 'InformationRequested':
    case 'InformationShared':
    case 'VictimReferredToSupport':
    case 'VictimInterviewed':
    case 'VictimUpdated':
    case 'SuspectArrested':
    case 'SuspectInterviewed':
    case 'BailDecision':
    case 'DisruptionActionTaken':
    case 'DisruptionBreached':
    case 'ChargingAdviceRequested':
    case 'ChargingDecisionMade':
    case 'RecordQualityFinding':
      return next;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
