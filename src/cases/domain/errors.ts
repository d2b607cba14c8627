/** Broken invariants of a case. Each names the entry (`events[i]`) that broke it, when it is one. */
import { AppError, ErrorKind } from '../../common/app-error';

export abstract class CaseDomainError extends AppError {
  constructor(
    message: string,
    /** Path of the offending entry or field in the request, e.g. `events[2].data.suspectRef`. */
    readonly path?: string,
  ) {
    super(message, path ? [{ path, message }] : undefined);
  }
}

function define(code: string, kind: ErrorKind, title: string) {
  return class extends CaseDomainError {
    readonly code = code;
    readonly kind = kind;
    readonly title = title;
  };
}

/** Only RecordQualityFinding, CaseReopened, EntryCorrected and EntryRetracted are allowed on a closed case. */
export class CaseClosedError extends define('CASE_CLOSED', 'conflict', 'The case is closed') {}
/** CaseReopened on a case that is open. */
export class CaseNotClosedError extends define('CASE_NOT_CLOSED', 'conflict', 'The case is not closed') {}
/** CaseClosed on a case that is already closed is CaseClosedError; this is a second CaseOpened. */
export class CaseAlreadyExistsError extends define('CASE_ALREADY_EXISTS', 'conflict', 'The case already exists') {}
export class CaseNotFoundError extends define('CASE_NOT_FOUND', 'not-found', 'No such case') {}
/** occurredAt later than the server clock plus five minutes. */
export class OccurredInFutureError extends define('OCCURRED_IN_FUTURE', 'validation', 'The event is in the future') {}
/** A suspect-scoped event names a suspectRef that no (unretracted) SuspectIdentified introduced. */
export class SuspectNotIdentifiedError extends define('SUSPECT_NOT_IDENTIFIED', 'conflict', 'The suspect has not been identified') {}
/** SuspectIdentified with a suspectRef already identified in the case. */
export class SuspectAlreadyIdentifiedError extends define('SUSPECT_ALREADY_IDENTIFIED', 'conflict', 'The suspect is already identified') {}
/** aboutEventId / disruptionEventId / correctsEventId / retractsEventId names no suitable event of the case. */
export class EventReferenceError extends define('EVENT_REFERENCE_INVALID', 'conflict', 'The referenced event is not valid here') {}
/** A correction or retraction that is not allowed on its target (see the decider for the rules). */
export class CorrectionNotAllowedError extends define('CORRECTION_NOT_ALLOWED', 'conflict', 'The correction is not allowed') {}
/** The same eventId twice in one request, or an eventId already used by another event of the case. */
export class DuplicateEventIdError extends define('DUPLICATE_EVENT_ID', 'conflict', 'The event id is already used') {}
