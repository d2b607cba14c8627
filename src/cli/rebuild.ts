/**
 * Rebuilds every read model from the event log: `npm run rebuild`. Stop the service first (it
 * projects into the same file); the rebuilt models are the ones a live projection would hold.
 */
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { openEventStore } from '../event-store/event-store.module';
import { availableParallelism } from 'node:os';
import { DerivationPool } from '../projections/derivation-pool';
import { ProjectionRunner } from '../projections/projection-runner';
import { READ_MODEL_FILE } from '../projections/read-model-file';
import { SqliteReadStore } from '../projections/sqlite-read-store';

async function main(): Promise<void> {
  const program = new Command('rebuild')
    .description('Rebuild the read models (cases, clocks, data quality, disruption, charging) from the event log')
    .option('--batch-size <n>', 'events per transaction', (v) => Number.parseInt(v, 10), 5000)
    .option('--workers <n>', 'worker threads deriving cases (0: derive in the main thread)', (v) => Number.parseInt(v, 10), availableParallelism())
    .option('--no-progress', 'no progress bar (for logs)');
  program.parse();
  const options = program.opts<{ batchSize: number; workers: number; progress: boolean }>();
  if (!Number.isInteger(options.workers) || options.workers < 0) throw new Error('--workers must be a whole number, 0 or more');

  const config = loadConfig();
  const store = openEventStore(config);
  const readStore = new SqliteReadStore(join(config.dataDir, READ_MODEL_FILE));
  const head = await store.headPosition();
  const total = head !== undefined && /^\d+$/.test(head) ? Number(head) : 0;
  const bar = new SingleBar(
    { format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | eta {eta_formatted}', hideCursor: true, noTTYOutput: false },
    Presets.shades_classic,
  );
  const started = process.hrtime.bigint();
  let done = 0;
  if (options.progress) bar.start(total, 0, { rate: 0 });
  readStore.reset();
  const pool = options.workers > 0 ? new DerivationPool(config, options.workers) : undefined;
  const runner = new ProjectionRunner(store, readStore, {
    batchSize: options.batchSize,
    pool,
    onBatch: (events) => {
      done += events;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (options.progress) bar.update(Math.min(done, total || done), { rate: Math.round(done / Math.max(seconds, 1e-3)) });
    },
  });
  try {
    await runner.catchUp();
  } finally {
    await pool?.close();
  }
  if (options.progress) bar.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`rebuilt the read models from ${done} events in ${seconds.toFixed(1)} s (${Math.round(done / Math.max(seconds, 1e-3))} events/s)\n`);
  readStore.close();
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
