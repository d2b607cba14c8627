/**
 * `npm run demo`: a fresh data directory seeded with a few hundred synthetic cases, then the
 * service on it, and the three lines a visitor needs (the URL, a token, a case to open).
 *   npm run demo -- [--data-dir ./data-demo] [--cases 300] [--seed 1]
 * The directory is deleted first, so only one the demo made itself (or an empty one) is accepted.
 */
import { SingleBar } from 'cli-progress';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, type AppConfig } from '../config/app-config';
import { openEventStore } from '../event-store/event-store.module';
import { INSPECTORATE } from '../synthetic/forces';
import { seedStore } from '../synthetic/seed-store';
import { showcaseCase } from '../synthetic/showcase';

/** Written into every directory the demo makes: the only kind it will ever delete. */
const MARKER = '.case-timeline-demo';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`);
    return n;
  };
}

function freshDirectory(shown: string, dir: string, what: string): void {
  if (existsSync(dir) && !existsSync(join(dir, MARKER)) && readdirSync(dir).length > 0) {
    throw new Error(`${shown} exists and was not made by the demo (no ${MARKER} in it): choose another --data-dir, or delete it yourself`);
  }
  process.stderr.write(`Demo: ${existsSync(dir) ? `deleting ${shown} and ` : ''}${what} into ${shown}\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'Made by npm run demo, which deletes and re-creates this directory.\n');
}

async function seed(config: AppConfig, cases: number, seedNumber: number, now: Date): Promise<number> {
  const store = openEventStore(config);
  const bar = new SingleBar({ format: 'Seeding |{bar}| {value}/{total} cases', stream: process.stderr, hideCursor: true });
  try {
    bar.start(cases, 0);
    const result = await seedStore(store, { cases, seed: seedNumber, now, batchCases: 100, onProgress: (p) => bar.update(p.cases) });
    return result.events;
  } finally {
    bar.stop();
    await store.close();
  }
}

async function waitHealthy(child: ChildProcess, url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      if ((await fetch(`${url}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function main(): Promise<void> {
  const program = new Command('demo')
    .description('Seed a fresh data directory with synthetic cases, then run the service on it')
    .option('--data-dir <dir>', 'the demo data directory, deleted and re-created', './data-demo')
    .option('--cases <n>', 'how many cases to seed', wholeNumber(1), 300)
    .option('--seed <n>', 'the seed of the synthetic cases', wholeNumber(0), 1)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<{ dataDir: string; cases: number; seed: number }>();

  const dataDir = resolve(options.dataDir);
  // The demo is about the embedded store in its own directory, whatever the shell has set.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  delete env.EVENTSTORE_CONNECTION_STRING;
  const config = loadConfig(env);

  freshDirectory(options.dataDir, dataDir, `seeding ${options.cases} synthetic cases (seed ${options.seed})`);
  const now = new Date();
  const events = await seed(config, options.cases, options.seed, now);
  const sample = showcaseCase({ seed: options.seed, cases: options.cases, now });
  process.stderr.write(`Seeded ${options.cases} cases, ${events} events. Starting the service...\n`);

  const child = spawn(process.execPath, [join(__dirname, '..', 'main.js')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Its own process group: Ctrl-C reaches the service once, through us, not twice mid-shutdown.
    detached: true,
  });
  for (const signal of SIGNALS) process.on(signal, () => child.kill(signal));
  process.on('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1)));

  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${config.port}`;
  if (!(await waitHealthy(child, url, 60_000))) return;
  const token = `TOKEN=$(DATA_DIR=${options.dataDir} npm run --silent token -- --role inspector --force ${INSPECTORATE})`;
  process.stdout.write(
    [
      '',
      `Case Timeline demo: ${url} (API docs at ${url}/docs; Ctrl-C stops it)`,
      `Token:     ${token}`,
      sample
        ? `Try case:  curl -H "Authorization: Bearer $TOKEN" ${url}/v1/cases/${sample.caseId}/timeline   (${sample.force}; clocks ${sample.statuses.join(', ')})`
        : 'Try case:  none was seeded',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
