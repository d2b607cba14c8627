/**
 * The one base of the service's own errors. Each carries a stable `code` that clients can rely on
 * and a `kind` that the single problem+json filter turns into an HTTP status; domain code never
 * imports Nest's HTTP exceptions.
 */
export type ErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409
  | 'precondition-failed' // 412
  | 'payload-too-large' // 413
  | 'unavailable'; // 503

export interface FieldError {
  /** Where in the request, e.g. `events[1].data.method`. */
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  /** Short, human title for the problem type. */
  abstract readonly title: string;
  constructor(
    message: string,
    readonly errors?: FieldError[],
    /** Extra members of the problem document, e.g. expectedRevision and actualRevision. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  readonly title = 'The request is not valid';
  constructor(errors: FieldError[], message?: string) {
    super(message ?? `${errors.length} field(s) are not valid: ${errors.map((e) => e.path).join(', ')}`, errors);
  }
}

/** If-Match named a revision the case is no longer (or not yet) at. */
export class RevisionMismatchError extends AppError {
  readonly code = 'REVISION_MISMATCH';
  readonly kind = 'precondition-failed';
  readonly title = 'The case has changed since you read it';
  constructor(expected: number | string, actual: number | string) {
    super(
      `If-Match expected revision ${String(expected)}, but the case is at revision ${String(actual)}: read it again and retry`,
      undefined,
      { expectedRevision: expected, actualRevision: actual },
    );
  }
}

/** The store cannot be reached; the client may retry. */
export class ServiceUnavailableError extends AppError {
  readonly code = 'STORE_UNAVAILABLE';
  readonly kind = 'unavailable';
  readonly title = 'The event store is unavailable';
}

/** The body could not be parsed as JSON. */
export class MalformedJsonError extends AppError {
  readonly code = 'MALFORMED_JSON';
  readonly kind = 'validation';
  readonly title = 'The body is not valid JSON';
}
