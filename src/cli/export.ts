/**
 * Exports the analytics feed in bulk: the same pseudonymised CloudEvents as GET /v1/feed, read
 * straight from the store the service uses (same environment: DATA_DIR or
 * EVENTSTORE_CONNECTION_STRING, and FEED_PSEUDONYM_KEY or the key in DATA_DIR, so pseudonyms match
 * the feed's).
 *   npm run export -- --format ndjson --out feed.ndjson [--after 1234] [--types CaseOpened,CaseClosed]
 * The file appears only once complete; the last sequence is printed so the next export can resume.
 */
import { SingleBar, Presets } from 'cli-progress';
import { Command, Option } from 'commander';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { ValidationFailedError } from '../common/app-error';
import { ConfigError, loadConfig } from '../config/app-config';
import { openEventStore } from '../event-store/event-store.module';
import { EXPORT_FORMATS, ExportFormat, ExportProgress, writeExport } from '../feed/feed-export';
import { parseFeedPosition, parseFeedTypes } from '../feed/feed-params';
import { createFeedReader } from '../feed/feed-reader';

interface Options {
  format: ExportFormat;
  out: string;
  after?: string;
  types?: string[];
  progress: boolean;
}

function progressBar(enabled: boolean): ExportProgress | undefined {
  if (!enabled) return undefined;
  const bar = new SingleBar(
    { format: 'exporting {bar} {percentage}% | {value}/{total} events | {eta_formatted} left', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}

function fieldMessage(error: unknown): string {
  if (error instanceof ValidationFailedError) return (error.errors ?? []).map((e) => e.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const program = new Command('export')
    .description('Export the pseudonymised analytics feed (CloudEvents) as NDJSON or CSV')
    .addOption(new Option('--format <format>', 'ndjson: one CloudEvent per line; csv: id,type,subject,source,time,recordedtime,sequence,data').choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write ("-" for standard output)')
    .option('--after <sequence>', 'only events after this sequence (the last one of a previous export or page)')
    .option('--types <types...>', 'only these event types, comma-separated or repeated, e.g. CaseOpened,ChargingDecisionMade')
    .option('--no-progress', 'no progress bar')
    .showHelpAfterError();
  program.parse();
  const options = program.opts<Options>();

  const config = loadConfig();
  const store = openEventStore(config);
  let temporary: string | undefined;
  try {
    let after: string | undefined;
    let types;
    try {
      after = parseFeedPosition(store, options.after, '--after');
      types = options.types ? parseFeedTypes(options.types, '--types') : undefined;
    } catch (error) {
      process.stderr.write(`error: ${fieldMessage(error)}\n`);
      process.exitCode = 2;
      return;
    }

    const toStdout = options.out === '-';
    let output: Writable = process.stdout;
    if (!toStdout) {
      temporary = `${options.out}.${process.pid}.partial`;
      output = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    }
    const reader = createFeedReader(store, config, (file) => process.stderr.write(`FEED_PSEUDONYM_KEY is not set: generated a pseudonym key into ${file}\n`));
    const result = await writeExport(reader, output, { format: options.format, after, types }, progressBar(options.progress && !toStdout && process.stderr.isTTY === true));
    if (!toStdout) {
      output.end();
      await finished(output);
      renameSync(temporary as string, options.out);
      temporary = undefined;
    }
    const resume = result.lastSequence ?? after;
    process.stderr.write(
      `Exported ${result.events} event(s)${toStdout ? '' : ` to ${options.out}`}${resume ? `; continue with --after ${resume}` : ''}\n`,
    );
  } finally {
    if (temporary) rmSync(temporary, { force: true });
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`export failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
