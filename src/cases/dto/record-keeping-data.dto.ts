/** Data of the events about the record itself: quality findings, closure, corrections. */
import { ApiSchema } from '@nestjs/swagger';
import { QUALITY_FINDING_KINDS, type QualityFindingKind } from '../domain/enums';
import type {
  CaseClosedData,
  CaseReopenedData,
  EntryCorrectedData,
  EntryRetractedData,
  RecordQualityFindingData,
} from '../domain/events';
import { EnumField, FreeTextField, InstantField, IntField, JsonObjectField, UuidField } from './fields';

@ApiSchema({ description: 'Data of a RecordQualityFinding event: a finding about the quality of the record; allowed on a closed case.' })
export class RecordQualityFindingDataDto implements RecordQualityFindingData {
  @EnumField(QUALITY_FINDING_KINDS, 'QualityFindingKind', {
    description: 'What is wrong with the record.',
    example: 'victim-blaming-language',
  })
  kind!: QualityFindingKind;

  @UuidField({
    optional: true,
    description: 'eventId of the entry the finding is about.',
    example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10',
  })
  aboutEventId?: string;

  @FreeTextField({ optional: true, description: 'The finding.', example: 'Notes describe the child as "promiscuous".' })
  notes?: string;
}

@ApiSchema({ description: 'Data of a CaseClosed event; only on an open case.' })
export class CaseClosedDataDto implements CaseClosedData {
  @IntField(1, 22, { description: 'Home Office crime outcome type, 1 to 22.', example: 1 })
  outcomeCode!: number;

  @FreeTextField({ optional: true, description: 'Why the case is closed.', example: 'Suspect charged; case passed to CPS.' })
  rationale?: string;
}

@ApiSchema({ description: 'Data of a CaseReopened event; only on a closed case.' })
export class CaseReopenedDataDto implements CaseReopenedData {
  @FreeTextField({ description: 'Why the case is reopened.', example: 'New disclosure by the victim.' })
  reason!: string;
}

@ApiSchema({ description: 'Data of an EntryCorrected event: replaces occurredAt and/or named data fields of an earlier entry, which stays in history; allowed on a closed case.' })
export class EntryCorrectedDataDto implements EntryCorrectedData {
  @UuidField({
    description: 'eventId of the entry corrected: an event of the same case that is not a correction or retraction.',
    example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10',
  })
  correctsEventId!: string;

  @InstantField({ optional: true, description: 'The corrected occurredAt of the entry, when that was wrong.' })
  occurredAt?: string;

  @JsonObjectField({
    nonEmpty: true,
    // With neither occurredAt nor data, the correction would change nothing.
    requiredWhen: {
      when: (o: EntryCorrectedDataDto) => o.occurredAt === undefined,
      because: 'when occurredAt is not corrected: a correction must replace occurredAt, data or both',
    },
    description:
      "The fields of the entry's data that are replaced, each valid for the entry's type (other fields are kept). " +
      'At least one of occurredAt and data is required.',
    example: { method: 'phone' },
  })
  data?: Record<string, unknown>;

  @FreeTextField({ description: 'Why the entry is corrected.', example: 'Contact was by phone, not in person.' })
  reason!: string;
}

@ApiSchema({ description: 'Data of an EntryRetracted event: withdraws an earlier entry from measurement, which stays in history; allowed on a closed case.' })
export class EntryRetractedDataDto implements EntryRetractedData {
  @UuidField({
    description: 'eventId of the entry retracted: an event of the same case that is not a correction or retraction.',
    example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10',
  })
  retractsEventId!: string;

  @FreeTextField({ description: 'Why the entry is retracted.', example: 'Recorded on the wrong case.' })
  reason!: string;
}
