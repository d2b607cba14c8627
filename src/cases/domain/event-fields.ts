/**
 * The top-level data fields of each event type, as data: a ruleset names fields in `where` and
 * `match`, and a field that no event of the type can carry would make a rule silently measure
 * nothing. The type below rejects a name the catalogue does not have; event-fields.spec.ts checks
 * that none is missing, against the full example of each type.
 */
import type { CaseEventDataMap, CaseEventType } from './events';

type FieldsOf = { readonly [K in CaseEventType]: readonly (keyof CaseEventDataMap[K] & string)[] };

const FIELDS = {
  CaseOpened: ['force', 'jurisdiction', 'area', 'victim', 'groupBased'],
  ReportReceived: ['source', 'channel', 'agency', 'indicators', 'summary'],
  CrimeRecorded: ['crimeRef', 'offence', 'cseFlag', 'groupBasedFlag'],
  RiskAssessed: ['level', 'rationale'],
  ReferralMade: ['to', 'urgency'],
  StrategyDiscussionHeld: ['agencies', 'section47'],
  ContactMade: ['with', 'agency', 'method', 'direction', 'purpose', 'notes'],
  InformationRequested: ['requestRef', 'agency', 'purpose'],
  InformationShared: ['agency', 'direction', 'requestRef'],
  VictimReferredToSupport: ['service'],
  VictimInterviewed: ['kind', 'intermediary'],
  VictimUpdated: ['method', 'aboutEventId', 'notes'],
  SuspectIdentified: ['suspectRef', 'sex', 'ageBand', 'ethnicity', 'nationality', 'networkRef'],
  SuspectArrested: ['suspectRef'],
  SuspectInterviewed: ['suspectRef', 'underCaution', 'voluntary'],
  BailDecision: ['suspectRef', 'kind', 'until'],
  DisruptionActionTaken: ['tool', 'targetKind', 'targetRef', 'suspectRef', 'expiresAt'],
  DisruptionBreached: ['disruptionEventId', 'response'],
  ChargingAdviceRequested: ['suspectRef', 'kind', 'triage'],
  ChargingDecisionMade: ['suspectRef', 'by', 'outcome', 'test', 'offences'],
  RecordQualityFinding: ['kind', 'aboutEventId', 'notes'],
  CaseClosed: ['outcomeCode', 'rationale'],
  CaseReopened: ['reason'],
  EntryCorrected: ['correctsEventId', 'occurredAt', 'data', 'reason'],
  EntryRetracted: ['retractsEventId', 'reason'],
} as const satisfies FieldsOf;

export const EVENT_FIELDS: Readonly<Record<CaseEventType, readonly string[]>> = FIELDS;
