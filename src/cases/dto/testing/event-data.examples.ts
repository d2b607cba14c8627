/**
 * Example payloads of every event type, valid by the catalogue's rules: for specs of the DTOs and
 * of anything that needs a realistic event of each type.
 */
import type { CaseEventDataMap, CaseEventType } from '../../domain/events';

export type EventDataExamples = { [K in CaseEventType]: CaseEventDataMap[K] };

export const EXAMPLE_EVENT_ID = '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10';

/** Every field of every type, each with a value a force would record. */
export const FULL_EVENT_DATA: EventDataExamples = {
  CaseOpened: {
    force: 'west-yorkshire',
    jurisdiction: 'england',
    area: 'bradford',
    victim: { ref: 'V-2024-0193', ageAtReport: 14, sex: 'female', ethnicity: 'white-british', disability: false },
    groupBased: true,
  },
  ReportReceived: {
    source: 'school',
    channel: 'agency-referral',
    agency: 'school',
    indicators: ['missing-from-home', 'older-boyfriend'],
    summary: 'Pupil picked up from school by adult males.',
  },
  CrimeRecorded: { crimeRef: '13/45678/24', offence: 'Sexual activity with a child', cseFlag: true, groupBasedFlag: false },
  RiskAssessed: { level: 'very-high', rationale: 'Repeat missing episodes.' },
  ReferralMade: { to: 'childrens-social-care', urgency: 'immediate' },
  StrategyDiscussionHeld: { agencies: ['childrens-social-care', 'health', 'school'], section47: true },
  ContactMade: { with: 'agency', agency: 'school', method: 'phone', direction: 'inbound', purpose: 'information-request', notes: 'DSL called back.' },
  InformationRequested: { requestRef: 'IR-2024-031', agency: 'health', purpose: 'Sexual health clinic attendances.' },
  InformationShared: { agency: 'health', direction: 'from-agency', requestRef: 'IR-2024-031' },
  VictimReferredToSupport: { service: 'chisva' },
  VictimInterviewed: { kind: 'abe-video', intermediary: true },
  VictimUpdated: { method: 'in-person', aboutEventId: EXAMPLE_EVENT_ID, notes: 'Told of the arrest.' },
  SuspectIdentified: { suspectRef: 'S-01', sex: 'male', ageBand: '25-34', ethnicity: 'not-stated', nationality: 'British', networkRef: 'NET-7' },
  SuspectArrested: { suspectRef: 'S-01' },
  SuspectInterviewed: { suspectRef: 'S-01', underCaution: true, voluntary: false },
  BailDecision: { suspectRef: 'S-01', kind: 'pre-charge-bail', until: '2024-06-01' },
  DisruptionActionTaken: {
    tool: 'child-abduction-warning-notice',
    targetKind: 'person',
    targetRef: 'P-3',
    suspectRef: 'S-01',
    expiresAt: '2026-03-01T00:00:00Z',
  },
  DisruptionBreached: { disruptionEventId: EXAMPLE_EVENT_ID, response: 'Arrested for the breach.' },
  ChargingAdviceRequested: { suspectRef: 'S-01', kind: 'charging-decision', triage: 'green-priority' },
  ChargingDecisionMade: { suspectRef: 'S-01', by: 'cps', outcome: 'charged', test: 'full-code', offences: ['Rape of a child under 13'] },
  RecordQualityFinding: { kind: 'victim-blaming-language', aboutEventId: EXAMPLE_EVENT_ID, notes: 'Child described as "promiscuous".' },
  CaseClosed: { outcomeCode: 16, rationale: 'Victim does not support action.' },
  CaseReopened: { reason: 'New disclosure.' },
  EntryCorrected: { correctsEventId: EXAMPLE_EVENT_ID, occurredAt: '2024-03-01T10:15:00+00:00', data: { method: 'phone' }, reason: 'Was by phone.' },
  EntryRetracted: { retractsEventId: EXAMPLE_EVENT_ID, reason: 'Recorded on the wrong case.' },
};

/** Only the fields the catalogue marks as required (bold in DESIGN.md section 4). */
export const REQUIRED_EVENT_DATA: { [K in CaseEventType]: Partial<CaseEventDataMap[K]> } = {
  CaseOpened: { force: 'west-yorkshire', victim: { ref: 'V-1' } },
  ReportReceived: { source: 'anonymous', channel: 'online' },
  CrimeRecorded: { crimeRef: 'C-1', offence: 'Grooming', cseFlag: false, groupBasedFlag: false },
  RiskAssessed: { level: 'low' },
  ReferralMade: { to: 'mash', urgency: 'routine' },
  StrategyDiscussionHeld: { agencies: ['mash'], section47: false },
  ContactMade: { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' },
  InformationRequested: { requestRef: 'IR-1', agency: 'housing' },
  InformationShared: { agency: 'housing', direction: 'to-agency' },
  VictimReferredToSupport: { service: 'isva' },
  VictimInterviewed: { kind: 'written-statement', intermediary: false },
  VictimUpdated: { method: 'phone' },
  SuspectIdentified: { suspectRef: 'S-1' },
  SuspectArrested: { suspectRef: 'S-1' },
  SuspectInterviewed: { suspectRef: 'S-1', underCaution: false, voluntary: true },
  BailDecision: { suspectRef: 'S-1', kind: 'released-under-investigation' },
  DisruptionActionTaken: { tool: 'vehicle-marker', targetKind: 'vehicle' },
  DisruptionBreached: { disruptionEventId: EXAMPLE_EVENT_ID },
  ChargingAdviceRequested: { suspectRef: 'S-1', kind: 'early-advice' },
  ChargingDecisionMade: { suspectRef: 'S-1', by: 'police', outcome: 'nfa-evidential' },
  RecordQualityFinding: { kind: 'missing-data' },
  CaseClosed: { outcomeCode: 1 },
  CaseReopened: { reason: 'New evidence.' },
  EntryCorrected: { correctsEventId: EXAMPLE_EVENT_ID, data: { method: 'phone' }, reason: 'Typo.' },
  EntryRetracted: { retractsEventId: EXAMPLE_EVENT_ID, reason: 'Duplicate.' },
};
