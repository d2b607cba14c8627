import { AppError } from '../common/app-error';

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  readonly kind = 'unauthenticated';
  readonly title = 'Authentication required';
}

/** The caller's roles do not allow the action at all. */
export class RoleForbiddenError extends AppError {
  readonly code = 'ROLE_FORBIDDEN';
  readonly kind = 'forbidden';
  readonly title = 'Your role does not allow this';
}

/** The caller's role allows the action, but only on cases of their own force. */
export class ForceForbiddenError extends AppError {
  readonly code = 'FORCE_FORBIDDEN';
  readonly kind = 'forbidden';
  readonly title = 'This case belongs to another force';
}
