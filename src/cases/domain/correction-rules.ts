/**
 * Rules of EntryCorrected and EntryRetracted. Events are never edited, so these two are how a
 * mistake is fixed; the rules keep every replay (timeline, clocks, feed) meaningful.
 */
import { isDeepStrictEqual } from 'node:util';
import { CorrectionNotAllowedError, EventReferenceError } from './errors';
import type { CaseEventOf, CaseEventType } from './events';
import { eventFacts, type CaseState, type EventFacts } from './state';
import { assertNotInFuture } from './guards';

/**
 * These events change the case's status; retracting one would leave the status and the record
 * disagreeing. Closing or reopening the case is the way to undo them.
 */
const NOT_RETRACTABLE: ReadonlySet<CaseEventType> = new Set(['CaseOpened', 'CaseClosed', 'CaseReopened']);

/**
 * Fields other events or rules hang on: a SuspectArrested hangs on a SuspectIdentified's
 * suspectRef, the victim-informed clock on aboutEventId, a breach on disruptionEventId. Changing
 * one in place would re-attach history silently and skip the reference checks of the decider;
 * retracting and re-recording runs those checks and shows the change plainly.
 * `requestRef`, `crimeRef`, `targetRef`, `networkRef` and the victim's `ref` stay correctable:
 * nothing in the case nor any clock is keyed on them, so a typo there is just a typo.
 */
const PINNED_FIELDS: ReadonlySet<string> = new Set(['suspectRef', 'aboutEventId', 'disruptionEventId']);

/**
 * The case's force decides who may read and write it. Moving a case between forces is a transfer,
 * which the catalogue does not model; a correction must not do it as a side effect.
 */
const PINNED_BY_TYPE: Partial<Record<CaseEventType, ReadonlySet<string>>> = {
  CaseOpened: new Set(['force']),
};

function isPinned(type: CaseEventType, field: string): boolean {
  return PINNED_FIELDS.has(field) || (PINNED_BY_TYPE[type]?.has(field) ?? false);
}

/** A correction or retraction targets a live, original entry of the case. */
function requireCorrectableTarget(state: CaseState, targetId: string, path: string): EventFacts {
  const target = eventFacts(state, targetId);
  if (!target) {
    throw new EventReferenceError(`There is no event ${targetId} in this case`, path);
  }
  if (target.type === 'EntryCorrected' || target.type === 'EntryRetracted') {
    throw new EventReferenceError(
      `Event ${targetId} is itself an ${target.type}: correct or retract the entry it is about instead`,
      path,
    );
  }
  if (target.retracted) {
    throw new EventReferenceError(`Event ${targetId} has been retracted`, path);
  }
  return target;
}

export function checkCorrection(
  event: CaseEventOf<'EntryCorrected'>,
  state: CaseState,
  now: Date,
  path: string,
): void {
  const { correctsEventId, occurredAt, data = {} } = event.data;
  const target = requireCorrectableTarget(state, correctsEventId, `${path}.data.correctsEventId`);

  // The same instant in another offset moves nothing on the timeline or on any clock.
  let changes = false;
  if (occurredAt !== undefined) {
    assertNotInFuture(occurredAt, now, `${path}.data.occurredAt`);
    changes = Date.parse(occurredAt) !== Date.parse(target.occurredAt);
  }
  for (const [field, value] of Object.entries(data)) {
    // Compared with the target as already corrected: repeating a value is not a change.
    if (isDeepStrictEqual(value, target.data[field])) continue;
    if (isPinned(target.type, field)) {
      throw new CorrectionNotAllowedError(
        `${field} of a ${target.type} cannot be corrected: retract the entry and record it again`,
        `${path}.data.data.${field}`,
      );
    }
    changes = true;
  }
  if (!changes) {
    throw new CorrectionNotAllowedError(`The correction changes nothing on event ${correctsEventId}`, `${path}.data`);
  }
}

export function checkRetraction(event: CaseEventOf<'EntryRetracted'>, state: CaseState, path: string): void {
  const targetPath = `${path}.data.retractsEventId`;
  const target = requireCorrectableTarget(state, event.data.retractsEventId, targetPath);
  if (NOT_RETRACTABLE.has(target.type)) {
    throw new CorrectionNotAllowedError(
      `A ${target.type} cannot be retracted: ${target.type === 'CaseClosed' ? 'reopen' : 'close'} the case instead`,
      targetPath,
    );
  }
}
