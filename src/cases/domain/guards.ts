/** Small rules shared by several entry types. Each throws the error that names the field. */
import { FUTURE_TOLERANCE_MS } from './commands';
import { EventReferenceError, OccurredInFutureError, SuspectNotIdentifiedError } from './errors';
import { eventFacts, identifyingEventOf, type CaseState } from './state';

/** occurredAt strings carry different offsets, so compare instants, never strings. */
export function assertNotInFuture(occurredAt: string, now: Date, path: string): void {
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  if (Date.parse(occurredAt) > latest) {
    throw new OccurredInFutureError(
      `${occurredAt} is later than the server clock plus ${FUTURE_TOLERANCE_MS / 60000} minutes ` +
        `(${new Date(latest).toISOString()})`,
      path,
    );
  }
}

/** A retracted event is out of the record: nothing new may hang on it. */
export function requireLiveEvent(state: CaseState, eventId: string, path: string): void {
  const facts = eventFacts(state, eventId);
  if (!facts) throw new EventReferenceError(`There is no event ${eventId} in this case`, path);
  if (facts.retracted) throw new EventReferenceError(`Event ${eventId} has been retracted`, path);
}

export function requireLiveDisruption(state: CaseState, eventId: string, path: string): void {
  requireLiveEvent(state, eventId, path);
  const type = eventFacts(state, eventId)?.type;
  if (type !== 'DisruptionActionTaken') {
    throw new EventReferenceError(`Event ${eventId} is a ${type}, not a DisruptionActionTaken`, path);
  }
}

export function requireIdentifiedSuspect(state: CaseState, suspectRef: string, path: string): void {
  if (identifyingEventOf(state, suspectRef) === undefined) {
    throw new SuspectNotIdentifiedError(`Suspect ${suspectRef} has not been identified in this case`, path);
  }
}
