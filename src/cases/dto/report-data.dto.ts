/** Data of the events that open a case and record what was reported (DESIGN.md section 4). */
import { ApiSchema } from '@nestjs/swagger';
import {
  AGENCIES,
  CHANNELS,
  ETHNICITIES,
  JURISDICTIONS,
  REPORT_SOURCES,
  RISK_LEVELS,
  SEXES,
  type Agency,
  type Channel,
  type Ethnicity,
  type Jurisdiction,
  type ReportSource,
  type RiskLevel,
  type Sex,
} from '../domain/enums';
import type {
  CaseOpenedData,
  CrimeRecordedData,
  ReportReceivedData,
  RiskAssessedData,
  VictimDetails,
} from '../domain/events';
import {
  BooleanField,
  EnumField,
  FreeTextField,
  IntField,
  NestedField,
  ReferenceField,
  SlugField,
  StringListField,
} from './fields';

@ApiSchema({ description: 'The child at the centre of a case, by pseudonymous reference.' })
export class VictimDetailsDto implements VictimDetails {
  @ReferenceField({
    description: 'Pseudonymous reference of the child, never a name.',
    example: 'V-2024-0193',
  })
  ref!: string;

  @IntField(0, 17, { optional: true, description: 'Age in whole years when the case was reported.', example: 14 })
  ageAtReport?: number;

  @EnumField(SEXES, 'Sex', { optional: true, description: 'Sex of the child.', example: 'female' })
  sex?: Sex;

  @EnumField(ETHNICITIES, 'Ethnicity', {
    optional: true,
    description: 'ONS 2021 ethnic group; not-stated when the child or family declined.',
    example: 'white-british',
  })
  ethnicity?: Ethnicity;

  @BooleanField({ optional: true, description: 'Whether the child has a disability.', example: false })
  disability?: boolean;
}

// jurisdiction is stored on every CaseOpened, but a client may leave it out (it defaults to
// england), so the DTO cannot promise it.
type CaseOpenedInput = Omit<CaseOpenedData, 'jurisdiction'> & Partial<Pick<CaseOpenedData, 'jurisdiction'>>;

@ApiSchema({ description: 'Data of a CaseOpened event: the first event of every case, written by POST /v1/cases with the first ReportReceived.' })
export class CaseOpenedDataDto implements CaseOpenedInput {
  @SlugField({ description: 'The police force that owns the case.', example: 'west-yorkshire' })
  force!: string;

  @EnumField(JURISDICTIONS, 'Jurisdiction', {
    optional: true,
    description: 'Which nation\'s rules apply; england when left out.',
    example: 'england',
  })
  jurisdiction?: Jurisdiction;

  @ReferenceField({ optional: true, description: 'Policing area or district within the force.', example: 'bradford' })
  area?: string;

  @NestedField(() => VictimDetailsDto, { description: 'The child at the centre of the case.' })
  victim!: VictimDetailsDto;

  @BooleanField({ optional: true, description: 'Whether the exploitation is thought to be group-based.', example: false })
  groupBased?: boolean;
}

@ApiSchema({ description: 'Data of a ReportReceived event: a report of concern reached the police.' })
export class ReportReceivedDataDto implements ReportReceivedData {
  @EnumField(REPORT_SOURCES, 'ReportSource', { description: 'Who made the report.', example: 'school' })
  source!: ReportSource;

  @EnumField(CHANNELS, 'Channel', { description: 'How the report reached the police.', example: 'agency-referral' })
  channel!: Channel;

  @EnumField(AGENCIES, 'Agency', { optional: true, description: 'The agency that reported, if one did.', example: 'school' })
  agency?: Agency;

  @StringListField({
    optional: true,
    description: 'CSE indicators noted in the report.',
    example: ['missing-from-home', 'older-boyfriend'],
  })
  indicators?: string[];

  @FreeTextField({
    optional: true,
    description: 'What was reported, in the recorder\'s words.',
    example: 'Designated safeguarding lead reports the pupil is picked up from school by adult males.',
  })
  summary?: string;
}

@ApiSchema({ description: 'Data of a CrimeRecorded event: a crime was recorded.' })
export class CrimeRecordedDataDto implements CrimeRecordedData {
  @ReferenceField({ description: 'Crime reference number.', example: '13/45678/24' })
  crimeRef!: string;

  @ReferenceField({ description: 'The offence recorded.', example: 'Sexual activity with a child (SOA 2003 s.9)' })
  offence!: string;

  @BooleanField({ description: 'Whether the crime carries the child sexual exploitation flag.', example: true })
  cseFlag!: boolean;

  @BooleanField({ description: 'Whether the crime carries the group-based flag.', example: false })
  groupBasedFlag!: boolean;
}

@ApiSchema({ description: 'Data of a RiskAssessed event: the risk to the child was assessed.' })
export class RiskAssessedDataDto implements RiskAssessedData {
  @EnumField(RISK_LEVELS, 'RiskLevel', { description: 'The assessed level of risk to the child.', example: 'high' })
  level!: RiskLevel;

  @FreeTextField({ optional: true, description: 'Why this level was chosen.', example: 'Repeat missing episodes.' })
  rationale?: string;
}
