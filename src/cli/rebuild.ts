/**
 * Rebuilds every read model from the event log: `npm run rebuild`. Stop the service first (it
 * projects into the same file); the rebuilt models are the ones a live projection would hold.
 * They are built beside the live file and replace it once complete (see read-model-rebuild.ts).
 */
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { openEventStore } from '../event-store/event-store.module';
import { availableParallelism } from 'node:os';
import { READ_MODEL_FILE } from '../projections/read-model-file';
import { rebuildReadModels } from '../projections/read-model-rebuild';

async function main(): Promise<void> {
  const program = new Command('rebuild')
    .description('Rebuild the read models (cases, clocks, data quality, disruption, charging) from the event log')
    .option('--batch-size <n>', 'events per transaction, reading the log after the listing', (v) => Number.parseInt(v, 10), 5000)
    .option('--workers <n>', 'worker threads deriving cases (0: derive in the main thread)', (v) => Number.parseInt(v, 10), availableParallelism())
    .option('--no-progress', 'no progress bar (for logs)');
  program.parse();
  const options = program.opts<{ batchSize: number; workers: number; progress: boolean }>();
  if (!Number.isInteger(options.workers) || options.workers < 0) throw new Error('--workers must be a whole number, 0 or more');

  const config = loadConfig();
  const store = openEventStore(config);
  try {
    const head = await store.headPosition();
    const events = head !== undefined && /^\d+$/.test(head) ? Number(head) : undefined;
    // From nothing, the runner lists the case streams and derives each case whole: progress is in cases.
    const bar = new SingleBar(
      { format: 'rebuild [{bar}] {percentage}% | {value}/{total} cases | {rate} cases/s | eta {eta_formatted}', hideCursor: true, noTTYOutput: false },
      Presets.shades_classic,
    );
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let derived = 0;
    const rebuilt = rebuildReadModels(store, {
      location: config,
      file: join(config.dataDir, READ_MODEL_FILE),
      workers: options.workers,
      batchSize: options.batchSize,
      onDerived: (done, of) => {
        if (!options.progress) return;
        if (derived === 0) bar.start(of, 0, { rate: 0 });
        derived = done;
        bar.update(done, { rate: Math.round(done / Math.max(seconds(), 1e-3)) });
      },
    }).finally(() => {
      if (options.progress && derived > 0) bar.stop();
    });
    const { cases } = await rebuilt;
    const took = seconds();
    const rate = events === undefined ? '' : ` (${Math.round(events / Math.max(took, 1e-3))} events/s)`;
    process.stderr.write(`rebuilt the read models of ${cases} cases from ${events ?? 'every'} events in ${took.toFixed(1)} s${rate}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
