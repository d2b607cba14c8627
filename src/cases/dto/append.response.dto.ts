/** Response bodies of the write routes (POST /v1/cases and POST /v1/cases/:caseId/events). */
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CASE_EVENT_TYPES, type CaseEventType } from '../domain/events';

@ApiSchema({ description: 'An event as stored.' })
export class AppendedEventDto {
  @ApiProperty({ format: 'uuid', example: '0a5e4f0e-8c1b-4d0f-9a51-3f3f4c2b7d10' })
  eventId!: string;

  @ApiProperty({ enum: [...CASE_EVENT_TYPES], enumName: 'CaseEventType', example: 'ContactMade' })
  type!: CaseEventType;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Position of the event in its case (0-based).', example: 3 })
  revision!: number;

  @ApiProperty({
    description: 'Position in the global log: opaque, compare only for equality (EventStoreDB positions are 64-bit).',
    example: '1042',
  })
  position!: string;
}

@ApiSchema({ description: 'The events stored by a write, and the revision of the case after it.' })
export class AppendResponseDto {
  @ApiProperty({ format: 'uuid', example: '5d2f8c3a-1b4e-4f6a-9c7d-8e9f0a1b2c3d' })
  caseId!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Revision of the case after the append; also the ETag, for If-Match on the next write.',
    example: 3,
  })
  revision!: number;

  @ApiProperty({ type: () => [AppendedEventDto], description: 'The events stored, in the order sent.' })
  events!: AppendedEventDto[];
}
