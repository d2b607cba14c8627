/**
 * The inspection figures come from an index the service keeps in memory and brings up to date
 * from the read models before each answer: what is recorded, corrected, published or rebuilt
 * shows in the figures as soon as the projection has caught up, without a restart.
 */
import { PROJECTION_RUNNER } from '../../src/projections/projections.module';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { SqliteReadStore } from '../../src/projections/sqlite-read-store';
import { ENGLAND_AND_WALES_V1 } from '../../src/timeliness/rulesets/england-and-wales.v1';
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';

const H = 3600 * 1000;
type RuleView = { ruleId: string; clocks: number; met: number; breached: number; running: number; overdue: number; medianElapsedMs: number | null; groups?: Array<{ key: string | null; clocks: number }> };

describe('inspection figures follow the read models', () => {
  let h: HttpHarness;
  let inspector: string;
  let supervisor: string;
  let caseId: string;
  let crimeEventId: string;

  beforeAll(async () => {
    h = await HttpHarness.start({ now: '2024-03-04T09:01:00Z' });
    inspector = await h.token('inspector', 'hmicfrs');
    supervisor = await h.token(['investigator', 'supervisor'], 'west-yorkshire', 'sgt-1');
    // Cases elsewhere, so that one case changing is a change to a few of many, as at scale; the
    // figures below are of west-yorkshire.
    const elsewhere = await h.token('investigator', 'merseyside');
    for (let i = 0; i < 6; i++) {
      const body = openCaseBody({ force: 'merseyside', report: { ...openCaseBody().report, occurredAt: '2024-03-01T09:00:00Z' } });
      expect((await h.inject('POST', '/v1/cases', { token: elsewhere, body })).status).toBe(201);
    }
    await caughtUp();
  });
  afterAll(() => h.close());

  const caughtUp = () => h.app.get<symbol, ProjectionRunner>(PROJECTION_RUNNER).waitForHead();
  const get = async (path: string) => {
    const reply = await h.inject('GET', path, { token: inspector });
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const rule = async (id: string, query = '') => ((await get(`/v1/inspection/timeliness?force=west-yorkshire${query}`)).rules as RuleView[]).find((r) => r.ruleId === id)!;
  const record = async (type: string, data: Record<string, unknown>, occurredAt: string) => {
    h.clock.set(new Date(Date.parse(occurredAt) + 60_000));
    const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: supervisor, body: { events: [entry(type, data, occurredAt)] } });
    expect(reply.status).toBe(201);
    await caughtUp();
    return reply.body.events[0].eventId as string;
  };

  it('counts a case opened after the service started', async () => {
    expect((await rule('crime-recorded')).clocks).toBe(0);
    const body = openCaseBody({ report: { ...openCaseBody().report, occurredAt: '2024-03-04T09:00:00Z' } });
    caseId = body.caseId;
    expect((await h.inject('POST', '/v1/cases', { token: supervisor, body })).status).toBe(201);
    await caughtUp();
    expect(await rule('crime-recorded')).toMatchObject({ clocks: 1, running: 1, met: 0 });
    expect((await get('/v1/inspection/data-quality?force=west-yorkshire')).cases).toBe(1);
  });

  it('decides running or overdue at the time of each request', async () => {
    h.clock.set('2024-03-05T09:00:00Z');
    expect(await rule('crime-recorded')).toMatchObject({ running: 1, overdue: 0 });
    h.clock.set('2024-03-05T09:00:00.001Z');
    expect(await rule('crime-recorded')).toMatchObject({ running: 0, overdue: 1 });
  });

  it('counts an appended event once the projection has caught up', async () => {
    crimeEventId = await record('CrimeRecorded', { crimeRef: 'C-1', offence: 'Sexual activity with a child', cseFlag: false, groupBasedFlag: false }, '2024-03-04T11:00:00Z');
    expect(await rule('crime-recorded')).toMatchObject({ clocks: 1, met: 1, running: 0, overdue: 0, medianElapsedMs: 2 * H });
    expect((await get('/v1/inspection/data-quality?force=west-yorkshire')).crimes).toMatchObject({ recorded: 1, cseFlagged: 0 });
    await record('DisruptionActionTaken', { tool: 'child-abduction-warning-notice', targetKind: 'person' }, '2024-03-05T10:00:00Z');
    expect(await get('/v1/inspection/disruption?force=west-yorkshire')).toMatchObject({ total: 1, byTool: { 'child-abduction-warning-notice': 1 } });
  });

  it('replaces a re-derived case: a correction, and a new risk level moving it to another group', async () => {
    const correctedAt = '2024-03-06T10:00:00Z';
    h.clock.set(correctedAt);
    const correction = await h.inject('POST', `/v1/cases/${caseId}/events`, {
      token: supervisor,
      body: { events: [entry('EntryCorrected', { correctsEventId: crimeEventId, occurredAt: '2024-03-05T15:00:00Z', data: { cseFlag: true }, reason: 'Time and flag from the crime record' }, correctedAt)] },
    });
    expect(correction.status).toBe(201);
    await caughtUp();
    expect(await rule('crime-recorded')).toMatchObject({ clocks: 1, met: 0, breached: 1, medianElapsedMs: 30 * H });
    expect((await get('/v1/inspection/data-quality?force=west-yorkshire')).crimes).toMatchObject({ recorded: 1, cseFlagged: 1 });
    expect((await rule('crime-recorded', '&groupBy=riskLevel')).groups).toEqual([expect.objectContaining({ key: null, clocks: 1 })]);
    await record('RiskAssessed', { level: 'high' }, '2024-03-06T11:00:00Z');
    expect((await rule('crime-recorded', '&groupBy=riskLevel')).groups).toEqual([expect.objectContaining({ key: 'high', clocks: 1 })]);
  });

  it('measures every case under a ruleset version published while it runs, beside the earlier one', async () => {
    const rules = ENGLAND_AND_WALES_V1.rules.map((r) => (r.id === 'crime-recorded' ? { ...r, limit: [{ effectiveFrom: '1970-01-01', duration: 'P3D' }] } : r));
    const admin = await h.token('admin', 'home-office');
    expect((await h.inject('POST', '/v1/rulesets/england-and-wales/versions', { token: admin, body: { title: 'Crime recorded within 3 days', rules } })).status).toBe(201);
    await caughtUp();
    const view = await get('/v1/inspection/timeliness?compare=1&force=west-yorkshire');
    expect(view.ruleset).toEqual({ id: 'england-and-wales', version: 2 });
    expect(view.rules.find((r: RuleView) => r.ruleId === 'crime-recorded')).toMatchObject({ met: 1, breached: 0 });
    expect(view.compare.rules.find((r: RuleView) => r.ruleId === 'crime-recorded')).toMatchObject({ met: 0, breached: 1 });
  });

  it('follows the read models when they are rebuilt under it, the derivation sequence starting again', async () => {
    const routes = ['/v1/inspection/timeliness?groupBy=force', '/v1/inspection/timeliness?ruleset=england-and-wales@1', '/v1/inspection/data-quality?groupBy=force', '/v1/inspection/disruption'];
    const crimeRecorded = (view: { rules: RuleView[] }) => view.rules.find((r) => r.ruleId === 'crime-recorded');
    const before = await Promise.all(routes.map(get));
    const readStore = h.app.get(SqliteReadStore);
    // Rebuilt unseen: the sequence is then below the last one the index saw.
    readStore.reset();
    await new ProjectionRunner(h.store, readStore).catchUp();
    await record('ContactMade', { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' }, '2024-03-06T12:00:00Z');
    expect(await rule('first-victim-contact')).toMatchObject({ clocks: 1, breached: 1 });
    const after = await Promise.all(routes.map(get));
    expect(crimeRecorded(after[0])).toEqual(crimeRecorded(before[0]));
    expect(after[2].recording.events).toBe(before[2].recording.events + 1);
    expect(after[3]).toEqual(before[3]);
    // Rebuilt while asked: empty, then whole again.
    readStore.reset();
    expect((await get('/v1/inspection/data-quality')).cases).toBe(0);
    await new ProjectionRunner(h.store, readStore).catchUp();
    expect(await Promise.all(routes.map(get))).toEqual(after);
  });
});
