/**
 * httpAppendRps and helloWorldRps. Each server runs in its own child process and autocannon
 * drives it from this one, so the load generator never takes the server's event loop; on a
 * 2-core machine each side gets about one core, the same for both servers.
 *
 * The app is pre-loaded with open cases (through POST /v1/cases, so they are valid), then every
 * request records one RiskAssessed (no invariant refuses repeating it) with a fresh eventId on
 * the next case in turn, without If-Match: 32 requests in flight over hundreds of cases rarely
 * meet on one case, and when they do the handler re-reads and decides again, as it does for
 * any client. Only 201s count. The hello server gets the same path, headers and body size.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '../../src/auth/token.service';
import { EVENT_STORE_FILE } from '../../src/event-store/event-store.module';
import { Prng } from '../support/prng';
import { BENCH_JWT_SECRET, BenchContext, Detail, fmt, PartResult } from '../lib/context';
import { startServer } from '../lib/servers';

const FORCE = 'west-yorkshire';

interface LoadFigures {
  rps: number;
  created: number;
  seconds: number;
  non201: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
}

/** One entry, as a client records it; the same bytes go to the hello server. */
function appendBody(occurredAt: string): string {
  return JSON.stringify({
    events: [{ eventId: randomUUID(), type: 'RiskAssessed', occurredAt, data: { level: 'high', rationale: 'Reviewed after a missing episode overnight.' } }],
  });
}

function openCaseBody(caseId: string, n: number, occurredAt: string): string {
  return JSON.stringify({
    caseId,
    force: FORCE,
    area: 'bradford',
    victim: { ref: `WY-V-${String(n).padStart(5, '0')}`, ageAtReport: 14, sex: 'female', ethnicity: 'white-british' },
    groupBased: false,
    report: { occurredAt, source: 'school', channel: 'agency-referral', agency: 'school', summary: 'Pupil seen getting into cars with older men.' },
  });
}

/** Opens the cases 32 at a time; this also warms the server's code paths up. */
async function openCases(baseUrl: string, token: string, caseIds: string[], occurredAt: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < caseIds.length) {
      const i = next++;
      const response = await fetch(`${baseUrl}/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: openCaseBody(caseIds[i], i, occurredAt),
      });
      if (response.status !== 201) throw new Error(`POST /v1/cases answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function load(ctx: BenchContext, baseUrl: string, token: string, caseIds: string[], occurredAt: string, duration: number): Promise<LoadFigures> {
  let turn = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: ctx.httpConnections,
    duration,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: `/v1/cases/${caseIds[turn++ % caseIds.length]}/events`, body: appendBody(occurredAt) }),
      },
    ],
  });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const created = result.statusCodeStats['201']?.count ?? 0;
  const non201 = Object.fromEntries(Object.entries(result.statusCodeStats).filter(([code]) => code !== '201').map(([code, s]) => [code, s.count]));
  return { rps: created / seconds, created, seconds, non201, errors: result.errors, timeouts: result.timeouts, p50: result.latency.p50, p99: result.latency.p99 };
}

function describe(name: string, f: LoadFigures): Detail[] {
  const others = Object.entries(f.non201).map(([code, n]) => `${n} × ${code}`).join(', ') || 'none';
  return [
    [`${name}: 201s in ${f.seconds.toFixed(1)} s`, `${fmt(f.created)} (${fmt(f.rps)}/s)`],
    [`${name}: other answers / errors / timeouts`, `${others} / ${f.errors} / ${f.timeouts}`],
    [`${name}: latency p50 / p99`, `${f.p50} ms / ${f.p99} ms`],
  ];
}

function warnings(name: string, f: LoadFigures): string[] {
  const failed = Object.values(f.non201).reduce((a, b) => a + b, 0) + f.errors + f.timeouts;
  return failed > 0 ? [`${name}: ${failed} requests did not get a 201 (not counted)`] : [];
}

/** Every 201 must be in the file once the server has stopped: an acknowledgement is a promise of durability. */
function storedRiskAssessments(dataDir: string): number {
  const db = new Database(join(dataDir, EVENT_STORE_FILE), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'RiskAssessed'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function run(ctx: BenchContext): Promise<PartResult> {
  const details: Detail[] = [];
  const problems: string[] = [];
  const now = Date.now();
  // A day back for the report, an hour back for the entries: never in the future of the server's clock.
  const openedAt = new Date(now - 24 * 3600_000).toISOString();
  const occurredAt = new Date(now - 3600_000).toISOString();
  const prng = new Prng(ctx.seed);
  const caseIds = Array.from({ length: ctx.httpCases }, () => prng.uuid());
  const token = await signDevToken(BENCH_JWT_SECRET, { sub: 'bench-investigator', roles: ['investigator'], force: FORCE }, 3600);

  const dataDir = join(ctx.workDir, 'http-app');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const app = await startServer('app', { dataDir }, ctx.profileDir, 'http-app');
  let appFigures: LoadFigures;
  let warmupCreated: number;
  try {
    const started = Date.now();
    await openCases(app.baseUrl, token, caseIds, openedAt);
    details.push(['app: cases opened before the run', `${fmt(caseIds.length)} in ${((Date.now() - started) / 1000).toFixed(1)} s`]);
    warmupCreated = (await load(ctx, app.baseUrl, token, caseIds, occurredAt, ctx.httpWarmupSeconds)).created;
    appFigures = await load(ctx, app.baseUrl, token, caseIds, occurredAt, ctx.httpSeconds);
  } finally {
    const problem = await app.stop();
    if (problem) problems.push(problem);
  }
  details.push(...describe('app', appFigures));
  const acknowledged = warmupCreated + appFigures.created;
  const stored = storedRiskAssessments(dataDir);
  details.push(['app: 201s acknowledged / entries in the file', `${fmt(acknowledged)} / ${fmt(stored)}`]);
  if (stored < acknowledged) problems.push(`app: ${acknowledged - stored} acknowledged appends are not in the event store`);
  rmSync(dataDir, { recursive: true, force: true });

  const hello = await startServer('hello', {}, ctx.profileDir, 'http-hello');
  let helloFigures: LoadFigures;
  try {
    await load(ctx, hello.baseUrl, token, caseIds, occurredAt, ctx.httpWarmupSeconds);
    helloFigures = await load(ctx, hello.baseUrl, token, caseIds, occurredAt, ctx.httpSeconds);
  } finally {
    const problem = await hello.stop();
    if (problem) problems.push(problem);
  }
  details.push(...describe('hello', helloFigures));
  details.push(['request body', `${Buffer.byteLength(appendBody(occurredAt))} bytes, ${ctx.httpConnections} connections, ${ctx.httpSeconds} s after ${ctx.httpWarmupSeconds} s warm-up`]);

  return {
    figures: { httpAppendRps: Math.round(appFigures.rps), helloWorldRps: Math.round(helloFigures.rps) },
    details,
    warnings: [...problems, ...warnings('app', appFigures), ...warnings('hello', helloFigures)],
  };
}
