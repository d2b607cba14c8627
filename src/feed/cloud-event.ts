/**
 * A stored case event as a CloudEvents 1.0 event (structured JSON mode) of the analytics feed
 * (DESIGN.md section 6, "Feed"). The officer who recorded it (recordedBy.sub) never leaves the
 * service; their role does, since "who acted" by role is part of the inspection's questions.
 */
import type { StoredEvent } from '../event-store/event-store.port';
import { caseIdOfStream } from './force-lookup';
import { Pseudonymiser, pseudonymiseData } from './pseudonymise';

export const CLOUD_EVENT_TYPE_PREFIX = 'uk.police.case-timeline.';
/** Stands in for the force of a case whose CaseOpened cannot be found (the store never holds one). */
export const UNKNOWN_FORCE = 'unknown';

/**
 * Extension attribute names must be lower-case letters and digits (CloudEvents 1.0, "Attribute
 * Naming Convention"), hence `recordedtime` rather than `recordedAt`.
 */
export interface FeedCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  /** occurredAt, in UTC. */
  time: string;
  /** recordedAt: when the service learnt of it. */
  recordedtime: string;
  /** The event's position in the log: pass it as `after` to resume behind this event. */
  sequence: string;
  schemaversion: number;
  recordedrole?: string;
  /** Pseudonymised too: a client may send any text as X-Correlation-Id. */
  correlationid?: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

export function cloudEventType(type: string, schemaVersion: number): string {
  return `${CLOUD_EVENT_TYPE_PREFIX}${type}.v${schemaVersion}`;
}

export function cloudEventSource(force: string): string {
  return `/case-timeline/${force}`;
}

export function toCloudEvent(event: StoredEvent, force: string | undefined, pseudonymise: Pseudonymiser): FeedCloudEvent {
  const domain = force ?? UNKNOWN_FORCE;
  const { metadata } = event;
  const schemaVersion = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  return {
    specversion: '1.0',
    id: event.eventId,
    source: cloudEventSource(domain),
    type: cloudEventType(event.type, schemaVersion),
    subject: caseIdOfStream(event.streamId),
    time: utc(metadata.occurredAt),
    recordedtime: utc(metadata.recordedAt),
    sequence: event.position,
    schemaversion: schemaVersion,
    ...(metadata.recordedBy?.role ? { recordedrole: metadata.recordedBy.role } : {}),
    ...(metadata.correlationId ? { correlationid: pseudonymise('correlation', domain, metadata.correlationId) } : {}),
    datacontenttype: 'application/json',
    data: pseudonymiseData(event.type, event.data, domain, pseudonymise),
  };
}

const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function utc(instant: string): string {
  // recordedAt is stored in this form already: no need to parse it again for every event.
  if (UTC_ISO.test(instant)) return instant;
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? instant : at.toISOString();
}
