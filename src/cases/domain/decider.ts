/**
 * The case decider: `decide(command, state) -> events`, pure. It enforces the invariants of
 * DESIGN.md section 4; payload shapes were checked before, by the HTTP layer. Every refusal is a
 * CaseDomainError whose `path` names the offending entry or field of the request.
 */
import type { CaseCommand, NewEntry, OpenCase, RecordEntries } from './commands';
import { checkCorrection, checkRetraction } from './correction-rules';
import {
  CaseAlreadyExistsError,
  CaseClosedError,
  CaseNotClosedError,
  CaseNotFoundError,
  DuplicateEventIdError,
  SuspectAlreadyIdentifiedError,
} from './errors';
import type { CaseEvent, CaseEventOf, CaseEventType } from './events';
import { assertNotInFuture, requireIdentifiedSuspect, requireLiveDisruption, requireLiveEvent } from './guards';
import { eventFacts, evolve, identifyingEventOf, initialState, type CaseState } from './state';

/** A closed case still takes findings about its record, fixes to it, and its reopening. */
const ALLOWED_ON_CLOSED_CASE: ReadonlySet<CaseEventType> = new Set([
  'RecordQualityFinding',
  'CaseReopened',
  'EntryCorrected',
  'EntryRetracted',
]);

export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  return decideAndEvolve(command, state).events;
}

/** What a command decides, and the state those events lead to. */
export interface Decision {
  events: CaseEvent[];
  /** `state` evolved by `events`: the case as it will be once they are stored. */
  state: CaseState;
}

/**
 * decide, also handing back the evolved state that deciding built anyway, so that a caller that
 * keeps states (the write side's cache of recently written cases) need not fold the events again.
 * Folding them again would branch the versioned index that deciding wrote into (a copy of the
 * whole case's index per append; see CaseIndex.writableAt).
 */
export function decideAndEvolve(command: CaseCommand, state: CaseState): Decision {
  switch (command.kind) {
    case 'OpenCase': {
      const events = openCase(command, state);
      return { events, state: events.reduce(evolve, state) };
    }
    case 'RecordEntries':
      return recordEntries(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export function foldCase(events: CaseEvent[]): CaseState {
  return events.reduce(evolve, initialState());
}

/**
 * The type of the event `eventId`, so that the HTTP layer can validate an EntryCorrected's partial
 * data against the target's schema. It answers for any event of the case, retracted or not:
 * whether the target may be corrected is decide's call (a 409 that names the rule, not a 400).
 * It only knows the state's events; an entry recorded earlier in the same request is not in it.
 */
export function correctionTargetType(state: CaseState, eventId: string): CaseEventType | undefined {
  return eventFacts(state, eventId)?.type;
}

function openCase(command: OpenCase, state: CaseState): CaseEvent[] {
  if (state.status !== 'none') {
    throw new CaseAlreadyExistsError(`Case ${command.caseId} already exists`, 'caseId');
  }
  const { opened, report } = command;
  if (report.eventId === opened.eventId) {
    throw new DuplicateEventIdError(
      `The report and the case opening share the event id ${report.eventId}`,
      'report.eventId',
    );
  }
  assertNotInFuture(report.occurredAt, command.now, 'report.occurredAt');
  return [
    {
      type: 'CaseOpened',
      eventId: opened.eventId,
      occurredAt: report.occurredAt,
      data: { ...opened.data, jurisdiction: opened.data.jurisdiction ?? 'england' },
    },
    { type: 'ReportReceived', eventId: report.eventId, occurredAt: report.occurredAt, data: report.data },
  ];
}

/**
 * Entries are decided in order against the state as evolved by the entries before them, so one
 * request may identify a suspect and then record the arrest. Any refusal throws: nothing of the
 * request is decided (the versioned state makes the evolving here O(1) per entry).
 */
function recordEntries(command: RecordEntries, state: CaseState): Decision {
  if (state.status === 'none') {
    throw new CaseNotFoundError(`There is no case ${command.caseId}`);
  }
  const decided: CaseEvent[] = [];
  let current = state;
  command.entries.forEach((entry, i) => {
    const event = decideEntry(entry, current, command.now, `events[${i}]`);
    decided.push(event);
    current = evolve(current, event);
  });
  return { events: decided, state: current };
}

function decideEntry(entry: NewEntry, state: CaseState, now: Date, path: string): CaseEvent {
  // Payload shapes were validated against `type` before decide, which this cast relies on.
  const { type, eventId, occurredAt, data } = entry;
  const event = { type, eventId, occurredAt, data } as unknown as CaseEvent;

  if (event.type === 'CaseOpened') {
    throw new CaseAlreadyExistsError(
      'A case is opened once, by POST /v1/cases; a CaseOpened cannot be recorded as an entry',
      `${path}.type`,
    );
  }
  if (eventFacts(state, event.eventId)) {
    throw new DuplicateEventIdError(`Event id ${event.eventId} is already used in this case`, `${path}.eventId`);
  }
  assertNotInFuture(event.occurredAt, now, `${path}.occurredAt`);
  if (state.status === 'closed' && !ALLOWED_ON_CLOSED_CASE.has(event.type)) {
    throw new CaseClosedError(`The case is closed: a ${event.type} cannot be recorded until it is reopened`, path);
  }
  checkEntryRules(event, state, now, path);
  return event;
}

/** CaseOpened only comes from OpenCase. */
type RecordableEvent = Exclude<CaseEvent, CaseEventOf<'CaseOpened'>>;

function checkEntryRules(event: RecordableEvent, state: CaseState, now: Date, path: string): void {
  switch (event.type) {
    case 'CaseClosed':
      // Reaching here means the case is open: on a closed case the gate above refused it.
      return;
    case 'CaseReopened':
      if (state.status !== 'closed') throw new CaseNotClosedError('Only a closed case can be reopened', path);
      return;
    case 'VictimUpdated':
    case 'RecordQualityFinding':
      if (event.data.aboutEventId !== undefined) {
        requireLiveEvent(state, event.data.aboutEventId, `${path}.data.aboutEventId`);
      }
      return;
    case 'SuspectIdentified':
      if (identifyingEventOf(state, event.data.suspectRef) !== undefined) {
        throw new SuspectAlreadyIdentifiedError(
          `Suspect ${event.data.suspectRef} is already identified in this case`,
          `${path}.data.suspectRef`,
        );
      }
      return;
    case 'SuspectArrested':
    case 'SuspectInterviewed':
    case 'BailDecision':
    case 'ChargingAdviceRequested':
    case 'ChargingDecisionMade':
      requireIdentifiedSuspect(state, event.data.suspectRef, `${path}.data.suspectRef`);
      return;
    case 'DisruptionActionTaken':
      // Many disruption tools target premises or vehicles, with no suspect at all.
      if (event.data.suspectRef !== undefined) {
        requireIdentifiedSuspect(state, event.data.suspectRef, `${path}.data.suspectRef`);
      }
      return;
    case 'DisruptionBreached':
      requireLiveDisruption(state, event.data.disruptionEventId, `${path}.data.disruptionEventId`);
      return;
    case 'EntryCorrected':
      checkCorrection(event, state, now, path);
      return;
    case 'EntryRetracted':
      checkRetraction(event, state, path);
      return;
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
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
