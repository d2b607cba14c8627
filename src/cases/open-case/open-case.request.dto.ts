/** Body of POST /v1/cases: the CaseOpened data, with the first report of the case. */
import { ApiSchema } from '@nestjs/swagger';
import { ValidationFailedError } from '../../common/app-error';
import type { Jurisdiction } from '../domain/enums';
import { CaseOpenedDataDto, ReportReceivedDataDto } from '../dto/event-data.dto';
import { InstantField, NestedField, UuidField } from '../dto/fields';
import { validateDto } from '../dto/validate';

/** The first report: a ReportReceived, with its own event id and time. */
@ApiSchema({ description: 'The first report of a case: a ReportReceived, with its event id and time.' })
export class OpenCaseReportDto extends ReportReceivedDataDto {
  @UuidField({
    optional: true,
    description: 'Id of the ReportReceived event. Send one (with caseId and eventId) to make a retry idempotent.',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  eventId?: string;

  @InstantField({
    description: 'When the report was made: ISO 8601 with an offset or Z. The case opens at this time too.',
  })
  occurredAt!: string;
}

@ApiSchema({ description: 'Opens a case: the CaseOpened data, its ids, and the first report.' })
export class OpenCaseRequestDto extends CaseOpenedDataDto {
  @UuidField({
    optional: true,
    description: 'Id of the case. Send one to make a retry idempotent; the server makes one up otherwise.',
    example: '5d2f8c3a-1b4e-4f6a-9c7d-8e9f0a1b2c3d',
  })
  caseId?: string;

  @UuidField({
    optional: true,
    description: 'Id of the CaseOpened event. Send one (with caseId and report.eventId) to make a retry idempotent.',
    example: '9b2d4c1e-3f5a-4b6c-8d7e-0f1a2b3c4d5e',
  })
  eventId?: string;

  @NestedField(() => OpenCaseReportDto, { description: 'The report that opens the case.' })
  report!: OpenCaseReportDto;
}

/** The default of a jurisdiction left out (DESIGN.md section 4). */
export const DEFAULT_JURISDICTION: Jurisdiction = 'england';

/**
 * Validates the body of POST /v1/cases; `jurisdiction` comes back filled in with its default.
 *
 * @throws ValidationFailedError listing every bad field.
 */
export function parseOpenCaseRequest(body: unknown): OpenCaseRequestDto {
  const { value, errors } = validateDto(OpenCaseRequestDto, body);
  if (!value) throw new ValidationFailedError(errors);
  return { ...value, jurisdiction: value.jurisdiction ?? DEFAULT_JURISDICTION };
}
