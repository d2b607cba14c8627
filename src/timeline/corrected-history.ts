/**
 * A case's history as people read it: every entry once, in the order things happened, with the
 * corrections recorded by the cut applied and shown, and retracted entries kept but marked. The
 * stored events never change; this is a view of them.
 */

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
  const known = asOfMs === undefined ? events : events.filter((e) => Date.parse(e.recordedAt) <= asOfMs);
  const corrections = new Map<string, HistoryEvent[]>();
  const retractions = new Map<string, HistoryEvent>();
  for (const event of known) {
    if (event.type === CORRECTION) {
      const target = String(event.data.correctsEventId);
      corrections.set(target, [...(corrections.get(target) ?? []), event]);
    } else if (event.type === RETRACTION) {
      const target = String(event.data.retractsEventId);
      if (!retractions.has(target)) retractions.set(target, event);
    }
  }

  const entries: Array<HistoryEntry & { index: number }> = [];
  for (const [index, event] of known.entries()) {
    if (event.type === CORRECTION || event.type === RETRACTION) continue;
    let occurredAt = event.occurredAt;
    let data = event.data;
    const notes: CorrectionNote[] = [];
    const ordered = [...(corrections.get(event.eventId) ?? [])].sort(
      (a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || compareText(a.eventId, b.eventId),
    );
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
    entries.push({
      index,
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
    });
  }
  // Ties keep the order of the stream: a case is opened before its first report is read.
  return entries
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.index - b.index)
    .map(({ index: _index, ...entry }) => entry);
}
