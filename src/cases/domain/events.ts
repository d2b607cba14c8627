/**
 * The event catalogue, schemaVersion 1 (DESIGN.md section 4). Each event has an explicit, stable
 * type string: stored history depends on it, so never derive it from a class name.
 */
import type {
  AgeBand,
  Agency,
  BailKind,
  Channel,
  ChargingAdviceKind,
  ChargingOutcome,
  ChargingTest,
  ContactDirection,
  ContactMethod,
  ContactPurpose,
  ContactWith,
  DecidedBy,
  DisruptionTool,
  Ethnicity,
  InterviewKind,
  Jurisdiction,
  QualityFindingKind,
  ReferralUrgency,
  ReportSource,
  RiskLevel,
  Sex,
  ShareDirection,
  SupportService,
  TargetKind,
  Triage,
} from './enums';

export const SCHEMA_VERSION = 1;

export interface VictimDetails {
  /** Pseudonymous reference of the child, never a name. */
  ref: string;
  ageAtReport?: number;
  sex?: Sex;
  ethnicity?: Ethnicity;
  disability?: boolean;
}

export interface CaseOpenedData {
  force: string;
  jurisdiction: Jurisdiction;
  area?: string;
  victim: VictimDetails;
  groupBased?: boolean;
}

export interface ReportReceivedData {
  source: ReportSource;
  channel: Channel;
  agency?: Agency;
  indicators?: string[];
  summary?: string;
}

export interface CrimeRecordedData {
  crimeRef: string;
  offence: string;
  cseFlag: boolean;
  groupBasedFlag: boolean;
}

export interface RiskAssessedData {
  level: RiskLevel;
  rationale?: string;
}

export interface ReferralMadeData {
  to: Agency;
  urgency: ReferralUrgency;
}

export interface StrategyDiscussionHeldData {
  agencies: Agency[];
  section47: boolean;
}

export interface ContactMadeData {
  with: ContactWith;
  agency?: Agency;
  method: ContactMethod;
  direction: ContactDirection;
  purpose: ContactPurpose;
  notes?: string;
}

export interface InformationRequestedData {
  requestRef: string;
  agency: Agency;
  purpose?: string;
}

export interface InformationSharedData {
  agency: Agency;
  direction: ShareDirection;
  requestRef?: string;
}

export interface VictimReferredToSupportData {
  service: SupportService;
}

export interface VictimInterviewedData {
  kind: InterviewKind;
  intermediary: boolean;
}

export interface VictimUpdatedData {
  method: ContactMethod;
  aboutEventId?: string;
  notes?: string;
}

export interface SuspectIdentifiedData {
  suspectRef: string;
  sex?: Sex;
  ageBand?: AgeBand;
  ethnicity?: Ethnicity;
  nationality?: string;
  networkRef?: string;
}

export interface SuspectArrestedData {
  suspectRef: string;
}

export interface SuspectInterviewedData {
  suspectRef: string;
  underCaution: boolean;
  voluntary: boolean;
}

export interface BailDecisionData {
  suspectRef: string;
  kind: BailKind;
  until?: string;
}

export interface DisruptionActionTakenData {
  tool: DisruptionTool;
  targetKind: TargetKind;
  targetRef?: string;
  suspectRef?: string;
  expiresAt?: string;
}

export interface DisruptionBreachedData {
  disruptionEventId: string;
  response?: string;
}

export interface ChargingAdviceRequestedData {
  suspectRef: string;
  kind: ChargingAdviceKind;
  triage?: Triage;
}

export interface ChargingDecisionMadeData {
  suspectRef: string;
  by: DecidedBy;
  outcome: ChargingOutcome;
  test?: ChargingTest;
  offences?: string[];
}

export interface RecordQualityFindingData {
  kind: QualityFindingKind;
  aboutEventId?: string;
  notes?: string;
}

export interface CaseClosedData {
  /** Home Office outcome type, 1 to 22. */
  outcomeCode: number;
  rationale?: string;
}

export interface CaseReopenedData {
  reason: string;
}

export interface EntryCorrectedData {
  correctsEventId: string;
  /** The corrected occurredAt of the target, when it was wrong. */
  occurredAt?: string;
  /** The fields of the target's data that are replaced (a partial payload of the target's type). */
  data?: Record<string, unknown>;
  reason: string;
}

export interface EntryRetractedData {
  retractsEventId: string;
  reason: string;
}

/** Maps each type string to its payload. The keys are the catalogue. */
export interface CaseEventDataMap {
  CaseOpened: CaseOpenedData;
  ReportReceived: ReportReceivedData;
  CrimeRecorded: CrimeRecordedData;
  RiskAssessed: RiskAssessedData;
  ReferralMade: ReferralMadeData;
  StrategyDiscussionHeld: StrategyDiscussionHeldData;
  ContactMade: ContactMadeData;
  InformationRequested: InformationRequestedData;
  InformationShared: InformationSharedData;
  VictimReferredToSupport: VictimReferredToSupportData;
  VictimInterviewed: VictimInterviewedData;
  VictimUpdated: VictimUpdatedData;
  SuspectIdentified: SuspectIdentifiedData;
  SuspectArrested: SuspectArrestedData;
  SuspectInterviewed: SuspectInterviewedData;
  BailDecision: BailDecisionData;
  DisruptionActionTaken: DisruptionActionTakenData;
  DisruptionBreached: DisruptionBreachedData;
  ChargingAdviceRequested: ChargingAdviceRequestedData;
  ChargingDecisionMade: ChargingDecisionMadeData;
  RecordQualityFinding: RecordQualityFindingData;
  CaseClosed: CaseClosedData;
  CaseReopened: CaseReopenedData;
  EntryCorrected: EntryCorrectedData;
  EntryRetracted: EntryRetractedData;
}

export type CaseEventType = keyof CaseEventDataMap;

/** Every type of the catalogue, in the catalogue's order. */
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseOpened',
  'ReportReceived',
  'CrimeRecorded',
  'RiskAssessed',
  'ReferralMade',
  'StrategyDiscussionHeld',
  'ContactMade',
  'InformationRequested',
  'InformationShared',
  'VictimReferredToSupport',
  'VictimInterviewed',
  'VictimUpdated',
  'SuspectIdentified',
  'SuspectArrested',
  'SuspectInterviewed',
  'BailDecision',
  'DisruptionActionTaken',
  'DisruptionBreached',
  'ChargingAdviceRequested',
  'ChargingDecisionMade',
  'RecordQualityFinding',
  'CaseClosed',
  'CaseReopened',
  'EntryCorrected',
  'EntryRetracted',
] as const;

/** Types a client records with POST /v1/cases/:caseId/events (CaseOpened only comes from POST /v1/cases). */
export const RECORDABLE_EVENT_TYPES: readonly CaseEventType[] = CASE_EVENT_TYPES.filter((t) => t !== 'CaseOpened');

export function isCaseEventType(value: unknown): value is CaseEventType {
  return typeof value === 'string' && (CASE_EVENT_TYPES as readonly string[]).includes(value);
}

/** A case event as the domain sees it: the stored event's identity, times and payload. */
export type CaseEvent = {
  [K in CaseEventType]: {
    type: K;
    eventId: string;
    /** ISO 8601 with an offset or Z. */
    occurredAt: string;
    data: CaseEventDataMap[K];
  };
}[CaseEventType];

export type CaseEventOf<K extends CaseEventType> = Extract<CaseEvent, { type: K }>;

/** Case stream name: one stream per case. */
export function caseStreamId(caseId: string): string {
  return `case-${caseId}`;
}

export const CASE_STREAM_PREFIX = 'case-';
