/** Reading a case back, the access audit, and the operational routes. */
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';
import { CASE_EVENT_TYPES } from '../../src/cases/domain/events';

describe('reading a case over HTTP', () => {
  let h: HttpHarness;
  let investigator: string;
  let caseId: string;

  beforeAll(async () => {
    h = await HttpHarness.start({ now: '2024-06-03T09:00:00Z' });
    investigator = await h.token('investigator', 'west-yorkshire', 'pc-1001');
    const body = openCaseBody();
    caseId = body.caseId;
    expect((await h.inject('POST', '/v1/cases', { token: investigator, body })).status).toBe(201);
    h.clock.set('2024-06-05T12:00:00Z');
    const late = await h.inject('POST', `/v1/cases/${caseId}/events`, {
      token: investigator,
      body: { events: [entry('RiskAssessed', { level: 'high', rationale: 'Missing three times this month' }, '2024-06-03T10:00:00+01:00')] },
    });
    expect(late.status).toBe(201);
  });
  afterAll(() => h.close());

  it('returns the stored events as recorded, with their ETag', async () => {
    const reply = await h.inject('GET', `/v1/cases/${caseId}/events`, { token: investigator });
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBe('"2"');
    expect(reply.body.caseId).toBe(caseId);
    expect(reply.body.revision).toBe(2);
    expect(reply.body.events.map((e: { type: string }) => e.type)).toEqual(['CaseOpened', 'ReportReceived', 'RiskAssessed']);
    expect(reply.body.events[2]).toMatchObject({
      streamId: `case-${caseId}`,
      revision: 2,
      data: { level: 'high' },
      metadata: { occurredAt: '2024-06-03T10:00:00+01:00', recordedAt: '2024-06-05T12:00:00.000Z' },
    });
  });

  it('with asOf, returns only what had been recorded by then', async () => {
    const reply = await h.inject('GET', `/v1/cases/${caseId}/events?asOf=2024-06-04T00:00:00Z`, { token: investigator });
    expect(reply.status).toBe(200);
    expect(reply.body.revision).toBe(1);
    expect(reply.body.events).toHaveLength(2);
    const before = await h.inject('GET', `/v1/cases/${caseId}/events?asOf=2024-06-01T00:00:00Z`, { token: investigator });
    expect(before.status).toBe(404);
    const bad = await h.inject('GET', `/v1/cases/${caseId}/events?asOf=yesterday`, { token: investigator });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('asOf');
  });

  it('writes an access entry for every read, on the day\'s access stream', async () => {
    h.clock.set('2024-06-06T08:00:00Z');
    await h.inject('GET', `/v1/cases/${caseId}/events`, { token: investigator });
    const audit = await h.store.readStream('access-2024-06-06');
    expect(audit.at(-1)).toMatchObject({
      type: 'CaseAccessed',
      data: { caseId, route: 'GET /v1/cases/:caseId/events', sub: 'pc-1001', force: 'west-yorkshire' },
      metadata: { recordedBy: { sub: 'pc-1001', role: 'investigator' } },
    });
  });

  it('lets an inspector of any force read, and refuses analysts and other forces', async () => {
    expect((await h.inject('GET', `/v1/cases/${caseId}/events`, { token: await h.token('inspector', 'hmicfrs') })).status).toBe(200);
    const analyst = await h.inject('GET', `/v1/cases/${caseId}/events`, { token: await h.token('analyst', 'west-yorkshire') });
    expect(analyst.status).toBe(403);
    const elsewhere = await h.inject('GET', `/v1/cases/${caseId}/events`, { token: await h.token('investigator', 'merseyside') });
    expect(elsewhere.status).toBe(403);
  });
});

describe('operational routes', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await HttpHarness.start();
  });
  afterAll(() => h.close());

  it('/health says the store is reachable, without a token', async () => {
    const reply = await h.inject('GET', '/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', store: { backend: 'sqlite', ok: true } });
  });

  it('/metrics exposes append counts and latencies, without a token', async () => {
    const token = await h.token('investigator');
    await h.inject('POST', '/v1/cases', { token, body: openCaseBody() });
    const reply = await h.inject('GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/case_timeline_events_appended_total\{type="CaseOpened"\} 1/);
    expect(reply.text).toMatch(/case_timeline_append_duration_seconds_count\{command="OpenCase",outcome="appended"\} 1/);
  });

  it('OpenAPI shows every event type\'s schema, and the UI is served at /docs', async () => {
    const reply = await h.inject('GET', '/docs-json');
    expect(reply.status).toBe(200);
    const schemas = Object.keys(reply.body.components.schemas);
    for (const type of CASE_EVENT_TYPES) {
      expect(schemas).toContain(`${type}DataDto`);
    }
    const ui = await h.inject('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
