/**
 * The inspection routes on a small, hand-written set of cases, checked against the figures an
 * inspector computes by hand: compliance = met / (met + breached + overdue); median and p90
 * (nearest rank) of elapsed time over stopped clocks.
 */
import { randomUUID } from 'node:crypto';
import { PROJECTION_RUNNER } from '../../src/projections/projections.module';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';

const H = 3600 * 1000;
type RuleView = { ruleId: string; clocks: number; met: number; breached: number; running: number; overdue: number; completed: number; open: number; compliance: number | null; medianElapsedMs: number | null; p90ElapsedMs: number | null; groups?: Array<{ key: string } & RuleView> };

describe('inspection routes on hand-written cases', () => {
  let h: HttpHarness;
  let inspector: string;
  const ids: Record<string, string> = {};

  async function open(name: string, force: string, reportedAt: string) {
    const token = await h.token('investigator', force);
    h.clock.set(new Date(Date.parse(reportedAt) + 60_000));
    const body = openCaseBody({ force, report: { ...openCaseBody().report, occurredAt: reportedAt } });
    expect((await h.inject('POST', '/v1/cases', { token, body })).status).toBe(201);
    ids[name] = body.caseId;
  }

  async function record(name: string, force: string, type: string, data: Record<string, unknown>, occurredAt: string) {
    const token = await h.token(['investigator', 'supervisor'], force);
    h.clock.set(new Date(Date.parse(occurredAt) + 60_000));
    const reply = await h.inject('POST', `/v1/cases/${ids[name]}/events`, { token, body: { events: [entry(type, data, occurredAt)] } });
    expect(reply.status).toBe(201);
    return reply.body.events[0].eventId as string;
  }

  const crime = { crimeRef: 'C-1', offence: 'Sexual activity with a child', cseFlag: true, groupBasedFlag: false };
  const contact = { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' };

  beforeAll(async () => {
    h = await HttpHarness.start({ now: '2024-03-01T00:00:00Z' });
    inspector = await h.token('inspector', 'hmicfrs');
    // A: crime recorded after 2 h (met), victim contacted after 30 h (breached).
    await open('A', 'west-yorkshire', '2024-03-04T09:00:00Z');
    await record('A', 'west-yorkshire', 'CrimeRecorded', crime, '2024-03-04T11:00:00Z');
    await record('A', 'west-yorkshire', 'ContactMade', contact, '2024-03-05T15:00:00Z');
    await record('A', 'west-yorkshire', 'DisruptionActionTaken', { tool: 'child-abduction-warning-notice', targetKind: 'person' }, '2024-03-06T10:00:00Z');
    // B: crime recorded after 26 h (breached), the victim never contacted (overdue).
    await open('B', 'west-yorkshire', '2024-03-05T09:00:00Z');
    await record('B', 'west-yorkshire', 'CrimeRecorded', { ...crime, cseFlag: false }, '2024-03-06T11:00:00Z');
    // C: crime recorded after 10 h (met), victim contacted after 1 h (met), then charged.
    await open('C', 'merseyside', '2024-03-06T09:00:00Z');
    await record('C', 'merseyside', 'ContactMade', contact, '2024-03-06T10:00:00Z');
    await record('C', 'merseyside', 'CrimeRecorded', crime, '2024-03-06T19:00:00Z');
    await record('C', 'merseyside', 'SuspectIdentified', { suspectRef: 'S-1' }, '2024-03-07T10:00:00Z');
    await record('C', 'merseyside', 'ChargingDecisionMade', { suspectRef: 'S-1', by: 'cps', outcome: 'charged', test: 'full-code' }, '2024-04-02T10:00:00Z');
    // D: reported an hour before the inspection: clocks running.
    await open('D', 'merseyside', '2024-04-08T08:00:00Z');
    h.clock.set('2024-04-08T09:00:00Z');
    const runner = h.app.get<symbol, ProjectionRunner>(PROJECTION_RUNNER);
    await runner.waitForHead().catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(runner.status())}`); });
  });
  afterAll(() => h.close());

  const timeliness = async (query = '') => {
    const reply = await h.inject('GET', `/v1/inspection/timeliness${query}`, { token: inspector });
    expect(reply.status).toBe(200);
    return reply.body as { rules: RuleView[]; asOf: string | null; compare?: { rules: RuleView[] } };
  };
  const rule = (view: { rules: RuleView[] }, id: string) => view.rules.find((r) => r.ruleId === id)!;

  it('counts and measures each rule as an inspector would by hand', async () => {
    const view = await timeliness();
    expect(rule(view, 'crime-recorded')).toMatchObject({
      clocks: 4, met: 2, breached: 1, running: 1, overdue: 0, compliance: 2 / 3, medianElapsedMs: 10 * H, p90ElapsedMs: 26 * H,
    });
    expect(rule(view, 'first-victim-contact')).toMatchObject({
      clocks: 4, met: 1, breached: 1, overdue: 1, running: 1, compliance: 1 / 3, medianElapsedMs: 15.5 * H, p90ElapsedMs: 30 * H,
    });
    expect(rule(view, 'referral-to-childrens-social-care')).toMatchObject({ clocks: 4, overdue: 3, running: 1, compliance: 0 });
    expect(rule(view, 'report-to-charge')).toMatchObject({ clocks: 4, completed: 1, open: 3, compliance: null, medianElapsedMs: Date.parse('2024-04-02T10:00:00Z') - Date.parse('2024-03-06T09:00:00Z') });
    expect(rule(view, 'pace-detention')).toMatchObject({ clocks: 0, compliance: null, medianElapsedMs: null });
  });

  it('groups by force and filters by force and by the clocks\' start', async () => {
    const view = await timeliness('?groupBy=force');
    const groups = rule(view, 'crime-recorded').groups!;
    expect(groups.map((g) => g.key)).toEqual(['merseyside', 'west-yorkshire']);
    expect(groups[1]).toMatchObject({ met: 1, breached: 1, compliance: 0.5, medianElapsedMs: 14 * H, p90ElapsedMs: 26 * H });
    expect(groups[0]).toMatchObject({ met: 1, running: 1, compliance: 1, medianElapsedMs: 10 * H, p90ElapsedMs: 10 * H });
    expect(rule(await timeliness('?force=merseyside'), 'crime-recorded')).toMatchObject({ clocks: 2, met: 1, running: 1 });
    expect(rule(await timeliness('?from=2024-03-05&to=2024-03-06'), 'crime-recorded')).toMatchObject({ clocks: 2, met: 1, breached: 1 });
  });

  it('answers as of a date from what had been recorded then, by replaying every case', async () => {
    const view = await timeliness('?asOf=2024-03-05T10:00:00Z');
    expect(view.asOf).toBe('2024-03-05T10:00:00.000Z');
    expect(rule(view, 'crime-recorded')).toMatchObject({ clocks: 2, met: 1, running: 1, compliance: 1, medianElapsedMs: 2 * H });
    expect(rule(view, 'first-victim-contact')).toMatchObject({ clocks: 2, overdue: 1, running: 1, compliance: 0 });
  });

  it('gives the same figures through the as-of replay as from the read models, at the present', async () => {
    const fromReadModels = await timeliness('?groupBy=force');
    const replayed = await timeliness(`?groupBy=force&asOf=2024-04-08T09:00:00Z`);
    expect(replayed.rules).toEqual(fromReadModels.rules);
  });

  it('lists breached and overdue clocks with their case and events, in pages and as CSV', async () => {
    const reply = await h.inject('GET', '/v1/inspection/breaches?rule=crime-recorded,first-victim-contact&limit=2', { token: inspector });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(2);
    const next = await h.inject('GET', `/v1/inspection/breaches?rule=crime-recorded,first-victim-contact&limit=2&cursor=${reply.body.nextCursor}`, { token: inspector });
    const all = [...reply.body.items, ...next.body.items];
    expect(next.body.nextCursor).toBeNull();
    expect(all.map((b: { caseId: string; ruleId: string; status: string }) => [b.caseId, b.ruleId, b.status])).toEqual([
      [ids.A, 'first-victim-contact', 'breached'],
      [ids.B, 'crime-recorded', 'breached'],
      [ids.B, 'first-victim-contact', 'overdue'],
    ]);
    expect(all[1]).toMatchObject({ startEventType: 'ReportReceived', stopEventType: 'CrimeRecorded', overdueByMs: 2 * H, elapsedMs: 26 * H });
    const csv = await h.inject('GET', '/v1/inspection/breaches?rule=crime-recorded&format=csv', { token: inspector });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('caseId,force,area,riskLevel,ruleId,cycleKey,status,startEventId,startEventType,startedAt,dueAt,stopEventId,stopEventType,stoppedAt,overdueByMs,elapsedMs');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ids.B},west-yorkshire`);
  });

  it('reports data quality, disruption and charging', async () => {
    const quality = await h.inject('GET', '/v1/inspection/data-quality?groupBy=force', { token: inspector });
    expect(quality.status).toBe(200);
    expect(quality.body).toMatchObject({ cases: 4, crimes: { recorded: 3, cseFlagged: 2, cseFlagShare: 2 / 3 }, victims: { ethnicityRecorded: 4 } });
    expect(quality.body.groups.map((g: { force: string; cases: number }) => [g.force, g.cases])).toEqual([['merseyside', 2], ['west-yorkshire', 2]]);
    const disruption = await h.inject('GET', '/v1/inspection/disruption', { token: await h.token('analyst', 'home-office') });
    expect(disruption.body).toMatchObject({ total: 1, byTool: { 'child-abduction-warning-notice': 1 }, byPeriod: [{ period: '2024-03', count: 1 }] });
    const charging = await h.inject('GET', '/v1/inspection/charging?period=quarter', { token: inspector });
    expect(charging.body).toMatchObject({ total: 1, byOutcome: { charged: 1 }, byDecider: { cps: 1 }, byPeriod: [{ period: '2024-Q2', count: 1 }], byForce: [{ force: 'merseyside', count: 1 }] });
  });

  it('refuses investigators, and bad parameters with the parameter named', async () => {
    expect((await h.inject('GET', '/v1/inspection/timeliness', { token: await h.token('investigator') })).status).toBe(403);
    const bad = await h.inject('GET', '/v1/inspection/timeliness?groupBy=colour&from=yesterday', { token: inspector });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['from', 'groupBy']);
  });

  it('lists cases newest first, within the caller\'s force, in pages', async () => {
    const own = await h.inject('GET', '/v1/cases?limit=1', { token: await h.token('investigator', 'merseyside') });
    expect(own.status).toBe(200);
    expect(own.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([ids.D]);
    const next = await h.inject('GET', `/v1/cases?limit=1&cursor=${own.body.nextCursor}`, { token: await h.token('investigator', 'merseyside') });
    expect(next.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([ids.C]);
    expect(next.body.nextCursor).toBeNull();
    const elsewhere = await h.inject('GET', '/v1/cases?force=west-yorkshire', { token: await h.token('investigator', 'merseyside') });
    expect(elsewhere.status).toBe(403);
    const everyone = await h.inject('GET', '/v1/cases?status=open', { token: inspector });
    expect(everyone.body.items).toHaveLength(4);
  });

  it('shows the timeline with corrections applied and shown, the recording lag, and the clocks', async () => {
    const supervisor = await h.token('supervisor', 'west-yorkshire', 'sgt-9');
    const contactId = (await h.inject('GET', `/v1/cases/${ids.A}/events`, { token: supervisor })).body.events.find((e: { type: string }) => e.type === 'ContactMade').eventId;
    h.clock.set('2024-04-08T10:00:00Z');
    const correction = await h.inject('POST', `/v1/cases/${ids.A}/events`, {
      token: supervisor,
      body: { events: [entry('EntryCorrected', { correctsEventId: contactId, occurredAt: '2024-03-04T20:00:00Z', reason: 'Time from the pocket notebook' }, '2024-04-08T10:00:00Z', randomUUID())] },
    });
    expect(correction.status).toBe(201);
    const timeline = await h.inject('GET', `/v1/cases/${ids.A}/timeline`, { token: supervisor });
    expect(timeline.status).toBe(200);
    const contactEntry = timeline.body.entries.find((e: { eventId: string }) => e.eventId === contactId);
    expect(contactEntry).toMatchObject({
      occurredAt: '2024-03-04T20:00:00Z',
      corrections: [{ recordedBy: { sub: 'sgt-9', role: 'supervisor' }, reason: 'Time from the pocket notebook', occurredAt: '2024-03-04T20:00:00Z' }],
      retracted: false,
      recordingLagMs: Date.parse('2024-03-05T15:01:00Z') - Date.parse('2024-03-04T20:00:00Z'),
    });
    expect(timeline.body.entries.map((e: { type: string }) => e.type)).toEqual(['CaseOpened', 'ReportReceived', 'CrimeRecorded', 'ContactMade', 'DisruptionActionTaken']);
    expect(timeline.body.clocks.find((c: { ruleId: string }) => c.ruleId === 'first-victim-contact').status).toBe('met');
    const before = await h.inject('GET', `/v1/cases/${ids.A}/timeline?asOf=2024-04-01T00:00:00Z&types=ContactMade`, { token: supervisor });
    expect(before.body.entries).toHaveLength(1);
    expect(before.body.entries[0]).toMatchObject({ occurredAt: '2024-03-05T15:00:00Z', corrections: [] });
    expect(before.body.clocks.find((c: { ruleId: string }) => c.ruleId === 'first-victim-contact').status).toBe('breached');
    const audit = await h.store.readStream('access-2024-04-08');
    expect(audit.some((e) => e.data.route === 'GET /v1/cases/:caseId/timeline' && e.data.caseId === ids.A)).toBe(true);
    expect((await h.inject('GET', `/v1/cases/${ids.A}/timeline`, { token: await h.token('analyst', 'west-yorkshire') })).status).toBe(403);
  });
});
