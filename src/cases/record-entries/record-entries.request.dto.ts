/** Body of POST /v1/cases/:caseId/events: 1 to 500 entries, each an event of the catalogue. */
import { ApiExtraModels, ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { ValidationFailedError, type FieldError } from '../../common/app-error';
import { RECORDABLE_EVENT_TYPES, type CaseEventType } from '../domain/events';
import { EVENT_DATA_DTO_CLASSES, RECORDABLE_EVENT_DATA_DTO_CLASSES } from '../dto/event-data.dto';
import { InstantField, UuidField } from '../dto/fields';
import { byEntry, isJsonObject, validateDto, validateEventDataValue } from '../dto/validate';
import { IsBoundedList, IsJsonObject, IsOneOf, IsPresent } from '../dto/validators';

export { EVENT_DATA_DTO_CLASSES };

export const MAX_ENTRIES_PER_REQUEST = 500;

const RECORDABLE: readonly string[] = RECORDABLE_EVENT_TYPES;

@ApiExtraModels(...RECORDABLE_EVENT_DATA_DTO_CLASSES)
@ApiSchema({ description: 'One entry: an event of the catalogue, whose data schema depends on its type.' })
export class RecordEntryDto {
  @UuidField({
    optional: true,
    description: 'Id of the event. Send one to make a retry idempotent; the server makes one up otherwise.',
    example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10',
  })
  eventId?: string;

  @IsPresent()
  @IsOneOf(RECORDABLE, {
    // CaseOpened is in the catalogue, so the plain "must be one of" would puzzle whoever sends it.
    message: (args) =>
      args.value === 'CaseOpened'
        ? 'type CaseOpened is not recorded here: a case is opened with POST /v1/cases'
        : `type must be one of: ${RECORDABLE.join(', ')}`,
  })
  @ApiProperty({
    enum: [...RECORDABLE_EVENT_TYPES],
    enumName: 'RecordableEventType',
    description: 'The event type, which decides the schema of data. CaseOpened is written only by POST /v1/cases.',
    example: 'ContactMade',
  })
  type!: CaseEventType;

  @InstantField({ description: 'When it happened in the world: ISO 8601 with an offset or Z (a bare local time is refused).' })
  occurredAt!: string;

  @IsPresent()
  @IsJsonObject()
  @ApiProperty({
    description:
      'The payload, whose schema depends on type: the schema named <type>DataDto (e.g. ContactMadeDataDto for ContactMade). ' +
      'Unknown fields are refused.',
    oneOf: RECORDABLE_EVENT_DATA_DTO_CLASSES.map((cls) => ({ $ref: getSchemaPath(cls) })),
    example: { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' },
  })
  data!: Record<string, unknown>;
}

@ApiSchema({ description: 'Entries to record on a case, stored atomically.' })
export class RecordEntriesRequestDto {
  @IsPresent()
  @IsBoundedList({ minItems: 1, maxItems: MAX_ENTRIES_PER_REQUEST, itemName: 'entry', itemsName: 'entries' })
  @ValidateNested()
  @Type(() => RecordEntryDto)
  @ApiProperty({
    type: () => [RecordEntryDto],
    minItems: 1,
    maxItems: MAX_ENTRIES_PER_REQUEST,
    description: 'The entries, decided in order and stored atomically: all or none.',
  })
  events!: RecordEntryDto[];
}

function unique(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Validates the body of POST /v1/cases/:caseId/events: the envelope, then the data of every entry
 * against its type, so that one 400 names every bad field of every entry. An entry whose type is
 * unknown has its data left unchecked: there is nothing to check it against. The data of an
 * EntryCorrected is checked here only as an object: its fields depend on the type of its target,
 * which only the case knows (see validateEventData with partial: true).
 *
 * @throws ValidationFailedError listing every bad field.
 */
export function parseRecordEntriesRequest(body: unknown): RecordEntriesRequestDto {
  const envelope = validateDto(RecordEntriesRequestDto, body);
  const errors = [...envelope.errors];
  const entries: unknown[] = isJsonObject(body) && Array.isArray(body.events) ? body.events : [];
  const data: Record<string, unknown>[] = [];
  entries.forEach((entry, i) => {
    if (!isJsonObject(entry) || typeof entry.type !== 'string' || !RECORDABLE.includes(entry.type)) return;
    if (!isJsonObject(entry.data)) return; // reported by the envelope
    const checked = validateEventDataValue(entry.type as CaseEventType, entry.data, { pathPrefix: `events[${i}].data` });
    errors.push(...checked.errors);
    if (checked.value) data[i] = checked.value;
  });
  if (errors.length > 0 || !envelope.value) throw new ValidationFailedError(byEntry(unique(errors)));
  return { events: envelope.value.events.map((entry, i) => ({ ...entry, data: data[i] })) };
}
