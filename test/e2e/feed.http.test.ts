/** GET /v1/feed through the whole HTTP stack: format, order, paging, filters, privacy, roles, errors. */
import { CloudEvent } from 'cloudevents';
import { randomUUID } from 'node:crypto';
import { CASE_EVENT_TYPES } from '../../src/cases/domain/events';
import { HttpHarness } from '../fixtures/http-harness';
import { MarkedCase, recordMarkedCase } from '../fixtures/feed-case';

const MARKER = 'QZMARK';

describe('GET /v1/feed', () => {
  let h: HttpHarness;
  let analyst: string;
  let marked: MarkedCase;
  let other: MarkedCase;

  const feed = (query = '', token = analyst) => h.inject('GET', `/v1/feed${query}`, { token });
  const lines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    h = await HttpHarness.start({ now: '2024-06-03T09:00:00Z' });
    analyst = await h.token('analyst', 'hmicfrs', 'analyst-7');
    const send = (method: 'POST', url: string, token: string, body: unknown, headers?: Record<string, string>) => h.inject(method, url, { token, body, headers });
    marked = await recordMarkedCase(
      send,
      { investigator: await h.token('investigator', 'west-yorkshire', `${MARKER}-OFFICER-1`), supervisor: await h.token('supervisor', 'west-yorkshire', `${MARKER}-OFFICER-2`) },
      MARKER,
    );
    other = await recordMarkedCase(
      send,
      { investigator: await h.token('investigator', 'merseyside', `${MARKER}-OFFICER-3`), supervisor: await h.token('supervisor', 'merseyside', `${MARKER}-OFFICER-4`) },
      MARKER,
      'merseyside',
    );
    // A read writes the access audit; a ruleset stream sits in the log too. Neither belongs in the feed.
    expect((await h.inject('GET', `/v1/cases/${marked.caseId}/events`, { token: await h.token('inspector', 'hmicfrs', `${MARKER}-INSPECTOR`) })).status).toBe(200);
    await h.store.append('ruleset-feed-test', [{ eventId: randomUUID(), type: 'RulesetPublished', data: { note: `${MARKER}-RULESET` }, metadata: { occurredAt: '2024-06-03T09:00:00Z', recordedAt: '2024-06-03T09:00:00Z', recordedBy: { sub: 'admin', role: 'admin', force: 'x' }, schemaVersion: 1 } }], 'any');
  });
  afterAll(() => h.close());

  it('streams every case event as one CloudEvent per line, valid by the official SDK, in log order', async () => {
    const reply = await feed();
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.text.endsWith('\n')).toBe(true);
    const events = lines(reply.text);
    for (const event of events) expect(new CloudEvent(event, true).validate()).toBe(true);

    const log = [];
    for await (const e of h.store.readAll(undefined, { filter: { streamPrefixes: ['case-'] } })) log.push(e);
    expect(events.map((e) => [e.id, e.sequence])).toEqual(log.map((e) => [e.eventId, e.position]));
    expect(events.map((e) => e.id)).toEqual(expect.arrayContaining([...marked.eventIds, ...other.eventIds]));
    expect(new Set(events.map((e) => e.type.replace(/^uk\.police\.case-timeline\.(\w+)\.v1$/, '$1')))).toEqual(new Set(CASE_EVENT_TYPES));
    expect(reply.headers['x-next-after']).toBe(events.at(-1)?.sequence);
  });

  it('names the case\'s force as the source and the case as the subject, with times in UTC', async () => {
    const events = lines((await feed()).text);
    const contact = events.find((e) => e.id === marked.eventIds[5]);
    expect(contact).toMatchObject({
      source: '/case-timeline/west-yorkshire',
      subject: marked.caseId,
      type: 'uk.police.case-timeline.ContactMade.v1',
      time: '2024-06-02T06:05:00.000Z',
      recordedtime: '2024-06-03T09:00:00.000Z',
      recordedrole: 'investigator',
      data: { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' },
    });
    expect(events.filter((e) => e.subject === other.caseId).every((e) => e.source === '/case-timeline/merseyside')).toBe(true);
  });

  it('never shows a victim or suspect reference, other references, free text, nor who recorded it', async () => {
    const stored = [];
    for await (const e of h.store.readAll()) stored.push(e);
    expect(JSON.stringify(stored).split(MARKER).length - 1).toBeGreaterThan(60);
    const text = (await feed()).text;
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('analyst-7');
  });

  it('gives the same pseudonym to the same reference, so analysts can join', async () => {
    const events = lines((await feed()).text).filter((e) => e.subject === marked.caseId);
    const suspects = new Set(events.filter((e) => typeof e.data.suspectRef === 'string').map((e) => e.data.suspectRef));
    expect(suspects.size).toBe(1);
    expect([...suspects][0]).toMatch(/^psn_/);
    const requests = events.filter((e) => typeof e.data.requestRef === 'string').map((e) => e.data.requestRef);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toBe(requests[1]);
    // The same marked strings, recorded by another force, give other pseudonyms.
    const elsewhere = lines((await feed()).text).find((e) => e.subject === other.caseId && e.data.suspectRef);
    expect(elsewhere?.data.suspectRef).not.toBe([...suspects][0]);
  });

  it('pages with after and limit, X-Next-After pointing at the last line, and the given after when empty', async () => {
    const all = lines((await feed()).text);
    const first = await feed('?limit=10');
    expect(lines(first.text)).toEqual(all.slice(0, 10));
    expect(first.headers['x-next-after']).toBe(all[9].sequence);
    const second = await feed(`?limit=10&after=${first.headers['x-next-after']}`);
    expect(lines(second.text)).toEqual(all.slice(10, 20));
    const last = all.at(-1)?.sequence as string;
    const empty = await feed(`?after=${last}`);
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');
    expect(empty.headers['x-next-after']).toBe(last);
  });

  it('keeps only the types asked for', async () => {
    const reply = await feed('?types=CaseOpened,ChargingDecisionMade');
    const events = lines(reply.text);
    expect(events.map((e) => e.type)).toEqual([
      'uk.police.case-timeline.CaseOpened.v1',
      'uk.police.case-timeline.ChargingDecisionMade.v1',
      'uk.police.case-timeline.CaseOpened.v1',
      'uk.police.case-timeline.ChargingDecisionMade.v1',
    ]);
    // The force comes from the case stream even when CaseOpened is filtered out.
    expect(lines((await feed('?types=CaseClosed')).text).map((e) => e.source)).toEqual(['/case-timeline/west-yorkshire', '/case-timeline/merseyside']);
  });

  it('refuses bad parameters with problem+json naming each one', async () => {
    for (const [query, path] of [
      ['?types=CaseOpened,CaseAccessed', 'types'],
      ['?types=', 'types'],
      ['?limit=0', 'limit'],
      ['?limit=10001', 'limit'],
      ['?after=not-a-position', 'after'],
    ]) {
      const reply = await feed(query);
      expect([query, reply.status, reply.headers['content-type']]).toEqual([query, 400, 'application/problem+json; charset=utf-8']);
      expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
    }
  });

  it('is for analysts, inspectors and admins only', async () => {
    for (const role of ['analyst', 'inspector', 'admin'] as const) expect((await feed('?limit=1', await h.token(role))).status).toBe(200);
    for (const role of ['investigator', 'supervisor'] as const) {
      const reply = await feed('?limit=1', await h.token(role));
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('ROLE_FORBIDDEN');
    }
    expect((await h.inject('GET', '/v1/feed')).status).toBe(401);
  });
});
