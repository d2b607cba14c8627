/**
 * `npm run bench`: the performance figures of issue 6, measured on this machine in one process
 * tree. Each part runs in its own child process (bench/part.ts); servers run in children of
 * their part, apart from the load generator. Prints a table of figures against their targets, a
 * table of supporting details, and, as its last line, one JSON object with the figures.
 *   npm run bench -- [--quick] [--cases N] [--keep DIR] [--only http,store,replay,inspection] [--profile]
 * Progress goes to stderr; stdout carries only the report.
 */
import { Command, InvalidArgumentError } from 'commander';
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { awaitExit, childExecArgv, forkChild, killAllChildren, nextMessage } from './lib/child';
import { BenchContext, Detail, fmt, PART_NAMES, PartName, PartResult } from './lib/context';
import { otherProcessesLoad, cpuSnapshot } from './lib/machine';
import { seconds } from './lib/measure';
import { summariseProfiles } from './lib/profile';
import { detailsTable, figuresTable, Figures, jsonLine } from './lib/report';

const SEED = 1;
/** The synthetic cases run up to this instant: fixed, so two runs seed the same log. */
const NOW = '2026-06-01T12:00:00.000Z';
const OUT_DIR = resolve(__dirname, '..', '..', 'bench', 'out');
/** Above this, another process took enough of a 2-core machine to drag a figure down. */
const NOISY_CORES = 0.15;

interface CliOptions {
  quick?: boolean;
  cases?: number;
  keep?: string;
  only?: PartName[];
  profile?: boolean;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function partList(value: string): PartName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PART_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new InvalidArgumentError(`parts are ${PART_NAMES.join(', ')}`);
  return names as PartName[];
}

function contextFor(options: CliOptions, workDir: string, profileDir: string | undefined): BenchContext {
  const quick = options.quick === true;
  const cases = options.cases ?? (quick ? 10_000 : 100_000);
  return {
    quick,
    workDir,
    corpusDir: join(workDir, `corpus-${cases}-seed${SEED}`),
    cases,
    seed: SEED,
    now: NOW,
    httpCases: quick ? 1_000 : 2_000,
    httpSeconds: quick ? 5 : 10,
    httpWarmupSeconds: quick ? 2 : 3,
    httpConnections: 32,
    storeEvents: quick ? 20_000 : 200_000,
    inspectionSamples: 20,
    profileDir,
  };
}

async function runPart(name: string, ctx: BenchContext): Promise<PartResult> {
  const child = forkChild(join(__dirname, 'part.js'), [name, JSON.stringify(ctx)], childExecArgv(ctx.profileDir, name));
  try {
    const { result } = await nextMessage<{ result: PartResult }>(child, 'result');
    const problem = await awaitExit(child, `part ${name}`);
    return problem ? { ...result, warnings: [...result.warnings, problem] } : result;
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .description('Measure the figures of issue 6 (HTTP appends, store appends, replay, inspection) on this machine')
    .option('--quick', 'a tenth of the size: 10,000 cases, 20,000 store events, 5 s of HTTP load')
    .option('--cases <n>', 'cases in the replay and inspection corpus (default 100,000; 10,000 with --quick)', wholeNumber)
    .option('--keep <dir>', 'work in DIR and keep it; a corpus of the same size already there is reused instead of re-seeded')
    .option('--only <parts>', `run only these parts, comma-separated: ${PART_NAMES.join(', ')}`, partList)
    .option('--profile', 'run every process with --cpu-prof into bench/out/, and print each one\'s top self-time functions')
    .showHelpAfterError();
  program.parse();
  const options = program.opts<CliOptions>();

  const workDir = options.keep ? resolve(options.keep) : mkdtempSync(join(tmpdir(), 'case-timeline-bench-'));
  mkdirSync(workDir, { recursive: true });
  const profileDir = options.profile ? join(OUT_DIR, `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
  const ctx = contextFor(options, workDir, profileDir);
  const parts = options.only ?? [...PART_NAMES];
  const cleanUp = () => {
    killAllChildren();
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }

  const started = process.hrtime.bigint();
  const figures: Figures = {};
  const details: Detail[] = [];
  const warnings: string[] = [];
  const steps = parts.some((p) => p === 'replay' || p === 'inspection') ? ['corpus', ...parts] : parts;
  process.stderr.write(`bench: ${ctx.quick ? 'quick' : 'full'} run in ${workDir}: ${steps.join(', ')}\n`);
  try {
    for (const step of steps) {
      const stepStarted = process.hrtime.bigint();
      const cpuBefore = cpuSnapshot();
      process.stderr.write(`bench: ${step} ...\n`);
      try {
        const result = await runPart(step, ctx);
        const others = otherProcessesLoad(cpuBefore);
        Object.assign(figures, result.figures);
        details.push(...result.details, [`${step}: wall time, CPU taken by other processes`, `${seconds(stepStarted).toFixed(1)} s, ${others === undefined ? '?' : `${others.toFixed(2)} cores`}`]);
        warnings.push(...result.warnings);
        if (others !== undefined && others > NOISY_CORES) {
          warnings.push(`${step}: other processes took ${others.toFixed(2)} cores on average meanwhile: its figures are likely low; run again on a quiet machine`);
        }
      } catch (error) {
        warnings.push(`part ${step} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (step === 'corpus') break;
      }
      process.stderr.write(`bench: ${step} done in ${seconds(stepStarted).toFixed(1)} s\n`);
    }
  } finally {
    cleanUp();
  }
  const total = seconds(started);

  if (profileDir) {
    const summary = summariseProfiles(profileDir);
    writeFileSync(join(profileDir, 'top-self-time.txt'), `${summary}\n`);
    process.stderr.write(`\nCPU profiles in ${profileDir}\n${summary}\n\n`);
  }
  const cpu = cpus();
  const out = [
    `Case Timeline bench, ${ctx.quick ? 'quick' : 'full'} run: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${fmt(total)} s`,
    '',
    figuresTable(figures),
    '',
    detailsTable(details),
    '',
    ...(warnings.length > 0 ? ['Warnings:', ...warnings.map((w) => `- ${w}`), ''] : []),
    jsonLine(figures, { quick: ctx.quick, seconds: Math.round(total), node: process.version, cpus: cpu.length }),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (warnings.some((w) => w.startsWith('part '))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  killAllChildren();
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
