/**
 * storeAppendEventsPerSec against rawSqliteInsertRowsPerSec: the same appends, once through the
 * store port (SqliteEventStore) and once as plain better-sqlite3 inserts.
 *
 * How the two are made comparable:
 * - the same events: synthetic cases (generateCase, fixed seed) regenerated identically for each
 *   side, a chunk of cases at a time, with generation outside the timed sections;
 * - the same appends and transactions: each chunk is written in rounds, as seedStore writes it
 *   (the opening of every case, then 1 to 8 entries of each in turn). A round's appends are
 *   issued together, so the port's group commit puts the whole round in one transaction; the
 *   raw side commits each round in one BEGIN IMMEDIATE transaction too;
 * - the same rows and file: one events row per event (same columns, same JSON text, produced by
 *   JSON.stringify on both sides) and one streams row per stream, written with its first event,
 *   in a file whose schema the adapter itself created, with the adapter's pragmas (WAL,
 *   synchronous=FULL, foreign_keys, and its writer's checkpoint interval);
 * - what the raw side leaves out is the port's own work: validation, the expected-revision and
 *   idempotency reads, a savepoint per append of several events, promises and results.
 * Each side runs twice, alternately, each time on a fresh file; the better run of each counts.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { caseStreamId } from '../../src/cases/domain/events';
import type { EventToAppend, ExpectedRevision } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../src/event-store/sqlite-connection';
import { generateCase } from '../../src/synthetic/generate-case';
import { caseRng } from '../../src/synthetic/rng';
import { BenchContext, fmt, PartResult } from '../lib/context';
import { collectGarbage } from '../lib/measure';

const CHUNK_CASES = 500;
const RUNS = 2;

interface Append {
  streamId: string;
  events: EventToAppend[];
  /** The revision of the stream's last event before this append, -1 for a new stream. */
  after: number;
}

/** As seedStore sizes its requests: 1 to 8 entries, varied but fixed by position. */
function requestSize(caseIndex: number, round: number): number {
  return 1 + ((caseIndex * 7 + round * 3) % 8);
}

/** The rounds of appends of one chunk of cases: each round is one transaction on both sides. */
function chunkRounds(seed: number, now: Date, first: number, count: number): Append[][] {
  const cases = Array.from({ length: count }, (_, i) => ({ index: first + i, ...generateCase(caseRng(seed, first + i), { caseIndex: first + i, now }) }));
  const written = cases.map(() => 0);
  const rounds: Append[][] = [];
  for (let round = 0; ; round++) {
    const appends: Append[] = [];
    cases.forEach(({ index, caseId, events }, i) => {
      const from = written[i];
      if (from >= events.length) return;
      const slice = events.slice(from, round === 0 ? 2 : from + requestSize(index, round));
      appends.push({ streamId: caseStreamId(caseId), events: slice, after: from - 1 });
      written[i] += slice.length;
    });
    if (appends.length === 0) return rounds;
    rounds.push(appends);
  }
}

/** Writes chunk after chunk until `target` events; returns events written and seconds spent writing. */
async function drive(ctx: BenchContext, write: (round: Append[]) => Promise<void> | void): Promise<{ events: number; seconds: number; transactions: number }> {
  const now = new Date(ctx.now);
  let events = 0;
  let transactions = 0;
  let nanos = 0n;
  for (let first = 0; events < ctx.storeEvents; first += CHUNK_CASES) {
    for (const round of chunkRounds(ctx.seed, now, first, CHUNK_CASES)) {
      const started = process.hrtime.bigint();
      await write(round);
      nanos += process.hrtime.bigint() - started;
      transactions += 1;
      for (const a of round) events += a.events.length;
    }
  }
  return { events, seconds: Number(nanos) / 1e9, transactions };
}

async function throughPort(ctx: BenchContext, file: string) {
  const store = new SqliteEventStore({ file });
  try {
    return await drive(ctx, async (round) => {
      await Promise.all(round.map((a) => store.append(a.streamId, a.events, (a.after < 0 ? 'no-stream' : a.after) as ExpectedRevision)));
    });
  } finally {
    await store.close();
  }
}

async function rawInserts(ctx: BenchContext, file: string) {
  // The adapter creates the file, so both sides write into exactly the same schema.
  await new SqliteEventStore({ file }).close();
  const db = new Database(file, { timeout: 5000 });
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // As the store's writer connection checkpoints.
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  // The schema lists each stream once, when its first event is written.
  const listStream = db.prepare('INSERT INTO streams (stream_id) VALUES (?) ON CONFLICT (stream_id) DO NOTHING');
  const writeRound = db.transaction((round: Append[]) => {
    for (const { streamId, events, after } of round) {
      let revision = after;
      for (const e of events) insert.run(e.eventId, streamId, ++revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      if (after < 0) listStream.run(streamId);
    }
  });
  try {
    return await drive(ctx, (round) => writeRound.immediate(round));
  } finally {
    db.close();
  }
}

export async function run(ctx: BenchContext): Promise<PartResult> {
  const dir = join(ctx.workDir, 'store');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port: number[] = [];
  const raw: number[] = [];
  let shape = '';
  for (let i = 0; i < RUNS; i++) {
    for (const side of ['port', 'raw'] as const) {
      const file = join(dir, `${side}-${i}.sqlite`);
      collectGarbage();
      const result = side === 'port' ? await throughPort(ctx, file) : await rawInserts(ctx, file);
      (side === 'port' ? port : raw).push(result.events / result.seconds);
      shape = `${fmt(result.events)} events in ${fmt(result.transactions)} transactions (${fmt(result.events / result.transactions)} events each)`;
      process.stderr.write(`bench store: ${side} run ${i + 1}: ${fmt(result.events / result.seconds)} events/s\n`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const best = (xs: number[]) => Math.round(Math.max(...xs));
  return {
    figures: { storeAppendEventsPerSec: best(port), rawSqliteInsertRowsPerSec: best(raw) },
    details: [
      ['store: workload, each side', shape],
      ['store: port runs (events/s)', port.map((x) => fmt(x)).join(', ')],
      ['store: raw runs (rows/s)', raw.map((x) => fmt(x)).join(', ')],
    ],
    warnings: [],
  };
}
