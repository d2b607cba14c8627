/**
 * replayEventsPerSec, peakRssMb and rawSqliteScanRowsPerSec over the seeded corpus.
 *
 * The rebuild is what `npm run rebuild` does (rebuildReadModels): a new read database built beside
 * the event store by ProjectionRunner.catchUp (which, starting from nothing, lists the case streams
 * and derives each one whole) with a worker thread per core deriving and writing cases, timed
 * until the file is synced and in place (the workers' memory counts in the RSS: they are threads). The RSS
 * is this process's, sampled every 100 ms and after every batch, from before the runner is made
 * to the end; this process does nothing else first, so the figure is the rebuild's own.
 * The raw scan reads the same rows in the same order with plain better-sqlite3 .iterate() and
 * JSON.parse of data and metadata: the floor under any replay of this log. The file is read once
 * beforehand, so neither side pays for a cold page cache.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE_FILE } from '../../src/event-store/event-store.module';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { READ_MODEL_FILE } from '../../src/projections/read-model-file';
import { rebuildReadModels } from '../../src/projections/read-model-rebuild';
import { BenchContext, fmt, PartResult } from '../lib/context';
import { collectGarbage, MB, RssSampler, seconds } from '../lib/measure';
import { readCorpusMarker } from './corpus';

export const REBUILD_BATCH_SIZE = 5000;
export const READ_MODELS_MARKER = 'bench-read-models.json';

function warmPageCache(file: string): void {
  const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/** A full rebuild, as `npm run rebuild` does it; leaves the read database in place for the inspection part. */
export async function rebuild(ctx: BenchContext, sampler?: RssSampler): Promise<{ events: number; seconds: number }> {
  const file = join(ctx.corpusDir, READ_MODEL_FILE);
  rmSync(join(ctx.corpusDir, READ_MODELS_MARKER), { force: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const corpus = readCorpusMarker(ctx);
  if (!corpus) throw new Error(`no finished corpus in ${ctx.corpusDir}`);
  const store = new SqliteEventStore({ file: join(ctx.corpusDir, EVENT_STORE_FILE) });
  const started = process.hrtime.bigint();
  let cases: number;
  try {
    ({ cases } = await rebuildReadModels(store, {
      location: { dataDir: ctx.corpusDir },
      file,
      workers: availableParallelism(),
      batchSize: REBUILD_BATCH_SIZE,
      onBatch: () => sampler?.sample(),
      onDerived: () => sampler?.sample(),
    }));
  } finally {
    await store.close();
  }
  const took = seconds(started);
  if (cases !== corpus.cases) throw new Error(`the rebuild derived ${cases} cases, but the corpus has ${corpus.cases}`);
  // Every event of the log is replayed: the corpus marker counted them as they were seeded.
  const events = corpus.events;
  writeFileSync(join(ctx.corpusDir, READ_MODELS_MARKER), `${JSON.stringify({ cases: ctx.cases, events })}\n`);
  return { events, seconds: took };
}

export function readModelsReady(ctx: BenchContext): boolean {
  return existsSync(join(ctx.corpusDir, READ_MODELS_MARKER));
}

function rawScan(file: string): { rows: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position');
    const started = process.hrtime.bigint();
    let count = 0;
    let keys = 0;
    for (const row of rows.iterate() as Iterable<{ data: string; metadata: string }>) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as object;
      // Touch what was parsed, as a consumer would.
      if (data !== null && metadata !== null) keys += 1;
      count += 1;
    }
    if (keys !== count) throw new Error('raw scan: a row did not parse to objects');
    return { rows: count, seconds: seconds(started) };
  } finally {
    db.close();
  }
}

export async function run(ctx: BenchContext): Promise<PartResult> {
  const corpus = readCorpusMarker(ctx);
  if (!corpus) throw new Error(`no finished corpus in ${ctx.corpusDir}`);
  const eventsFile = join(ctx.corpusDir, EVENT_STORE_FILE);
  warmPageCache(eventsFile);
  collectGarbage();
  const baseline = process.memoryUsage.rss();
  const sampler = new RssSampler(100);
  const replay = await rebuild(ctx, sampler);
  const peak = sampler.stop();
  process.stderr.write(`bench replay: ${fmt(replay.events)} events in ${replay.seconds.toFixed(1)} s\n`);

  collectGarbage();
  const scan = rawScan(eventsFile);
  const warnings = scan.rows !== replay.events ? [`replay projected ${replay.events} events but the log holds ${scan.rows}`] : [];
  return {
    figures: {
      replayEventsPerSec: Math.round(replay.events / replay.seconds),
      rawSqliteScanRowsPerSec: Math.round(scan.rows / scan.seconds),
      peakRssMb: Math.round(peak / MB),
      cases: corpus.cases,
      events: replay.events,
    },
    details: [
      ['replay: full rebuild (batch 5,000, a deriving worker per core)', `${fmt(replay.events)} events in ${replay.seconds.toFixed(1)} s`],
      ['replay: RSS before / peak', `${fmt(baseline / MB)} MB / ${fmt(peak / MB)} MB`],
      ['replay: raw scan', `${fmt(scan.rows)} rows in ${scan.seconds.toFixed(1)} s`],
    ],
    warnings,
  };
}
