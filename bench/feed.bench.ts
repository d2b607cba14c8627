/**
 * Throughput of the analytics feed over a large store: fills a SQLite store in a temporary
 * directory with synthetic cases (through the store port, in big group commits), then reads the
 * whole log through the real HTTP routes of the in-process app over a real socket, as a consumer
 * would, and through the bulk export. Prints a table and, as its last line, one JSON object with
 * the same figures. `npm run bench:feed` (BENCH_FEED_EVENTS, BENCH_FEED_SEED to change the run).
 */
import 'reflect-metadata';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { get, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createApp } from '../src/app.factory';
import { signDevToken } from '../src/auth/token.service';
import { loadConfig } from '../src/config/app-config';
import { openEventStore } from '../src/event-store/event-store.module';
import type { EventStore } from '../src/event-store/event-store.port';
import { ExportFormat, writeExport } from '../src/feed/feed-export';
import { createFeedReader } from '../src/feed/feed-reader';
import { appendSyntheticCases } from '../src/feed/testing/synthetic-cases';

const EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 200_000);
const SEED = Number(process.env.BENCH_FEED_SEED ?? 42);
const EVENTS_PER_CASE = 20;
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';

interface Result {
  scenario: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  megabytesPerSecond: number;
  peakRssMb: number;
}

/** Samples the resident set while `run` goes, so a regression to "hold the page in memory" shows. */
async function timed(scenario: string, run: () => Promise<{ events: number; bytes: number }>): Promise<Result> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  const { events, bytes } = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    scenario,
    events,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(events / seconds),
    megabytesPerSecond: round(bytes / 1e6 / seconds, 1),
    peakRssMb: Math.round(peak / 1e6),
  };
}

const agent = new Agent({ keepAlive: true });

/** One GET, counting lines (or SSE messages) as the bytes arrive, without parsing them. */
function stream(url: string, token: string, headers: Record<string, string> = {}, stopAfter = Infinity): Promise<{ lines: number; bytes: number; nextAfter?: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent, headers: { authorization: `Bearer ${token}`, ...headers } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
      const sse = String(response.headers['content-type']).startsWith('text/event-stream');
      const mark = Buffer.from(sse ? '\nid: ' : '\n');
      let lines = 0;
      let bytes = 0;
      // The tail of the last chunk (shorter than the mark, so never counted twice) catches a mark split between chunks.
      let tail: Buffer = Buffer.alloc(0);
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        const text = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
        for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) lines += 1;
        tail = text.subarray(Math.max(0, text.length - (mark.length - 1)));
        if (lines >= stopAfter) response.destroy();
      });
      const done = () => resolve({ lines, bytes, nextAfter: response.headers['x-next-after'] as string | undefined });
      response.on('end', done);
      response.on('close', done);
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function pageThrough(baseUrl: string, token: string, query: string, limit: number): Promise<{ events: number; bytes: number }> {
  let after: string | undefined;
  let events = 0;
  let bytes = 0;
  for (;;) {
    const page = await stream(`${baseUrl}/v1/feed?limit=${limit}${query}${after ? `&after=${after}` : ''}`, token);
    events += page.lines;
    bytes += page.bytes;
    after = page.nextAfter;
    if (page.lines < limit) return { events, bytes };
  }
}

/**
 * The read-model projections replay the whole log when the service starts; measured beside that
 * replay, the feed would share the CPU with it. Waits on /health until they report caught up.
 */
async function projectionsCaughtUp(baseUrl: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (;;) {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { projections?: { caughtUp?: boolean } };
    if (health.projections?.caughtUp !== false) return Number(process.hrtime.bigint() - started) / 1e9;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function exportTo(store: EventStore, config: ReturnType<typeof loadConfig>, file: string, format: ExportFormat): Promise<{ events: number; bytes: number }> {
  const output = createWriteStream(file);
  const result = await writeExport(createFeedReader(store, config), output, { format });
  output.end();
  await finished(output);
  return { events: result.events, bytes: statSync(file).size };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'case-timeline-feed-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET, LOG_LEVEL: 'silent' });
  try {
    const cases = Math.ceil(EVENTS / EVENTS_PER_CASE);
    const fillStore = openEventStore(config);
    const fillStarted = process.hrtime.bigint();
    const filled = await appendSyntheticCases(fillStore, { cases, eventsPerCase: EVENTS_PER_CASE, seed: SEED }, 1000);
    const fillSeconds = Number(process.hrtime.bigint() - fillStarted) / 1e9;
    await fillStore.close();

    const app = await createApp(config, { quiet: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const token = await signDevToken(SECRET, { sub: 'bench', roles: ['analyst'], force: 'hmicfrs' });
    const projectionSeconds = await projectionsCaughtUp(baseUrl);

    const results: Result[] = [];
    results.push(await timed('GET /v1/feed, pages of 10000 (first read: cold force cache)', () => pageThrough(baseUrl, token, '', 10_000)));
    results.push(await timed('GET /v1/feed, pages of 10000', () => pageThrough(baseUrl, token, '', 10_000)));
    results.push(await timed('GET /v1/feed, pages of 1000 (default)', () => pageThrough(baseUrl, token, '', 1000)));
    results.push(await timed('GET /v1/feed, pages of 100', () => pageThrough(baseUrl, token, '', 100)));
    results.push(await timed('GET /v1/feed?types=ChargingDecisionMade', () => pageThrough(baseUrl, token, '&types=ChargingDecisionMade', 10_000)));
    results.push(
      await timed('GET /v1/feed/live, catch-up (SSE)', async () => {
        const read = await stream(`${baseUrl}/v1/feed/live`, token, { accept: 'text/event-stream' }, filled.events);
        return { events: read.lines, bytes: read.bytes };
      }),
    );
    await app.close();

    const store = openEventStore(config);
    results.push(await timed('export --format ndjson', () => exportTo(store, config, join(dataDir, 'feed.ndjson'), 'ndjson')));
    results.push(await timed('export --format csv', () => exportTo(store, config, join(dataDir, 'feed.csv'), 'csv')));
    await store.close();

    const cpu = (await import('node:os')).cpus()[0]?.model ?? 'unknown CPU';
    console.log(`analytics feed over ${filled.events.toLocaleString('en-GB')} events in ${cases.toLocaleString('en-GB')} cases (SQLite), seed ${SEED}, node ${process.version}, ${cpu}`);
    console.log(
      `store filled in ${fillSeconds.toFixed(1)} s (${Math.round(filled.events / fillSeconds).toLocaleString('en-GB')} events/s through the port); ` +
        `read-model projections caught up ${projectionSeconds.toFixed(1)} s after start, before any measurement`,
    );
    const header = ['scenario', 'events', 'seconds', 'events/s', 'MB/s', 'peak RSS MB'];
    const rows = results.map((r) => [r.scenario, r.events.toLocaleString('en-GB'), r.seconds.toFixed(2), r.eventsPerSecond.toLocaleString('en-GB'), r.megabytesPerSecond.toFixed(1), String(r.peakRssMb)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log(JSON.stringify({ events: filled.events, cases, seed: SEED, fillEventsPerSecond: Math.round(filled.events / fillSeconds), results }));
  } finally {
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
