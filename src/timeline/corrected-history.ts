/**
 * A case's history as people read it: every entry once, in the order things happened, with the
 * corrections recorded by the cut applied and shown, and retracted entries kept but marked. The
 * stored events never change; this is a view of them.
 */
import { parseIsoMs } from '../timeliness/instants';

export interface HistoryEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy?: { sub: string; role: string; force: string };
  data: Record<string, unknown>;
}

export interface CorrectionNote {
  eventId: string;
  recordedAt: string;
  recordedBy?: HistoryEvent['recordedBy'];
  reason: string;
  occurredAt?: string;
  data?: Record<string, unknown>;
}

export interface HistoryEntry {
  eventId: string;
  type: string;
  /** As corrected. */
  occurredAt: string;
  recordedAt: string;
  recordedBy?: HistoryEvent['recordedBy'];
  /** As corrected: the corrections' fields replace the original's. */
  data: Record<string, unknown>;
  original: { occurredAt: string; data: Record<string, unknown> };
  corrections: CorrectionNote[];
  retracted: boolean;
  retraction?: CorrectionNote;
}

const CORRECTION = 'EntryCorrected';
const RETRACTION = 'EntryRetracted';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * @param events in stream order.
 * @param asOfMs only events recorded at or before it exist (undefined: all of them).
 */
export function correctedHistory(events: readonly HistoryEvent[], asOfMs?: number): HistoryEntry[] {
  const known = asOfMs === undefined ? events : events.filter((e) => parseIsoMs(e.recordedAt) <= asOfMs);
  const corrections = new Map<string, HistoryEvent[]>();
  const retractions = new Map<string, HistoryEvent>();
  for (const event of known) {
    if (event.type === CORRECTION) {
      const target = String(event.data.correctsEventId);
      const list = corrections.get(target);
      if (list === undefined) corrections.set(target, [event]);
      else list.push(event);
    } else if (event.type === RETRACTION) {
      const target = String(event.data.retractsEventId);
      if (!retractions.has(target)) retractions.set(target, event);
    }
  }

  // Each entry with its instants read once: the sort below compares them O(n log n) times.
  const entries: Array<{ entry: HistoryEntry; index: number; occurredMs: number; recordedMs: number }> = [];
  for (let index = 0; index < known.length; index++) {
    const event = known[index];
    if (event.type === CORRECTION || event.type === RETRACTION) continue;
    let occurredAt = event.occurredAt;
    let data = event.data;
    const notes: CorrectionNote[] = [];
    const targeting = corrections.get(event.eventId);
    const ordered = targeting === undefined ? [] : byRecordingThenId(targeting);
    for (const correction of ordered) {
      if (retractions.has(correction.eventId)) continue;
      const change = correction.data as { occurredAt?: string; data?: Record<string, unknown>; reason?: string };
      if (change.occurredAt !== undefined) occurredAt = change.occurredAt;
      if (change.data !== undefined) data = { ...data, ...change.data };
      notes.push({
        eventId: correction.eventId,
        recordedAt: correction.recordedAt,
        recordedBy: correction.recordedBy,
        reason: String(change.reason ?? ''),
        ...(change.occurredAt !== undefined ? { occurredAt: change.occurredAt } : {}),
        ...(change.data !== undefined ? { data: change.data } : {}),
      });
    }
    const retraction = retractions.get(event.eventId);
    const entry: HistoryEntry = {
      eventId: event.eventId,
      type: event.type,
      occurredAt,
      recordedAt: event.recordedAt,
      recordedBy: event.recordedBy,
      data,
      original: { occurredAt: event.occurredAt, data: event.data },
      corrections: notes,
      retracted: retraction !== undefined,
      ...(retraction
        ? {
            retraction: {
              eventId: retraction.eventId,
              recordedAt: retraction.recordedAt,
              recordedBy: retraction.recordedBy,
              reason: String(retraction.data.reason ?? ''),
            },
          }
        : {}),
    };
    entries.push({ entry, index, occurredMs: parseIsoMs(occurredAt), recordedMs: parseIsoMs(event.recordedAt) });
  }
  // Ties keep the order of the stream: a case is opened before its first report is read.
  entries.sort((a, b) => a.occurredMs - b.occurredMs || a.recordedMs - b.recordedMs || a.index - b.index);
  return entries.map((e) => e.entry);
}

/** Corrections of one entry in the order they were recorded, ties by eventId. */
function byRecordingThenId(corrections: readonly HistoryEvent[]): HistoryEvent[] {
  if (corrections.length === 1) return [corrections[0]];
  return corrections
    .map((event) => ({ event, recordedMs: parseIsoMs(event.recordedAt) }))
    .sort((a, b) => a.recordedMs - b.recordedMs || compareText(a.event.eventId, b.event.eventId))
    .map((c) => c.event);
}
