/**
 * A few hundred generated cases: every inspection figure equals the figure computed by replaying
 * each case with the engine, a rebuild gives the same read models, and a newly published ruleset
 * version is measured on every case.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseIdOfStream } from '../../src/projections/case-derivation';
import { summariseCase } from '../../src/projections/case-summary';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { PROJECTION_RUNNER } from '../../src/projections/projections.module';
import { rebuildReadModels } from '../../src/projections/read-model-rebuild';
import { SqliteReadStore } from '../../src/projections/sqlite-read-store';
import { FiguresAccumulator } from '../../src/inspection/figures';
import { seedStore } from '../../src/synthetic/seed-store';
import { correctedHistory } from '../../src/timeline/corrected-history';
import { measure } from '../../src/timeliness/measure';
import type { MeasurableEvent, RulesetDef } from '../../src/timeliness/model';
import { ENGLAND_AND_WALES_V1 } from '../../src/timeliness/rulesets/england-and-wales.v1';
import { HttpHarness } from '../fixtures/http-harness';
import { dumpReadModels } from '../fixtures/read-model-dump';

const NOW = '2026-06-01T12:00:00Z';

describe('read models over a few hundred generated cases', () => {
  let h: HttpHarness;
  let inspector: string;
  const cases = new Map<string, Array<MeasurableEvent & { recordedBy: { sub: string; role: string; force: string } }>>();
  const rebuildDir = mkdtempSync(join(tmpdir(), 'case-timeline-rebuild-'));

  beforeAll(async () => {
    h = await HttpHarness.start({ now: NOW });
    inspector = await h.token('inspector', 'hmicfrs');
    await seedStore(h.store, { cases: 300, seed: 11, now: new Date(NOW) });
    for await (const event of h.store.readAll(undefined, { filter: { streamPrefixes: ['case-'] } })) {
      const caseId = caseIdOfStream(event.streamId)!;
      const list = cases.get(caseId) ?? [];
      list.push({ eventId: event.eventId, type: event.type, occurredAt: event.metadata.occurredAt, recordedAt: event.metadata.recordedAt, data: event.data, recordedBy: event.metadata.recordedBy });
      cases.set(caseId, list);
    }
    await h.app.get<symbol, ProjectionRunner>(PROJECTION_RUNNER).waitForHead(60000);
  }, 120000);
  afterAll(async () => {
    await h.close();
    rmSync(rebuildDir, { recursive: true, force: true });
  });

  function replayFigures(ruleset: RulesetDef, groupByForce: boolean) {
    const totals = new Map<string, FiguresAccumulator>();
    const groups = new Map<string, Map<string, FiguresAccumulator>>();
    for (const [caseId, events] of cases) {
      const force = summariseCase(caseId, correctedHistory(events))!.force;
      for (const clock of measure(events, ruleset, { now: new Date(NOW) })) {
        if (!totals.has(clock.ruleId)) totals.set(clock.ruleId, new FiguresAccumulator());
        totals.get(clock.ruleId)!.add(clock.status, clock.elapsedMs);
        if (groupByForce) {
          const byForce = groups.get(clock.ruleId) ?? new Map<string, FiguresAccumulator>();
          if (!byForce.has(force)) byForce.set(force, new FiguresAccumulator());
          byForce.get(force)!.add(clock.status, clock.elapsedMs);
          groups.set(clock.ruleId, byForce);
        }
      }
    }
    return ruleset.rules.map((rule) => ({
      ruleId: rule.id,
      ...(totals.get(rule.id)?.figures() ?? new FiguresAccumulator().figures()),
      groups: [...(groups.get(rule.id) ?? new Map()).entries()]
        .map(([key, acc]) => ({ key, ...acc.figures() }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    }));
  }

  it('holds every case, and clocks in every status', async () => {
    expect(cases.size).toBe(300);
    const reply = await h.inject('GET', '/v1/inspection/timeliness', { token: inspector });
    const statuses = new Set<string>();
    for (const rule of reply.body.rules) for (const s of ['met', 'breached', 'running', 'overdue', 'completed', 'open']) if (rule[s] > 0) statuses.add(s);
    expect([...statuses].sort()).toEqual(['breached', 'completed', 'met', 'open', 'overdue', 'running']);
  });

  it('gives every timeliness figure the engine gives by replaying each case, overall and by force', async () => {
    const reply = await h.inject('GET', '/v1/inspection/timeliness?groupBy=force', { token: inspector });
    expect(reply.status).toBe(200);
    const expected = replayFigures(ENGLAND_AND_WALES_V1, true);
    const actual = reply.body.rules.map(({ title: _t, ...rule }: { title: string }) => rule);
    expect(actual).toEqual(expected);
  });

  it('gives the same figures through an as-of replay at the present', async () => {
    const fromReadModels = await h.inject('GET', '/v1/inspection/timeliness?groupBy=riskLevel', { token: inspector });
    const replayed = await h.inject('GET', `/v1/inspection/timeliness?groupBy=riskLevel&asOf=${NOW}`, { token: inspector });
    expect(replayed.body.rules).toEqual(fromReadModels.body.rules);
  });

  it('counts data quality, disruption and charging as the cases say', async () => {
    let closed = 0;
    let sixteen = 0;
    let disruptions = 0;
    let charged = 0;
    for (const [caseId, events] of cases) {
      const summary = summariseCase(caseId, correctedHistory(events))!;
      if (summary.status === 'closed') closed++;
      if (summary.outcomeCode === 16) sixteen++;
      disruptions += summary.disruptions.length;
      charged += summary.charging.filter((c) => c.outcome === 'charged').length;
    }
    const quality = await h.inject('GET', '/v1/inspection/data-quality', { token: inspector });
    expect(quality.body).toMatchObject({ cases: 300, outcomes: { closed, victimDoesNotSupport: { count: sixteen } } });
    const disruption = await h.inject('GET', '/v1/inspection/disruption', { token: inspector });
    expect(disruption.body.total).toBe(disruptions);
    const charging = await h.inject('GET', '/v1/inspection/charging', { token: inspector });
    expect(charging.body.byOutcome.charged ?? 0).toBe(charged);
  });

  it('rebuilds from the log into the same read models', async () => {
    const live = h.app.get(SqliteReadStore);
    const rebuilt = new SqliteReadStore(join(rebuildDir, 'read-models.sqlite'));
    const listed = jest.spyOn(h.store, 'listStreams');
    const headers = jest.spyOn(h.store, 'readHeaders');
    await new ProjectionRunner(h.store, rebuilt, { batchSize: 777 }).catchUp();
    // From nothing, the case streams are listed, and only what came after the listing is read as headers.
    expect(listed).toHaveBeenCalledTimes(1);
    expect(headers.mock.calls.map(([from]) => from)).toEqual([(await listed.mock.results[0].value).head]);
    listed.mockRestore();
    headers.mockRestore();
    expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    rebuilt.close();
  });

  it('rebuilds in bulk (rows first, indexes after, cases derived by worker threads) beside the live file, then replaces it, with every index back', async () => {
    const live = h.app.get(SqliteReadStore);
    const file = join(rebuildDir, 'bulk-read-models.sqlite');
    // An old file, left with a WAL (as by a service killed), which must not be applied to the new one.
    const old = new SqliteReadStore(file);
    old.db.pragma('wal_autocheckpoint = 0');
    old.db.exec("INSERT INTO dirty_cases (case_id) VALUES ('left-over')");
    const oldWal = readFileSync(`${file}-wal`);
    old.close();
    writeFileSync(`${file}-wal`, oldWal);
    expect(oldWal.length).toBeGreaterThan(0);
    const indexes = (store: SqliteReadStore) => store.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
    const dropped = jest.spyOn(SqliteReadStore.prototype, 'dropIndexes');
    await rebuildReadModels(h.store, { location: { dataDir: h.dataDir }, file, workers: 2, batchSize: 500, bulkLoadCases: 1 });
    expect(dropped).toHaveBeenCalledTimes(1);
    dropped.mockRestore();
    expect(readdirSync(rebuildDir).filter((name) => name.startsWith('bulk-'))).toEqual(['bulk-read-models.sqlite']);
    const rebuilt = new SqliteReadStore(file);
    expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    expect(rebuilt.dirtyCount()).toBe(0);
    expect(indexes(rebuilt)).toEqual(indexes(live));
    expect(indexes(rebuilt).length).toBeGreaterThan(5);
    expect(rebuilt.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rebuilt.db.pragma('integrity_check', { simple: true })).toBe('ok');
    rebuilt.close();
  });

  it('measures every case under a newly published ruleset version', async () => {
    const rules = ENGLAND_AND_WALES_V1.rules.map((rule) =>
      rule.id === 'crime-recorded' ? { ...rule, limit: [{ effectiveFrom: '1970-01-01', duration: 'PT12H' }] } : rule,
    );
    const admin = await h.token('admin', 'home-office');
    const published = await h.inject('POST', '/v1/rulesets/england-and-wales/versions', { token: admin, body: { title: 'Crime recorded within 12 hours', rules } });
    expect(published.status).toBe(201);
    await h.app.get<symbol, ProjectionRunner>(PROJECTION_RUNNER).waitForHead(60000);
    const reply = await h.inject('GET', '/v1/inspection/timeliness?ruleset=england-and-wales@2&compare=1', { token: inspector });
    const v2 = { ...ENGLAND_AND_WALES_V1, version: 2, rules } as RulesetDef;
    const strip = (rule: { title?: string; groups?: unknown }) => {
      const { title: _t, groups: _g, ...rest } = rule;
      return rest;
    };
    expect(reply.body.rules.map(strip)).toEqual(replayFigures(v2, false).map(strip));
    expect(reply.body.compare.rules.map(strip)).toEqual(replayFigures(ENGLAND_AND_WALES_V1, false).map(strip));
    const crimeV1 = reply.body.compare.rules.find((r: { ruleId: string }) => r.ruleId === 'crime-recorded');
    const crimeV2 = reply.body.rules.find((r: { ruleId: string }) => r.ruleId === 'crime-recorded');
    expect(crimeV2.met).toBeLessThan(crimeV1.met);
  });
});
