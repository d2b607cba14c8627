/**
 * The request DTO of every event type's data, one class per type of the catalogue (DESIGN.md
 * section 4). The classes live in files by group; this file is the one to import from.
 */
import { CASE_EVENT_TYPES, RECORDABLE_EVENT_TYPES, type CaseEventType } from '../domain/events';
import {
  CaseOpenedDataDto,
  CrimeRecordedDataDto,
  ReportReceivedDataDto,
  RiskAssessedDataDto,
  VictimDetailsDto,
} from './report-data.dto';
import {
  ContactMadeDataDto,
  InformationRequestedDataDto,
  InformationSharedDataDto,
  ReferralMadeDataDto,
  StrategyDiscussionHeldDataDto,
  VictimInterviewedDataDto,
  VictimReferredToSupportDataDto,
  VictimUpdatedDataDto,
} from './safeguarding-data.dto';
import {
  BailDecisionDataDto,
  ChargingAdviceRequestedDataDto,
  ChargingDecisionMadeDataDto,
  DisruptionActionTakenDataDto,
  DisruptionBreachedDataDto,
  SuspectArrestedDataDto,
  SuspectIdentifiedDataDto,
  SuspectInterviewedDataDto,
} from './suspect-data.dto';
import {
  CaseClosedDataDto,
  CaseReopenedDataDto,
  EntryCorrectedDataDto,
  EntryRetractedDataDto,
  RecordQualityFindingDataDto,
} from './record-keeping-data.dto';

export {
  BailDecisionDataDto,
  CaseClosedDataDto,
  CaseOpenedDataDto,
  CaseReopenedDataDto,
  ChargingAdviceRequestedDataDto,
  ChargingDecisionMadeDataDto,
  ContactMadeDataDto,
  CrimeRecordedDataDto,
  DisruptionActionTakenDataDto,
  DisruptionBreachedDataDto,
  EntryCorrectedDataDto,
  EntryRetractedDataDto,
  InformationRequestedDataDto,
  InformationSharedDataDto,
  RecordQualityFindingDataDto,
  ReferralMadeDataDto,
  ReportReceivedDataDto,
  RiskAssessedDataDto,
  StrategyDiscussionHeldDataDto,
  SuspectArrestedDataDto,
  SuspectIdentifiedDataDto,
  SuspectInterviewedDataDto,
  VictimDetailsDto,
  VictimInterviewedDataDto,
  VictimReferredToSupportDataDto,
  VictimUpdatedDataDto,
};

export type EventDataDtoClass = new () => object;

/** The DTO class of each type's data. A Record over CaseEventType, so a new type must add one. */
export const EVENT_DATA_DTOS: Record<CaseEventType, EventDataDtoClass> = {
  CaseOpened: CaseOpenedDataDto,
  ReportReceived: ReportReceivedDataDto,
  CrimeRecorded: CrimeRecordedDataDto,
  RiskAssessed: RiskAssessedDataDto,
  ReferralMade: ReferralMadeDataDto,
  StrategyDiscussionHeld: StrategyDiscussionHeldDataDto,
  ContactMade: ContactMadeDataDto,
  InformationRequested: InformationRequestedDataDto,
  InformationShared: InformationSharedDataDto,
  VictimReferredToSupport: VictimReferredToSupportDataDto,
  VictimInterviewed: VictimInterviewedDataDto,
  VictimUpdated: VictimUpdatedDataDto,
  SuspectIdentified: SuspectIdentifiedDataDto,
  SuspectArrested: SuspectArrestedDataDto,
  SuspectInterviewed: SuspectInterviewedDataDto,
  BailDecision: BailDecisionDataDto,
  DisruptionActionTaken: DisruptionActionTakenDataDto,
  DisruptionBreached: DisruptionBreachedDataDto,
  ChargingAdviceRequested: ChargingAdviceRequestedDataDto,
  ChargingDecisionMade: ChargingDecisionMadeDataDto,
  RecordQualityFinding: RecordQualityFindingDataDto,
  CaseClosed: CaseClosedDataDto,
  CaseReopened: CaseReopenedDataDto,
  EntryCorrected: EntryCorrectedDataDto,
  EntryRetracted: EntryRetractedDataDto,
};

/** Every data DTO, in catalogue order: the extra models the OpenAPI document must register. */
export const EVENT_DATA_DTO_CLASSES: EventDataDtoClass[] = CASE_EVENT_TYPES.map((type) => EVENT_DATA_DTOS[type]);

/** The data DTOs a client may send to POST /v1/cases/:caseId/events. */
export const RECORDABLE_EVENT_DATA_DTO_CLASSES: EventDataDtoClass[] = RECORDABLE_EVENT_TYPES.map((type) => EVENT_DATA_DTOS[type]);
