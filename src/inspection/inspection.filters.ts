/** Query parameters of the inspection routes, parsed once, with errors that name the parameter. */
import { DateTime } from 'luxon';
import { FieldError, ValidationFailedError } from '../common/app-error';
import { isInstantWithOffset } from '../cases/dto/validators';

export const GROUP_BY = ['force', 'area', 'riskLevel'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface InspectionFilters {
  forces?: string[];
  /** Inclusive, ms since the epoch. */
  fromMs?: number;
  /** Exclusive, ms since the epoch. */
  toMs?: number;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from` and `to` take a date (a Europe/London calendar day: `to` includes its whole day) or an
 * instant with an offset (`to` then excluded).
 */
function parseBound(name: 'from' | 'to', value: string, errors: FieldError[]): number | undefined {
  if (DATE.test(value)) {
    const day = DateTime.fromISO(value, { zone: 'Europe/London' });
    if (!day.isValid) {
      errors.push({ path: name, message: `${name} is not a real date` });
      return undefined;
    }
    return (name === 'to' ? day.plus({ days: 1 }) : day).toMillis();
  }
  if (isInstantWithOffset(value)) return Date.parse(value);
  errors.push({ path: name, message: `${name} must be a date (2024-03-31) or an ISO 8601 date-time with an offset` });
  return undefined;
}

export function parseFilters(query: Record<string, string | undefined>, errors: FieldError[] = []): InspectionFilters {
  const filters: InspectionFilters = {};
  if (query.force) {
    const forces = query.force.split(',').map((f) => f.trim()).filter(Boolean);
    const bad = forces.filter((f) => !SLUG.test(f));
    if (bad.length > 0) errors.push({ path: 'force', message: `force must be force slugs separated by commas, e.g. west-yorkshire,merseyside` });
    else filters.forces = forces;
  }
  if (query.from) filters.fromMs = parseBound('from', query.from, errors);
  if (query.to) filters.toMs = parseBound('to', query.to, errors);
  if (filters.fromMs !== undefined && filters.toMs !== undefined && filters.fromMs >= filters.toMs) {
    errors.push({ path: 'to', message: 'to must be after from' });
  }
  return filters;
}

export function parseEnum<T extends string>(name: string, value: string | undefined, allowed: readonly T[], errors: FieldError[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ path: name, message: `${name} must be one of ${allowed.join(', ')}` });
  return undefined;
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/** The filters as echoed in a response, in the terms the caller used. */
export function describeFilters(query: Record<string, string | undefined>, keys: string[]): Record<string, string> {
  const echoed: Record<string, string> = {};
  for (const key of keys) if (query[key]) echoed[key] = query[key]!;
  return echoed;
}
