/**
 * Commands of a case, as the decider takes them. Payloads have already been validated (shapes,
 * enums, formats) by the HTTP layer; the decider enforces the business rules. The clock comes in
 * on the command (`now`), so the decider stays pure.
 */
import type { CaseEventType, CaseOpenedData, ReportReceivedData } from './events';

/** One entry of a RecordEntries request; its position in `entries` is its `events[i]` path. */
export interface NewEntry {
  eventId: string;
  type: CaseEventType;
  /** ISO 8601 with an offset or Z. */
  occurredAt: string;
  data: Record<string, unknown>;
}

/** POST /v1/cases: writes CaseOpened and the first ReportReceived together. */
export interface OpenCase {
  kind: 'OpenCase';
  caseId: string;
  now: Date;
  /**
   * `occurredAt` is not used: CaseOpened takes the report's occurredAt, so a case never starts
   * after its first report (the clocks measured from the report would otherwise look early).
   * `data.jurisdiction` may be left out: it defaults to 'england'.
   */
  opened: { eventId: string; occurredAt: string; data: CaseOpenedData };
  report: { eventId: string; occurredAt: string; data: ReportReceivedData };
}

/** POST /v1/cases/:caseId/events: 1 to 500 entries, decided in order, all or none. */
export interface RecordEntries {
  kind: 'RecordEntries';
  caseId: string;
  now: Date;
  entries: NewEntry[];
}

export type CaseCommand = OpenCase | RecordEntries;

/** How far ahead of the server clock an occurredAt may be: clocks of devices drift. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
