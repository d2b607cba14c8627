/**
 * inspectionP95Ms and asOfInspectionMs over the corpus's rebuilt read models. The app runs in a
 * child process on the corpus directory with its clock standing still at the corpus's `now`
 * (so "overdue" means the same in every run); requests go one at a time over a keep-alive
 * socket, timed from sending to the last byte of the answer. Each route is warmed up, then
 * sampled; a route whose calls take seconds stops after a time budget (at least 5 samples), and
 * the p95 weighs every route equally, so the slow routes are not under-represented. The as-of
 * replay is timed once, after one warm-up at the scope of the smallest force.
 */
import { Agent, request } from 'node:http';
import { signDevToken } from '../../src/auth/token.service';
import { INSPECTORATE } from '../../src/synthetic/forces';
import { BENCH_JWT_SECRET, BenchContext, Detail, fmt, PartResult } from '../lib/context';
import { groupPercentile, percentile } from '../lib/measure';
import { startServer } from '../lib/servers';
import { readCorpusMarker } from './corpus';
import { readModelsReady, rebuild } from './replay';

const ROUTES = [
  '/v1/inspection/timeliness',
  '/v1/inspection/timeliness?groupBy=force',
  '/v1/inspection/breaches',
  '/v1/inspection/data-quality',
  '/v1/inspection/disruption',
  '/v1/inspection/charging',
  '/v1/cases?limit=50',
];
const WARMUP = 3;
const MIN_SAMPLES = 5;
/** Sampling a route stops once this is spent and it has MIN_SAMPLES: a 10 s route x 20 is minutes. */
const ROUTE_BUDGET_MS = 30_000;
/** The smallest force of the synthetic set: the as-of warm-up replays only its cases. */
const SMALL_FORCE = 'dyfed-powys';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** No timeout: an as-of replay of 100,000 cases may take minutes, and that is what is measured. */
function get(baseUrl: string, path: string, token: string): Promise<{ ms: number; status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(`${baseUrl}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed(baseUrl: string, path: string, token: string): Promise<number> {
  const { ms, status } = await get(baseUrl, path, token);
  if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  return ms;
}

async function caughtUp(baseUrl: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const response = await fetch(`${baseUrl}/health`);
    const body = (await response.json()) as { projections?: { caughtUp?: boolean } };
    if (body.projections?.caughtUp) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the read models did not catch up within 2 minutes');
}

export async function run(ctx: BenchContext): Promise<PartResult> {
  const corpus = readCorpusMarker(ctx);
  if (!corpus) throw new Error(`no finished corpus in ${ctx.corpusDir}`);
  const details: Detail[] = [];
  if (!readModelsReady(ctx)) {
    process.stderr.write('bench inspection: no rebuilt read models in the corpus: rebuilding them first\n');
    await rebuild(ctx);
  }
  const token = await signDevToken(BENCH_JWT_SECRET, { sub: 'bench-inspector', roles: ['inspector'], force: INSPECTORATE }, 3600);
  const asOf = new Date(new Date(ctx.now).getTime() - 365 * 24 * 3600_000).toISOString();
  const server = await startServer('app', { dataDir: ctx.corpusDir, now: ctx.now }, ctx.profileDir, 'inspection-app');
  const warnings: string[] = [];
  const groups: number[][] = [];
  let asOfMs: number;
  try {
    await caughtUp(server.baseUrl);
    for (const route of ROUTES) {
      // One warm-up is enough for a route that takes over a second: the JIT has had its fill.
      for (let i = 0; i < WARMUP; i++) if ((await timed(server.baseUrl, route, token)) > 1000) break;
      const samples: number[] = [];
      let spent = 0;
      while (samples.length < ctx.inspectionSamples && (samples.length < MIN_SAMPLES || spent < ROUTE_BUDGET_MS)) {
        const ms = await timed(server.baseUrl, route, token);
        samples.push(ms);
        spent += ms;
      }
      groups.push(samples);
      details.push([`inspection: ${route} p50 / p95 (n)`, `${percentile(samples, 50).toFixed(1)} ms / ${percentile(samples, 95).toFixed(1)} ms (${samples.length})`]);
    }
    const warm = await timed(server.baseUrl, `/v1/inspection/timeliness?asOf=${asOf}&force=${SMALL_FORCE}`, token);
    details.push([`inspection: as-of warm-up (force=${SMALL_FORCE})`, `${fmt(warm)} ms`]);
    asOfMs = await timed(server.baseUrl, `/v1/inspection/timeliness?asOf=${asOf}`, token);
    details.push([`inspection: as-of ${asOf.slice(0, 10)}, all ${fmt(corpus.cases)} cases`, `${fmt(asOfMs)} ms`]);
  } finally {
    agent.destroy();
    const problem = await server.stop();
    if (problem) warnings.push(problem);
  }
  details.push(['inspection: samples', `up to ${ctx.inspectionSamples} per route (at least ${MIN_SAMPLES}, ${ROUTE_BUDGET_MS / 1000} s budget), ${ROUTES.length} routes weighted equally`]);
  return {
    figures: { inspectionP95Ms: Math.round(groupPercentile(groups, 95) * 10) / 10, asOfInspectionMs: Math.round(asOfMs), cases: corpus.cases, events: corpus.events },
    details,
    warnings,
  };
}
