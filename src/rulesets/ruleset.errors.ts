import { AppError } from '../common/app-error';

export class RulesetNotFoundError extends AppError {
  readonly code = 'RULESET_NOT_FOUND';
  readonly kind = 'not-found';
  readonly title = 'No such ruleset or version';
}

/** A version number that is not the next one, or a publication that raced another. */
export class RulesetVersionConflictError extends AppError {
  readonly code = 'RULESET_VERSION_CONFLICT';
  readonly kind = 'conflict';
  readonly title = 'That version cannot be published';
}
