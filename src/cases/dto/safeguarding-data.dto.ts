/** Data of the events that safeguard and support the child (DESIGN.md section 4). */
import { ApiSchema } from '@nestjs/swagger';
import {
  AGENCIES,
  CONTACT_DIRECTIONS,
  CONTACT_METHODS,
  CONTACT_PURPOSES,
  CONTACT_WITH,
  INTERVIEW_KINDS,
  REFERRAL_URGENCIES,
  SHARE_DIRECTIONS,
  SUPPORT_SERVICES,
  type Agency,
  type ContactDirection,
  type ContactMethod,
  type ContactPurpose,
  type ContactWith,
  type InterviewKind,
  type ReferralUrgency,
  type ShareDirection,
  type SupportService,
} from '../domain/enums';
import type {
  ContactMadeData,
  InformationRequestedData,
  InformationSharedData,
  ReferralMadeData,
  StrategyDiscussionHeldData,
  VictimInterviewedData,
  VictimReferredToSupportData,
  VictimUpdatedData,
} from '../domain/events';
import { BooleanField, EnumField, EnumListField, FreeTextField, ReferenceField, UuidField } from './fields';

@ApiSchema({ description: 'Data of a ReferralMade event: the police referred the child to another agency.' })
export class ReferralMadeDataDto implements ReferralMadeData {
  @EnumField(AGENCIES, 'Agency', { description: 'The agency referred to.', example: 'childrens-social-care' })
  to!: Agency;

  @EnumField(REFERRAL_URGENCIES, 'ReferralUrgency', { description: 'How urgent the referral is.', example: 'urgent' })
  urgency!: ReferralUrgency;
}

@ApiSchema({ description: 'Data of a StrategyDiscussionHeld event: a multi-agency strategy discussion took place.' })
export class StrategyDiscussionHeldDataDto implements StrategyDiscussionHeldData {
  @EnumListField(AGENCIES, 'Agency', 'agency', {
    description: 'The agencies that took part (at least one, each once).',
    example: ['childrens-social-care', 'health'],
  })
  agencies!: Agency[];

  @BooleanField({ description: 'Whether a section 47 (Children Act 1989) enquiry was agreed.', example: true })
  section47!: boolean;
}

@ApiSchema({ description: 'Data of a ContactMade event: the police contacted someone about the case, or were contacted.' })
export class ContactMadeDataDto implements ContactMadeData {
  @EnumField(CONTACT_WITH, 'ContactWith', { description: 'Who the contact was with.', example: 'victim' })
  with!: ContactWith;

  @EnumField(AGENCIES, 'Agency', {
    requiredWhen: { when: (o: ContactMadeDataDto) => o.with === 'agency', because: 'when with is agency' },
    description: 'The agency contacted; required when with is agency.',
    example: 'school',
  })
  agency?: Agency;

  @EnumField(CONTACT_METHODS, 'ContactMethod', { description: 'How the contact was made.', example: 'in-person' })
  method!: ContactMethod;

  @EnumField(CONTACT_DIRECTIONS, 'ContactDirection', { description: 'Who initiated the contact.', example: 'outbound' })
  direction!: ContactDirection;

  @EnumField(CONTACT_PURPOSES, 'ContactPurpose', { description: 'What the contact was for.', example: 'safeguarding' })
  purpose!: ContactPurpose;

  @FreeTextField({ optional: true, description: 'What was said or done.', example: 'Home visit with social worker.' })
  notes?: string;
}

@ApiSchema({ description: 'Data of an InformationRequested event: information was asked of another agency.' })
export class InformationRequestedDataDto implements InformationRequestedData {
  @ReferenceField({ description: 'Reference of the request, to match the answer to it.', example: 'IR-2024-031' })
  requestRef!: string;

  @EnumField(AGENCIES, 'Agency', { description: 'The agency asked.', example: 'health' })
  agency!: Agency;

  @FreeTextField({ optional: true, description: 'What the information is needed for.', example: 'Sexual health clinic attendances.' })
  purpose?: string;
}

@ApiSchema({ description: 'Data of an InformationShared event: information went to or came from another agency.' })
export class InformationSharedDataDto implements InformationSharedData {
  @EnumField(AGENCIES, 'Agency', { description: 'The other agency.', example: 'health' })
  agency!: Agency;

  @EnumField(SHARE_DIRECTIONS, 'ShareDirection', { description: 'Which way the information went.', example: 'from-agency' })
  direction!: ShareDirection;

  @ReferenceField({ optional: true, description: 'The request this answers, if any.', example: 'IR-2024-031' })
  requestRef?: string;
}

@ApiSchema({ description: 'Data of a VictimReferredToSupport event: the child was referred to a support service.' })
export class VictimReferredToSupportDataDto implements VictimReferredToSupportData {
  @EnumField(SUPPORT_SERVICES, 'SupportService', { description: 'The support service referred to.', example: 'chisva' })
  service!: SupportService;
}

@ApiSchema({ description: 'Data of a VictimInterviewed event: the child gave an interview or statement.' })
export class VictimInterviewedDataDto implements VictimInterviewedData {
  @EnumField(INTERVIEW_KINDS, 'InterviewKind', {
    description: 'Achieving Best Evidence video interview or written statement.',
    example: 'abe-video',
  })
  kind!: InterviewKind;

  @BooleanField({ description: 'Whether a registered intermediary assisted.', example: true })
  intermediary!: boolean;
}

@ApiSchema({ description: 'Data of a VictimUpdated event: the child or family was told of progress; aboutEventId must be an event of the case.' })
export class VictimUpdatedDataDto implements VictimUpdatedData {
  @EnumField(CONTACT_METHODS, 'ContactMethod', { description: 'How the child or family was told.', example: 'phone' })
  method!: ContactMethod;

  @UuidField({
    optional: true,
    description: 'eventId of the decision the victim was told about (an event of the same case).',
    example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10',
  })
  aboutEventId?: string;

  @FreeTextField({ optional: true, description: 'What the victim was told.', example: 'Told of the suspect\'s arrest and bail.' })
  notes?: string;
}
