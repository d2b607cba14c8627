/** Data of the events about suspects: identification, arrest, bail, disruption, charging. */
import { ApiSchema } from '@nestjs/swagger';
import {
  AGE_BANDS,
  BAIL_KINDS,
  CHARGING_ADVICE_KINDS,
  CHARGING_OUTCOMES,
  CHARGING_TESTS,
  DECIDED_BY,
  DISRUPTION_TOOLS,
  ETHNICITIES,
  SEXES,
  TARGET_KINDS,
  TRIAGES,
  type AgeBand,
  type BailKind,
  type ChargingAdviceKind,
  type ChargingOutcome,
  type ChargingTest,
  type DecidedBy,
  type DisruptionTool,
  type Ethnicity,
  type Sex,
  type TargetKind,
  type Triage,
} from '../domain/enums';
import type {
  BailDecisionData,
  ChargingAdviceRequestedData,
  ChargingDecisionMadeData,
  DisruptionActionTakenData,
  DisruptionBreachedData,
  SuspectArrestedData,
  SuspectIdentifiedData,
  SuspectInterviewedData,
} from '../domain/events';
import {
  BooleanField,
  DateOrInstantField,
  EnumField,
  FreeTextField,
  ReferenceField,
  StringListField,
  UuidField,
} from './fields';

const SUSPECT_REF = { description: 'Pseudonymous reference of the suspect within the case.', example: 'S-01' };

@ApiSchema({ description: 'Data of a SuspectIdentified event: a suspect was identified; suspectRef must be new in the case.' })
export class SuspectIdentifiedDataDto implements SuspectIdentifiedData {
  @ReferenceField({ ...SUSPECT_REF, description: `${SUSPECT_REF.description} Unique in the case.` })
  suspectRef!: string;

  @EnumField(SEXES, 'Sex', { optional: true, description: 'Sex of the suspect.', example: 'male' })
  sex?: Sex;

  @EnumField(AGE_BANDS, 'AgeBand', { optional: true, description: 'Age band of the suspect.', example: '25-34' })
  ageBand?: AgeBand;

  @EnumField(ETHNICITIES, 'Ethnicity', { optional: true, description: 'ONS 2021 ethnic group of the suspect.', example: 'not-stated' })
  ethnicity?: Ethnicity;

  @ReferenceField({ optional: true, description: 'Nationality of the suspect.', example: 'British' })
  nationality?: string;

  @ReferenceField({ optional: true, description: 'Reference of the offending network, if one is known.', example: 'NET-7' })
  networkRef?: string;
}

@ApiSchema({ description: 'Data of a SuspectArrested event; the suspect must have been identified.' })
export class SuspectArrestedDataDto implements SuspectArrestedData {
  @ReferenceField(SUSPECT_REF)
  suspectRef!: string;
}

@ApiSchema({ description: 'Data of a SuspectInterviewed event; the suspect must have been identified.' })
export class SuspectInterviewedDataDto implements SuspectInterviewedData {
  @ReferenceField(SUSPECT_REF)
  suspectRef!: string;

  @BooleanField({ description: 'Whether the interview was under caution.', example: true })
  underCaution!: boolean;

  @BooleanField({ description: 'Whether the suspect attended voluntarily (not under arrest).', example: false })
  voluntary!: boolean;
}

@ApiSchema({ description: 'Data of a BailDecision event; the suspect must have been identified.' })
export class BailDecisionDataDto implements BailDecisionData {
  @ReferenceField(SUSPECT_REF)
  suspectRef!: string;

  @EnumField(BAIL_KINDS, 'BailKind', { description: 'The decision taken.', example: 'pre-charge-bail' })
  kind!: BailKind;

  @DateOrInstantField({
    optional: true,
    description: 'When the bail ends: a date (YYYY-MM-DD) or a date-time with an offset.',
    example: '2024-06-01',
  })
  until?: string;
}

@ApiSchema({ description: 'Data of a DisruptionActionTaken event: a disruption tool was used.' })
export class DisruptionActionTakenDataDto implements DisruptionActionTakenData {
  @EnumField(DISRUPTION_TOOLS, 'DisruptionTool', { description: 'The disruption tool used.', example: 'child-abduction-warning-notice' })
  tool!: DisruptionTool;

  @EnumField(TARGET_KINDS, 'TargetKind', { description: 'What the action was aimed at.', example: 'person' })
  targetKind!: TargetKind;

  @ReferenceField({ optional: true, description: 'Reference of the premises, vehicle or business targeted.', example: 'PREM-12' })
  targetRef?: string;

  @ReferenceField({ ...SUSPECT_REF, optional: true, description: 'The suspect targeted, if the target is one.' })
  suspectRef?: string;

  @DateOrInstantField({
    optional: true,
    description: 'When the notice or order expires: a date (YYYY-MM-DD) or a date-time with an offset.',
    example: '2026-03-01',
  })
  expiresAt?: string;
}

@ApiSchema({ description: 'Data of a DisruptionBreached event; disruptionEventId must be a DisruptionActionTaken of the case.' })
export class DisruptionBreachedDataDto implements DisruptionBreachedData {
  @UuidField({
    description: 'eventId of the DisruptionActionTaken that was breached (an event of the same case).',
    example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  })
  disruptionEventId!: string;

  @FreeTextField({ optional: true, description: 'What the police did about the breach.', example: 'Suspect arrested for breach.' })
  response?: string;
}

@ApiSchema({ description: 'Data of a ChargingAdviceRequested event: the CPS was asked for advice; the suspect must have been identified.' })
export class ChargingAdviceRequestedDataDto implements ChargingAdviceRequestedData {
  @ReferenceField(SUSPECT_REF)
  suspectRef!: string;

  @EnumField(CHARGING_ADVICE_KINDS, 'ChargingAdviceKind', { description: 'What was asked of the CPS.', example: 'charging-decision' })
  kind!: ChargingAdviceKind;

  @EnumField(TRIAGES, 'Triage', { optional: true, description: 'CPS triage of the file.', example: 'green-priority' })
  triage?: Triage;
}

@ApiSchema({ description: 'Data of a ChargingDecisionMade event; the suspect must have been identified.' })
export class ChargingDecisionMadeDataDto implements ChargingDecisionMadeData {
  @ReferenceField(SUSPECT_REF)
  suspectRef!: string;

  @EnumField(DECIDED_BY, 'DecidedBy', { description: 'Who made the decision.', example: 'cps' })
  by!: DecidedBy;

  @EnumField(CHARGING_OUTCOMES, 'ChargingOutcome', { description: 'The decision.', example: 'charged' })
  outcome!: ChargingOutcome;

  @EnumField(CHARGING_TESTS, 'ChargingTest', {
    requiredWhen: { when: (o: ChargingDecisionMadeDataDto) => o.outcome === 'charged', because: 'when outcome is charged' },
    description: 'The Code for Crown Prosecutors test applied; required when outcome is charged.',
    example: 'full-code',
  })
  test?: ChargingTest;

  @StringListField({
    optional: true,
    description: 'The offences charged or considered.',
    example: ['Rape of a child under 13 (SOA 2003 s.5)'],
  })
  offences?: string[];
}
