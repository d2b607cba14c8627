/**
 * The case read models (cases, clocks under every published ruleset version, data-quality facts,
 * disruption actions, charging decisions), kept by re-deriving each case a batch touches from its
 * own events. Deriving rather than patching keeps live projection, rebuild and as-of replay equal
 * by construction, and makes a replayed event change nothing.
 */
import type { StoredEvent } from '../event-store/event-store.port';
import { CASE_STREAM_PREFIX } from '../cases/domain/events';
import { measure } from '../timeliness/measure';
import type { MeasurableEvent, RulesetDef } from '../timeliness/model';
import { correctedHistory, HistoryEvent } from '../timeline/corrected-history';
import { summariseCase } from './case-summary';
import type { CaseEventRow, SqliteReadStore } from './sqlite-read-store';

export const CASE_PROJECTION = 'case-read-models';
/** Bump when what the projection writes changes: the read models then rebuild themselves. */
export const CASE_PROJECTION_VERSION = '2';

const RULESET_STREAM_PREFIX = 'ruleset-';
const RULESET_VERSION_PUBLISHED = 'RulesetVersionPublished';

export function toHistoryEvent(row: CaseEventRow): HistoryEvent & MeasurableEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
    recordedBy: JSON.parse(row.recordedBy),
    data: JSON.parse(row.data),
  };
}

export function caseIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith(CASE_STREAM_PREFIX) ? streamId.slice(CASE_STREAM_PREFIX.length) : undefined;
}

export class CaseProjection {
  private rulesets: RulesetDef[];

  constructor(private readonly store: SqliteReadStore) {
    this.rulesets = store.rulesets();
  }

  /**
   * Applies a batch inside the caller's transaction. With `defer`, the cases it touches are only
   * marked dirty, to be re-derived once by drain(): while catching up, a case spread over many
   * batches is then derived once rather than once per batch. Either way the marks commit with
   * the batch and its checkpoint, so a crash in between loses nothing.
   */
  apply(events: readonly StoredEvent[], defer = false): void {
    const touched = new Set<string>();
    let published = false;
    for (const event of events) {
      const caseId = caseIdOfStream(event.streamId);
      if (caseId !== undefined) {
        this.store.insertCaseEvent({
          eventId: event.eventId,
          caseId,
          revision: event.revision,
          type: event.type,
          occurredAt: event.metadata.occurredAt,
          recordedAt: event.metadata.recordedAt,
          recordedBy: JSON.stringify(event.metadata.recordedBy),
          data: JSON.stringify(event.data),
        });
        touched.add(caseId);
      } else if (event.streamId.startsWith(RULESET_STREAM_PREFIX) && event.type === RULESET_VERSION_PUBLISHED) {
        this.store.saveRuleset(event.data as unknown as RulesetDef);
        published = true;
      }
    }
    if (published) {
      // A new version changes every case's clocks under that version (and nothing else).
      this.rulesets = this.store.rulesets();
      this.store.markAllDirty();
    }
    for (const caseId of touched) {
      if (defer) this.store.markDirty(caseId);
      else this.recompute(caseId);
    }
  }

  /** Re-derives up to `limit` dirty cases, inside the caller's transaction; returns how many. */
  drain(limit: number): number {
    const dirty = this.store.dirtyCases(limit);
    for (const caseId of dirty) {
      this.recompute(caseId);
      this.store.markClean(caseId);
    }
    return dirty.length;
  }

  private recompute(caseId: string): void {
    const rows = this.store.caseEvents(caseId);
    if (rows.length === 0) return;
    const events = rows.map(toHistoryEvent);
    const summary = summariseCase(caseId, correctedHistory(events));
    if (!summary) return;
    // Stored clocks keep only what does not depend on when they are read (start, due, stop, and
    // the verdict of a stopped clock), so evaluate once everything the case holds has happened.
    let latest = 0;
    for (const e of events) latest = Math.max(latest, Date.parse(e.occurredAt), Date.parse(e.recordedAt));
    const now = new Date(latest);
    const measured = this.rulesets.map((ruleset) => ({
      rulesetId: ruleset.id,
      version: ruleset.version,
      clocks: measure(events, ruleset, { now }),
    }));
    this.store.writeCase(summary, rows[rows.length - 1].revision, measured, new Map(events.map((e) => [e.eventId, e.type])));
  }
}
