/**
 * One synthetic case being written: its events with when they happened and when they were
 * recorded. The recorded order is the stream order, so this is where the decider's ordering
 * invariants are kept: an event is recorded after everything it refers to, nothing but a finding,
 * a correction, a retraction or a reopening is recorded while the case is closed, and nothing is
 * recorded before it happened.
 */
import type { CaseEventType } from '../cases/domain/events';
import { SCHEMA_VERSION } from '../cases/domain/events';
import type { EventToAppend } from '../event-store/event-store.port';
import { DAY, HOUR, londonDate, londonInstant, MINUTE, toMinute } from './london-time';
import type { Rng } from './rng';

export type RecorderRole = 'investigator' | 'supervisor' | 'inspector';

export interface Recorder {
  sub: string;
  role: RecorderRole;
  force: string;
}

export interface Planned {
  readonly eventId: string;
  readonly type: CaseEventType;
  occurredMs: number;
  recordedMs: number;
  readonly data: Record<string, unknown>;
  /** Data fields holding a local date or an instant, written once the case is placed in time. */
  readonly dates?: Record<string, number>;
  readonly instants?: Record<string, number>;
  readonly by: Recorder;
  readonly requestId: string;
  readonly seq: number;
}

export interface RecordOptions {
  /** Events this one refers to or follows from: it is recorded after each of them. */
  after?: ReadonlyArray<Planned | undefined>;
  /** A recording lag instead of the usual draw. */
  lagMs?: number;
  by?: Recorder;
  dates?: Record<string, number>;
  instants?: Record<string, number>;
}

const ALLOWED_WHILE_CLOSED: ReadonlySet<CaseEventType> = new Set([
  'RecordQualityFinding',
  'CaseReopened',
  'EntryCorrected',
  'EntryRetracted',
]);

export class CaseHistory {
  readonly events: Planned[] = [];
  closed = false;
  /** Nothing is recorded before this: the opening, then each reopening. */
  private floorMs = 0;
  /** Events other entries refer to, and events retracted: never retracted, resp. never referred to. */
  readonly referenced = new Set<string>();
  readonly retracted = new Set<string>();
  readonly corrected = new Set<string>();

  constructor(
    private readonly rng: Rng,
    readonly investigators: readonly Recorder[],
    readonly supervisor: Recorder,
  ) {}

  /** Usually minutes to hours; sometimes days: late recording is itself an inspection finding. */
  recordingLag(): number {
    const { rng } = this;
    const r = rng.next();
    if (r < 0.78) return Math.max(rng.lognormal(20 * MINUTE, 0.9), rng.between(0.5, 3) * MINUTE);
    if (r < 0.955) return rng.between(1, 14) * HOUR;
    if (r < 0.985) return rng.between(14 * HOUR, 3 * DAY);
    return rng.between(3, 30) * DAY;
  }

  /** CaseOpened and the first ReportReceived: one request, one recording time, as POST /v1/cases writes them. */
  open(occurredMs: number, opened: Record<string, unknown>, report: Record<string, unknown>): Planned {
    const by = this.rng.chance(0.85) ? this.rng.pick(this.investigators) : this.supervisor;
    const occurred = toMinute(occurredMs);
    const recordedMs = occurred + this.recordingLag() + this.rng.int(0, 999);
    const requestId = this.rng.uuid();
    for (const [type, data] of [['CaseOpened', opened], ['ReportReceived', report]] as const) {
      this.events.push({ eventId: this.rng.uuid(), type, occurredMs: occurred, recordedMs, data, by, requestId, seq: this.events.length });
    }
    this.floorMs = recordedMs;
    return this.events[1];
  }

  record(type: CaseEventType, occurredMs: number, data: Record<string, unknown>, options: RecordOptions = {}): Planned {
    if (this.closed && !ALLOWED_WHILE_CLOSED.has(type)) {
      throw new Error(`generator bug: ${type} planned on a closed case`);
    }
    const occurred = toMinute(occurredMs);
    // A gap after what it follows from, as two entries are rarely typed in the same second.
    let recordedMs = Math.max(occurred + (options.lagMs ?? this.recordingLag()), this.floorMs + this.rng.between(20_000, 180_000));
    for (const before of options.after ?? []) {
      if (before) recordedMs = Math.max(recordedMs, before.recordedMs + this.rng.between(20_000, 180_000));
    }
    const planned: Planned = {
      eventId: this.rng.uuid(),
      type,
      occurredMs: occurred,
      recordedMs: Math.floor(recordedMs) + this.rng.int(0, 999),
      data,
      dates: options.dates,
      instants: options.instants,
      by: options.by ?? (this.rng.chance(0.9) ? this.rng.pick(this.investigators) : this.supervisor),
      requestId: this.rng.uuid(),
      seq: this.events.length,
    };
    this.events.push(planned);
    return planned;
  }

  refer(event: Planned): string {
    this.referenced.add(event.eventId);
    return event.eventId;
  }

  /** Recorded after every entry so far: a closure never comes before an entry it closes over. */
  close(occurredMs: number, data: Record<string, unknown>): Planned {
    const closure = this.record('CaseClosed', occurredMs, data, { after: this.events, by: this.supervisor, lagMs: this.recordingLag() });
    this.closed = true;
    return closure;
  }

  reopen(occurredMs: number, reason: string): Planned {
    const closure = [...this.events].reverse().find((e) => e.type === 'CaseClosed');
    const reopened = this.record('CaseReopened', occurredMs, { reason }, { after: [closure], by: this.supervisor });
    this.closed = false;
    this.floorMs = reopened.recordedMs;
    return reopened;
  }

  lastOccurredMs(): number {
    let last = 0;
    for (const e of this.events) last = Math.max(last, e.occurredMs);
    return last;
  }

  /** Moves the whole case in time (live cases are placed so that `now` falls inside them). */
  shift(ms: number): void {
    for (const e of this.events) {
      e.occurredMs += ms;
      e.recordedMs += ms;
      for (const fields of [e.dates, e.instants]) {
        if (fields) for (const key of Object.keys(fields)) fields[key] += ms;
      }
    }
  }

  /** The events recorded by `nowMs`, in recorded (stream) order. */
  recordedBy(nowMs: number): EventToAppend[] {
    return this.events
      .filter((e) => e.recordedMs <= nowMs)
      .sort((a, b) => a.recordedMs - b.recordedMs || a.seq - b.seq)
      .map(toAppend);
  }
}

function toAppend(e: Planned): EventToAppend {
  const data = { ...e.data };
  for (const [key, ms] of Object.entries(e.dates ?? {})) data[key] = londonDate(ms);
  for (const [key, ms] of Object.entries(e.instants ?? {})) data[key] = londonInstant(ms);
  return {
    eventId: e.eventId,
    type: e.type,
    data,
    metadata: {
      occurredAt: londonInstant(e.occurredMs),
      recordedAt: new Date(e.recordedMs).toISOString(),
      recordedBy: { sub: e.by.sub, role: e.by.role, force: e.by.force },
      correlationId: e.requestId,
      causationId: e.requestId,
      schemaVersion: SCHEMA_VERSION,
    },
  };
}
