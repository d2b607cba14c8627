import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED (every bad field named in `errors`), MALFORMED_JSON, OCCURRED_IN_FUTURE',
  401: 'UNAUTHENTICATED: no or bad bearer token',
  403: 'ROLE_FORBIDDEN or FORCE_FORBIDDEN',
  404: 'CASE_NOT_FOUND',
  409: 'A broken rule of the case: CASE_CLOSED, CASE_ALREADY_EXISTS, SUSPECT_NOT_IDENTIFIED, ...',
  412: 'REVISION_MISMATCH: the case is no longer at the If-Match revision',
  413: 'PAYLOAD_TOO_LARGE: over 1 MiB',
};

/** Documents the problem+json answers a route can give. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `application/problem+json: ${DESCRIPTIONS[status] ?? ''}`,
      }),
    ),
  );
}
