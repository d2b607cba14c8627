/**
 * The write routes through the whole HTTP stack (auth, validation, decide, append), as a client
 * uses them: status codes, headers, problem+json bodies, and what ends up stored.
 */
import { randomUUID } from 'node:crypto';
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';

describe('recording a case over HTTP', () => {
  let h: HttpHarness;
  let investigator: string;
  let supervisor: string;

  beforeAll(async () => {
    h = await HttpHarness.start();
    investigator = await h.token('investigator');
    supervisor = await h.token('supervisor');
  });
  afterAll(() => h.close());

  async function openCase(overrides: Record<string, unknown> = {}) {
    const body = openCaseBody(overrides);
    const reply = await h.inject('POST', '/v1/cases', { token: investigator, body });
    expect(reply.status).toBe(201);
    return { body, reply, caseId: body.caseId as string };
  }

  async function storedCount(caseId: string): Promise<number> {
    return (await h.store.readStream(`case-${caseId}`)).length;
  }

  describe('POST /v1/cases', () => {
    it('opens a case with CaseOpened and the first ReportReceived', async () => {
      const { reply, caseId, body } = await openCase();
      expect(reply.headers.location).toBe(`/v1/cases/${caseId}`);
      expect(reply.headers.etag).toBe('"1"');
      expect(reply.body).toMatchObject({
        caseId,
        revision: 1,
        events: [
          { eventId: body.eventId, type: 'CaseOpened', revision: 0 },
          { eventId: body.report.eventId, type: 'ReportReceived', revision: 1 },
        ],
      });
      expect(typeof reply.body.events[0].position).toBe('string');
      const stored = await h.store.readStream(`case-${caseId}`);
      expect(stored[0].data).toMatchObject({ force: 'west-yorkshire', jurisdiction: 'england', victim: { ref: 'V-2024-0001' } });
      expect(stored[0].metadata).toMatchObject({
        occurredAt: '2024-06-03T08:30:00+01:00',
        recordedAt: '2024-06-03T09:00:00.000Z',
        recordedBy: { sub: 'officer-1', role: 'investigator', force: 'west-yorkshire' },
        schemaVersion: 1,
      });
    });

    it('answers a retried request with the first result, and another request for the same case with 409', async () => {
      const { body, reply } = await openCase();
      const retry = await h.inject('POST', '/v1/cases', { token: investigator, body });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(reply.body);
      const other = await h.inject('POST', '/v1/cases', {
        token: investigator,
        body: { ...openCaseBody(), caseId: body.caseId },
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('CASE_ALREADY_EXISTS');
      expect(await storedCount(body.caseId)).toBe(2);
    });

    it('generates the ids when the client sends none', async () => {
      const body = openCaseBody();
      delete (body as Record<string, unknown>).caseId;
      delete (body as Record<string, unknown>).eventId;
      const reply = await h.inject('POST', '/v1/cases', { token: investigator, body });
      expect(reply.status).toBe(201);
      expect(reply.body.caseId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a case for another force, and roles that may not open cases', async () => {
      const other = await h.inject('POST', '/v1/cases', { token: investigator, body: openCaseBody({ force: 'merseyside' }) });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORCE_FORBIDDEN');
      const analyst = await h.inject('POST', '/v1/cases', { token: await h.token('analyst'), body: openCaseBody() });
      expect(analyst.status).toBe(403);
      expect(analyst.body.code).toBe('ROLE_FORBIDDEN');
    });

    it('names every bad field, and stores nothing', async () => {
      const body = openCaseBody({ surname: 'Smith', victim: { ref: 'V1', ageAtReport: 19, ethnicity: 'martian' } });
      (body.report as Record<string, unknown>).occurredAt = '2024-06-03T08:30:00';
      const reply = await h.inject('POST', '/v1/cases', { token: investigator, body });
      expect(reply.status).toBe(400);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      const paths = reply.body.errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(['report.occurredAt', 'surname', 'victim.ageAtReport', 'victim.ethnicity']);
      await expect(h.store.readStream(`case-${body.caseId}`)).rejects.toThrow();
    });
  });

  describe('POST /v1/cases/:caseId/events', () => {
    it('records a contact, a disruption action and a charging decision atomically', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        headers: { 'if-match': '"1"', 'x-correlation-id': 'op-lighthouse-42' },
        body: {
          events: [
            entry('ContactMade', { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' }),
            entry('SuspectIdentified', { suspectRef: 'S-1', sex: 'male', ageBand: '25-34' }),
            entry('DisruptionActionTaken', { tool: 'child-abduction-warning-notice', targetKind: 'person', suspectRef: 'S-1' }),
            entry('ChargingDecisionMade', { suspectRef: 'S-1', by: 'cps', outcome: 'charged', test: 'full-code', offences: ['s.9 SOA 2003'] }),
          ],
        },
      });
      expect(reply.status).toBe(201);
      expect(reply.headers.etag).toBe('"5"');
      expect(reply.body.events.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual([
        ['ContactMade', 2],
        ['SuspectIdentified', 3],
        ['DisruptionActionTaken', 4],
        ['ChargingDecisionMade', 5],
      ]);
      const stored = await h.store.readStream(`case-${caseId}`);
      expect(stored[2].metadata.correlationId).toBe('op-lighthouse-42');
    });

    it('refuses a stale If-Match with 412 and stores nothing', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        headers: { 'if-match': '"0"' },
        body: { events: [entry('RiskAssessed', { level: 'high' })] },
      });
      expect(reply.status).toBe(412);
      expect(reply.body).toMatchObject({ code: 'REVISION_MISMATCH', expectedRevision: 0, actualRevision: 1 });
      expect(await storedCount(caseId)).toBe(2);
    });

    it('lets exactly one of two concurrent writers with the same expected revision win', async () => {
      const { caseId } = await openCase();
      const write = () =>
        h.inject('POST', `/v1/cases/${caseId}/events`, {
          token: investigator,
          headers: { 'if-match': '"1"' },
          body: { events: [entry('RiskAssessed', { level: 'high' })] },
        });
      const replies = await Promise.all([write(), write()]);
      expect(replies.map((r) => r.status).sort()).toEqual([201, 412]);
      expect(replies.find((r) => r.status === 412)?.body.code).toBe('REVISION_MISMATCH');
      expect(await storedCount(caseId)).toBe(3);
    });

    it('answers a retried request (same event ids) with the first result', async () => {
      const { caseId } = await openCase();
      const body = { events: [entry('RiskAssessed', { level: 'medium' })] };
      const first = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: investigator, headers: { 'if-match': '"1"' }, body });
      const retry = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: investigator, headers: { 'if-match': '"1"' }, body });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await storedCount(caseId)).toBe(3);
    });

    it('names every bad field of every entry and stores none of them', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        body: {
          events: [
            entry('RiskAssessed', { level: 'high' }),
            entry('ContactMade', { with: 'victim', method: 'carrier-pigeon', direction: 'outbound', purpose: 'safeguarding', colour: 'red' }),
            entry('Teleported', {}),
          ],
        },
      });
      expect(reply.status).toBe(400);
      const paths = reply.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['events[1].data.method', 'events[1].data.colour', 'events[2].type']));
      expect(await storedCount(caseId)).toBe(2);
    });

    it('refuses a broken rule with 409 naming the entry, and stores nothing', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        body: { events: [entry('RiskAssessed', { level: 'high' }), entry('SuspectArrested', { suspectRef: 'nobody' })] },
      });
      expect(reply.status).toBe(409);
      expect(reply.body.code).toBe('SUSPECT_NOT_IDENTIFIED');
      expect(JSON.stringify(reply.body.errors)).toContain('events[1]');
      expect(await storedCount(caseId)).toBe(2);
    });

    it('refuses entries on a closed case except the permitted ones', async () => {
      const { caseId } = await openCase();
      const close = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: supervisor,
        body: { events: [entry('CaseClosed', { outcomeCode: 16, rationale: 'Victim does not support action' })] },
      });
      expect(close.status).toBe(201);
      const contact = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        body: { events: [entry('ContactMade', { with: 'victim', method: 'phone', direction: 'outbound', purpose: 'welfare-check' })] },
      });
      expect(contact.status).toBe(409);
      expect(contact.body.code).toBe('CASE_CLOSED');
      const finding = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: await h.token('inspector', 'hmicfrs'),
        body: { events: [entry('RecordQualityFinding', { kind: 'missing-data', notes: 'No ethnicity recorded for the suspect' })] },
      });
      expect(finding.status).toBe(201);
    });

    it('needs a supervisor to correct, and checks the correction against its target\'s type', async () => {
      const { caseId } = await openCase();
      const contactId = randomUUID();
      await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        body: { events: [entry('ContactMade', { with: 'victim', method: 'phone', direction: 'outbound', purpose: 'safeguarding' }, undefined, contactId)] },
      });
      const correction = (data: Record<string, unknown>) => ({
        events: [entry('EntryCorrected', { correctsEventId: contactId, data, reason: 'Recorded the wrong method' })],
      });
      const byInvestigator = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: investigator, body: correction({ method: 'in-person' }) });
      expect(byInvestigator.status).toBe(403);
      const badField = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: supervisor, body: correction({ method: 'telepathy' }) });
      expect(badField.status).toBe(400);
      expect(badField.body.errors[0].path).toBe('events[0].data.data.method');
      const ok = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: supervisor, body: correction({ method: 'in-person' }) });
      expect(ok.status).toBe(201);
    });

    it('refuses an event dated more than five minutes after the server clock', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        body: { events: [entry('RiskAssessed', { level: 'low' }, '2024-06-03T09:05:01Z')] },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('OCCURRED_IN_FUTURE');
    });

    it('answers 404 for an unknown case and 400 for a malformed id', async () => {
      const body = { events: [entry('RiskAssessed', { level: 'low' })] };
      const unknown = await h.inject('POST', `/v1/cases/${randomUUID()}/events`, { token: investigator, body });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('CASE_NOT_FOUND');
      const malformed = await h.inject('POST', '/v1/cases/not-a-uuid/events', { token: investigator, body });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].path).toBe('caseId');
    });

    it('refuses an investigator of another force', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: await h.token('investigator', 'merseyside'),
        body: { events: [entry('RiskAssessed', { level: 'low' })] },
      });
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('FORCE_FORBIDDEN');
    });
  });

  describe('bad requests of every kind', () => {
    it('answers 401 without a token and with a bad one', async () => {
      const none = await h.inject('GET', `/v1/cases/${randomUUID()}/events`);
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toBe('Bearer');
      const bad = await h.inject('GET', `/v1/cases/${randomUUID()}/events`, { token: 'abc.def.ghi' });
      expect(bad.status).toBe(401);
    });

    it('answers 413 over 1 MiB and stores nothing', async () => {
      const { caseId } = await openCase();
      const huge = 'x'.repeat(1024 * 1024 + 10);
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
        token: investigator,
        rawBody: JSON.stringify({ events: [entry('RiskAssessed', { level: 'low', rationale: huge })] }),
      });
      expect(reply.status).toBe(413);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(reply.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await storedCount(caseId)).toBe(2);
    });

    it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
      const { caseId } = await openCase();
      const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, { token: investigator, rawBody: '{"events": [' });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('MALFORMED_JSON');
    });

    it('answers an unknown route with problem+json 404', async () => {
      const reply = await h.inject('GET', '/v1/nowhere', { token: investigator });
      expect(reply.status).toBe(404);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    });
  });
});
