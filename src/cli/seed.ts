/**
 * Fills the event store (DATA_DIR, or EVENTSTORE_CONNECTION_STRING) with realistic synthetic CSE
 * cases, for demonstrations, benchmarks and inspection-scale trials:
 *   npm run seed -- --cases 100000 [--seed 1] [--now 2026-06-01T12:00:00Z] [--append]
 * The same seed and --now give the same log. Progress goes to stderr, one summary line to stdout.
 */
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../config/app-config';
import { EVENT_STORE_FILE, openEventStore } from '../event-store/event-store.module';
import { instantWithOffsetProblem } from '../cases/dto/validators';
import { DEFAULT_BATCH_CASES, nextCaseIndex, seedStore, storeHoldsCases } from '../synthetic/seed-store';

function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`);
    return n;
  };
}

function instant(value: string): Date {
  const problem = instantWithOffsetProblem(value, '--now');
  if (problem) throw new InvalidArgumentError(problem.replace(/^--now /, ''));
  return new Date(value);
}

function describeStore(config: AppConfig): string {
  return config.eventStoreConnectionString ? 'EventStoreDB' : join(config.dataDir, EVENT_STORE_FILE);
}

interface SeedCliOptions {
  cases: number;
  seed: number;
  now?: Date;
  append?: boolean;
  batchCases: number;
}

async function main(): Promise<void> {
  const program = new Command('seed')
    .description('Write realistic synthetic CSE cases into the event store named by DATA_DIR or EVENTSTORE_CONNECTION_STRING')
    .requiredOption('--cases <n>', 'how many cases to write', wholeNumber(1))
    .option('--seed <n>', 'the seed: the same seed and --now give the same log', wholeNumber(0), 1)
    .option('--now <instant>', 'the moment the cases run up to, ISO 8601 with an offset or Z (default: the clock)', instant)
    .option('--append', 'add to a store that already holds cases, after those already there')
    .option('--batch-cases <n>', 'cases written together, in group-committed rounds', wholeNumber(1), DEFAULT_BATCH_CASES)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<SeedCliOptions>();
  const now = options.now ?? new Date();

  const config = loadConfig();
  const where = describeStore(config);
  const store = openEventStore(config);
  try {
    let firstCase = 0;
    if (await storeHoldsCases(store)) {
      if (!options.append) {
        throw new Error(
          `${where} already holds cases: synthetic cases would mix with them. ` +
            'Seed a fresh DATA_DIR, or pass --append to add to them.',
        );
      }
      // Following on from this seed's cases already there keeps a second run from reusing their ids.
      firstCase = await nextCaseIndex(store, options.seed);
    }

    const bar = new SingleBar({
      format: 'Seeding |{bar}| {percentage}% | {value}/{total} cases | {events} events | {eta_formatted} left',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    });
    bar.start(options.cases, 0, { events: 0 });
    const started = process.hrtime.bigint();
    const result = await seedStore(store, {
      cases: options.cases,
      seed: options.seed,
      now,
      firstCase,
      batchCases: options.batchCases,
      onProgress: (progress) => bar.update(progress.cases, { events: progress.events.toLocaleString('en-GB') }),
    }).finally(() => bar.stop());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = Math.round(result.events / Math.max(seconds, 1e-3));
    const range = options.append ? `, cases #${firstCase} to #${firstCase + result.cases - 1} of the seed` : '';
    process.stdout.write(
      `Seeded ${result.cases.toLocaleString('en-GB')} cases, ${result.events.toLocaleString('en-GB')} events in ` +
        `${seconds.toFixed(1)} s (${rate.toLocaleString('en-GB')} events/s) into ${where} ` +
        `(seed ${options.seed}, now ${now.toISOString()}${range})\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
