/** Parameters of the feed, shared by both routes and the export CLI, with errors that name them. */
import { CASE_EVENT_TYPES, CaseEventType, isCaseEventType } from '../cases/domain/events';
import { ValidationFailedError } from '../common/app-error';
import type { EventStore } from '../event-store/event-store.port';

export const FEED_DEFAULT_LIMIT = 1000;
export const FEED_MAX_LIMIT = 10_000;

/** `types=A,B` or `types=A&types=B`: catalogue type names; undefined means every type. */
export function parseFeedTypes(raw: string | string[] | undefined, name = 'types'): CaseEventType[] | undefined {
  if (raw === undefined) return undefined;
  const names = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',')).map((value) => value.trim());
  const unknown = names.filter((value) => !isCaseEventType(value));
  if (names.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `unknown type(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : 'no type given';
    throw new ValidationFailedError([
      { path: name, message: `${name} must be a comma-separated list of event types (${what}); known types: ${CASE_EVENT_TYPES.join(', ')}` },
    ]);
  }
  return [...new Set(names as CaseEventType[])];
}

export function parseFeedLimit(raw: string | string[] | undefined, name = 'limit'): number {
  if (raw === undefined) return FEED_DEFAULT_LIMIT;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > FEED_MAX_LIMIT) {
    throw new ValidationFailedError([{ path: name, message: `${name} must be a whole number from 1 to ${FEED_MAX_LIMIT}` }]);
  }
  return limit;
}

/**
 * A position to read after, as the feed gave it (a line's `sequence`). The store is the judge of
 * what a position is: positions are opaque and differ between backends.
 */
export function parseFeedPosition(store: Pick<EventStore, 'comparePositions'>, raw: string | string[] | undefined, name = 'after'): string | undefined {
  if (raw === undefined) return undefined;
  const position = (Array.isArray(raw) ? raw[0] : raw).trim();
  if (position === '') return undefined;
  try {
    store.comparePositions(position, position);
  } catch {
    throw new ValidationFailedError([
      { path: name, message: `${name} must be the sequence of a feed event (a position of this store), got ${JSON.stringify(position.slice(0, 64))}` },
    ]);
  }
  return position;
}
