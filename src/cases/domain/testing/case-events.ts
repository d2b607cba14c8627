/**
 * Event and command builders for decider specs. Fixed dates only: the decider never reads the
 * wall clock, and neither do its specs. Readable event ids make a failing spec easy to read.
 */
import type { NewEntry, OpenCase, RecordEntries } from '../commands';
import type {
  CaseEvent,
  CaseEventDataMap,
  CaseEventOf,
  CaseEventType,
  CaseOpenedData,
  EntryCorrectedData,
} from '../events';

/** The server clock of every command in the specs. */
export const NOW = new Date('2024-03-10T12:00:00.000Z');
export const CASE_ID = '7f9c2a4e-3b1d-4c8e-9a6f-2d5b8e1c0a47';
/** When the first report came in; the default occurredAt of the builders. */
export const REPORTED_AT = '2024-03-01T09:30:00+00:00';
export const LATER = '2024-03-02T14:00:00Z';

export function event<K extends CaseEventType>(
  type: K,
  eventId: string,
  data: CaseEventDataMap[K],
  occurredAt: string = LATER,
): CaseEventOf<K> {
  return { type, eventId, occurredAt, data } as CaseEventOf<K>;
}

/** The same event, happening at another time. */
export function at<E extends CaseEvent>(occurredAt: string, e: E): E {
  return { ...e, occurredAt };
}

export const caseOpened = (data: Partial<CaseOpenedData> = {}, eventId = 'opened') =>
  event(
    'CaseOpened',
    eventId,
    { force: 'west-yorkshire', jurisdiction: 'england', victim: { ref: 'V-1001', ageAtReport: 14, sex: 'female' }, ...data },
    REPORTED_AT,
  );
/** CaseOpened data as a client may send it, and as the type allows no stored event to be. */
export function openedDataWithoutJurisdiction(): CaseOpenedData {
  const data: Partial<CaseOpenedData> = { ...caseOpened().data };
  delete data.jurisdiction;
  return data as CaseOpenedData;
}
export const reportReceived = (eventId = 'report-1') =>
  event('ReportReceived', eventId, { source: 'school', channel: 'agency-referral', agency: 'school' }, REPORTED_AT);

/** The history of a case just opened by POST /v1/cases. */
export const anOpenCase = (): CaseEvent[] => [caseOpened(), reportReceived()];

export const contactMade = (eventId: string) =>
  event('ContactMade', eventId, { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' });
export const crimeRecorded = (eventId: string) =>
  event('CrimeRecorded', eventId, {
    crimeRef: '13/123456/24',
    offence: 'sexual-activity-with-a-child',
    cseFlag: true,
    groupBasedFlag: false,
  });
export const informationRequested = (eventId: string, requestRef = 'REQ-1') =>
  event('InformationRequested', eventId, { requestRef, agency: 'health' });
export const suspectIdentified = (eventId: string, suspectRef = 'S-1') =>
  event('SuspectIdentified', eventId, { suspectRef, sex: 'male', ageBand: '25-34', ethnicity: 'not-stated' });
export const suspectArrested = (eventId: string, suspectRef = 'S-1') => event('SuspectArrested', eventId, { suspectRef });
export const suspectInterviewed = (eventId: string, suspectRef = 'S-1') =>
  event('SuspectInterviewed', eventId, { suspectRef, underCaution: true, voluntary: false });
export const bailDecision = (eventId: string, suspectRef = 'S-1') =>
  event('BailDecision', eventId, { suspectRef, kind: 'pre-charge-bail', until: '2024-06-02' });
export const chargingAdviceRequested = (eventId: string, suspectRef = 'S-1') =>
  event('ChargingAdviceRequested', eventId, { suspectRef, kind: 'charging-decision', triage: 'red' });
export const chargingDecisionMade = (eventId: string, suspectRef = 'S-1') =>
  event('ChargingDecisionMade', eventId, { suspectRef, by: 'cps', outcome: 'charged', test: 'full-code' });
export const disruptionActionTaken = (eventId: string, suspectRef?: string) =>
  event('DisruptionActionTaken', eventId, {
    tool: 'child-abduction-warning-notice',
    targetKind: 'person',
    ...(suspectRef === undefined ? {} : { suspectRef }),
  });
export const disruptionBreached = (eventId: string, disruptionEventId: string) =>
  event('DisruptionBreached', eventId, { disruptionEventId, response: 'arrested for breach' });
export const victimUpdated = (eventId: string, aboutEventId?: string) =>
  event('VictimUpdated', eventId, { method: 'phone', ...(aboutEventId === undefined ? {} : { aboutEventId }) });
export const recordQualityFinding = (eventId: string, aboutEventId?: string) =>
  event('RecordQualityFinding', eventId, {
    kind: 'victim-blaming-language',
    ...(aboutEventId === undefined ? {} : { aboutEventId }),
  });
export const caseClosed = (eventId: string, outcomeCode = 1) =>
  event('CaseClosed', eventId, { outcomeCode, rationale: 'charged' });
export const caseReopened = (eventId: string) => event('CaseReopened', eventId, { reason: 'new evidence' });
export const entryCorrected = (
  eventId: string,
  correctsEventId: string,
  change: Pick<EntryCorrectedData, 'occurredAt' | 'data'>,
) => event('EntryCorrected', eventId, { correctsEventId, ...change, reason: 'recorded wrongly' });
export const entryRetracted = (eventId: string, retractsEventId: string) =>
  event('EntryRetracted', eventId, { retractsEventId, reason: 'recorded on the wrong case' });

/** An event as a client sends it in POST /v1/cases/:caseId/events. */
export function asEntry(e: CaseEvent): NewEntry {
  return { eventId: e.eventId, type: e.type, occurredAt: e.occurredAt, data: e.data as unknown as Record<string, unknown> };
}

export function recordEntries(...events: CaseEvent[]): RecordEntries {
  return { kind: 'RecordEntries', caseId: CASE_ID, now: NOW, entries: events.map(asEntry) };
}

export function openCase(overrides: Partial<Omit<OpenCase, 'kind'>> = {}): OpenCase {
  const opened = caseOpened();
  const report = reportReceived();
  return {
    kind: 'OpenCase',
    caseId: CASE_ID,
    now: NOW,
    opened: { eventId: opened.eventId, occurredAt: '2024-03-01T10:15:00Z', data: opened.data },
    report: { eventId: report.eventId, occurredAt: report.occurredAt, data: report.data },
    ...overrides,
  };
}
