/**
 * Synthetic case streams for feed tests and the feed benchmark: every catalogue type, with a
 * marker planted in every reference and every free-text field, and in the officer's identity, so
 * a test can search the feed's output for the marker and find none. Deterministic for a seed.
 * Events are written straight through the store port; the feed maps payloads, it does not fold
 * them, so the domain's invariants are not needed here.
 */
import { CASE_EVENT_TYPES, caseStreamId, CaseEventType, SCHEMA_VERSION } from '../../cases/domain/events';
import { FULL_EVENT_DATA } from '../../cases/dto/testing/event-data.examples';
import type { EventStore, EventToAppend } from '../../event-store/event-store.port';

export const DEFAULT_MARKER = 'ZQXMARK';

/** Fields that identify someone or hold an officer's words, named independently of the feed's rules. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  'ref', 'suspectRef', 'targetRef', 'networkRef', 'crimeRef', 'requestRef',
  'summary', 'notes', 'rationale', 'reason', 'response',
]);

export interface SyntheticOptions {
  cases: number;
  eventsPerCase: number;
  seed: number;
  marker?: string;
  forces?: readonly string[];
  /** Number of the first case, so several calls make distinct cases. */
  firstCase?: number;
}

export interface SyntheticStream {
  caseId: string;
  streamId: string;
  events: EventToAppend[];
}

/** mulberry32: small, fast and good enough to vary test data reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const OTHER_TYPES = CASE_EVENT_TYPES.filter((t) => t !== 'CaseOpened');

export function* syntheticCases(options: SyntheticOptions): Generator<SyntheticStream> {
  const random = seededRandom(options.seed);
  const marker = options.marker ?? DEFAULT_MARKER;
  const forces = options.forces ?? ['west-yorkshire', 'greater-manchester', 'merseyside'];
  const base = Date.parse('2024-01-01T09:00:00Z');
  for (let n = 0; n < options.cases; n += 1) {
    const i = (options.firstCase ?? 0) + n;
    const caseId = seededUuid(random);
    const force = forces[i % forces.length];
    const events: EventToAppend[] = [];
    for (let k = 0; k < options.eventsPerCase; k += 1) {
      const type: CaseEventType = k === 0 ? 'CaseOpened' : k === 1 ? 'ReportReceived' : OTHER_TYPES[Math.floor(random() * OTHER_TYPES.length)];
      const data = mark(structuredClone(FULL_EVENT_DATA[type]) as unknown as Record<string, unknown>, `${marker}-${i}-${k % 3}`);
      if (type === 'CaseOpened') data.force = force;
      const occurredAt = new Date(base + i * 3_600_000 + k * 60_000).toISOString().replace('Z', '+00:00');
      events.push({
        eventId: seededUuid(random),
        type,
        data,
        metadata: {
          occurredAt,
          recordedAt: new Date(base + i * 3_600_000 + k * 60_000 + 90_000).toISOString(),
          recordedBy: { sub: `${marker}-OFFICER-${i % 50}`, role: k % 5 === 4 ? 'supervisor' : 'investigator', force },
          correlationId: `${marker}-CORR-${i}`,
          causationId: `${marker}-REQ-${i}-${k}`,
          schemaVersion: SCHEMA_VERSION,
        },
      });
    }
    yield { caseId, streamId: caseStreamId(caseId), events };
  }
}

/** Plants `value` in every sensitive field, including a correction's partial data. */
function mark(data: Record<string, unknown>, value: string): Record<string, unknown> {
  for (const [field, current] of Object.entries(data)) {
    if (SENSITIVE_FIELDS.has(field)) data[field] = `${value}-${field}`;
    // InformationRequested's purpose is typed by the officer; ContactMade's is an enumeration (no spaces).
    else if (field === 'purpose' && typeof current === 'string' && current.includes(' ')) data[field] = `${value}-purpose`;
    else if (current !== null && typeof current === 'object' && !Array.isArray(current)) mark(current as Record<string, unknown>, value);
  }
  if ('correctsEventId' in data) data.data = { notes: `${value}-notes`, victim: { ref: `${value}-ref` }, suspectRef: `${value}-suspectRef`, method: 'phone' };
  return data;
}

/** Appends the cases through the port, many at a time so the SQLite store commits them in big groups. */
export async function appendSyntheticCases(store: EventStore, options: SyntheticOptions, inFlight = 500): Promise<{ cases: number; events: number }> {
  let cases = 0;
  let events = 0;
  let batch: Promise<unknown>[] = [];
  for (const stream of syntheticCases(options)) {
    batch.push(store.append(stream.streamId, stream.events, 'no-stream'));
    cases += 1;
    events += stream.events.length;
    if (batch.length >= inFlight) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return { cases, events };
}
