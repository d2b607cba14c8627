/** Parsing of path, query and header values, with errors that name the parameter. */
import { ValidationFailedError } from './app-error';
import { isInstantWithOffset } from '../cases/dto/validators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUuidParam(name: string, value: string): string {
  if (!UUID.test(value)) throw new ValidationFailedError([{ path: name, message: `${name} must be a UUID` }]);
  return value.toLowerCase();
}

/** `If-Match: "3"` (also 3 or W/"3"); undefined when absent or `*`. */
export function parseIfMatch(value: string | string[] | undefined): number | undefined {
  if (value === undefined || value === '*') return undefined;
  const raw = Array.isArray(value) ? value[0] : value;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!match) {
    throw new ValidationFailedError([{ path: 'If-Match', message: 'If-Match must be the ETag of the case, e.g. "3"' }]);
  }
  return Number(match[1]);
}

export function parseInstantQuery(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isInstantWithOffset(value)) {
    throw new ValidationFailedError([
      { path: name, message: `${name} must be an ISO 8601 date-time with an offset or Z, e.g. 2024-03-01T10:15:00Z` },
    ]);
  }
  return new Date(value);
}

export function etag(revision: number): string {
  return `"${revision}"`;
}
