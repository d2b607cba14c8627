/** GET /v1/feed/live over a real socket: catch-up, live delivery, resuming with Last-Event-ID, heartbeats. */
import { CloudEvent } from 'cloudevents';
import { CASE_STREAM_PREFIX } from '../../src/cases/domain/events';
import { appendSyntheticCases, DEFAULT_MARKER } from '../../src/feed/testing/synthetic-cases';
import { FeedApp } from '../fixtures/feed-app';
import { readFeedPage, SseReader } from '../fixtures/feed-clients';
import { openCaseBody } from '../fixtures/requests';

describe('GET /v1/feed/live', () => {
  let service: FeedApp;
  let analyst: string;
  const live = (query = '', headers: Record<string, string> = {}, token = analyst) => SseReader.open(`${service.baseUrl}/v1/feed/live${query}`, token, headers);
  const logIds = async () => {
    const ids: string[] = [];
    for await (const e of service.store.readAll(undefined, { filter: { streamPrefixes: [CASE_STREAM_PREFIX] } })) ids.push(e.eventId);
    return ids;
  };

  beforeAll(async () => {
    service = await FeedApp.start({ now: '2024-06-03T09:00:00Z' });
    analyst = await service.token('analyst');
    await appendSyntheticCases(service.store, { cases: 40, eventsPerCase: 25, seed: 11 });
  });
  afterAll(() => service.close(true));

  it('catches up with the log as the same CloudEvents as GET /v1/feed, each with its sequence as id', async () => {
    const reader = await live();
    expect(reader.status).toBe(200);
    expect(reader.contentType).toBe('text/event-stream; charset=utf-8');
    await reader.waitFor((r) => r.events.length === 1000);
    await reader.close();
    expect(reader.messages[0]).toMatchObject({ retry: 2000, data: '' });
    const page = await readFeedPage(`${service.baseUrl}/v1/feed?limit=1000`, analyst);
    expect(reader.messages.slice(1).map((m) => m.data)).toEqual(page.lines);
    expect(reader.messages.slice(1).map((m) => m.id)).toEqual(page.lines.map((l) => JSON.parse(l).sequence));
    for (const event of reader.events) expect(new CloudEvent(event, true).validate()).toBe(true);
    expect(reader.messages.map((m) => m.data).join('\n')).not.toContain(DEFAULT_MARKER);
  });

  it('delivers an event appended through the API within a second', async () => {
    const head = await service.store.headPosition();
    const reader = await live(`?after=${head}`);
    await reader.waitFor((r) => r.messages.length === 1);
    const body = openCaseBody();
    const started = Date.now();
    const reply = await fetch(`${service.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await service.token('investigator', 'west-yorkshire', 'pc-1')}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(reply.status).toBe(201);
    await reader.waitFor((r) => r.events.some((e) => e.id === body.report.eventId), 1000);
    const arrived = reader.messages.find((m) => m.data.includes(body.report.eventId));
    expect((arrived?.receivedAt ?? Infinity) - started).toBeLessThan(1000);
    expect(reader.events.map((e) => e.id)).toEqual([body.eventId, body.report.eventId]);
    expect(reader.events[0]).toMatchObject({ type: 'uk.police.case-timeline.CaseOpened.v1', subject: body.caseId, source: '/case-timeline/west-yorkshire' });
    await reader.close();
  });

  it('resumes after a dropped connection with Last-Event-ID, missing nothing and repeating nothing', async () => {
    const received: string[] = [];
    let lastId: string | undefined;
    let nextCase = 1000;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const reader = await live('?after=0', lastId ? { 'last-event-id': lastId } : {});
      // Cases keep arriving while the client is away and while it reads.
      const writing = appendSyntheticCases(service.store, { cases: 5, eventsPerCase: 8, seed: nextCase, firstCase: nextCase });
      nextCase += 5;
      const target = received.length + 150;
      await reader.waitFor((r) => received.length + r.events.length >= target);
      await reader.close();
      await writing;
      for (const m of reader.messages.filter((m) => m.data !== '')) {
        received.push(JSON.parse(m.data).id);
        lastId = m.id;
      }
    }
    const reader = await live('', { 'last-event-id': lastId as string });
    const all = await logIds();
    await reader.waitFor((r) => received.length + r.events.length >= all.length);
    await reader.close();
    received.push(...reader.events.map((e) => e.id as string));
    expect(received).toEqual(all);
  });

  it('sends heartbeats on a quiet stream, and closes its subscription when the client goes away', async () => {
    service.liveSettings.heartbeatMs = 100;
    try {
      const reader = await live(`?after=${await service.store.headPosition()}`);
      await reader.waitFor((r) => r.comments.filter((c) => c === 'heartbeat').length >= 2, 2000);
      expect(service.liveConnections).toBe(1);
      await reader.close();
      const deadline = Date.now() + 2000;
      while (service.liveConnections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(service.liveConnections).toBe(0);
    } finally {
      service.liveSettings.heartbeatMs = 15_000;
    }
  });

  it('keeps only the types asked for', async () => {
    const reader = await live('?types=CaseOpened');
    await reader.waitFor((r) => r.events.length >= 40);
    await reader.close();
    expect(new Set(reader.events.map((e) => e.type))).toEqual(new Set(['uk.police.case-timeline.CaseOpened.v1']));
  });

  it('refuses a bad Last-Event-ID, unknown types and the wrong roles with problem+json', async () => {
    const bad = await live('', { 'last-event-id': 'yesterday' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'Last-Event-ID' }] });
    expect((await live('?types=Nope')).status).toBe(400);
    expect((await live('', {}, await service.token('investigator'))).status).toBe(403);
    const inspector = await live('', {}, await service.token('inspector'));
    expect(inspector.status).toBe(200);
    await inspector.close();
  });

  it('does not hold up the service\'s shutdown', async () => {
    const other = await FeedApp.start();
    const reader = await SseReader.open(`${other.baseUrl}/v1/feed/live`, await other.token('admin'));
    await reader.waitFor((r) => r.messages.length === 1);
    const started = Date.now();
    await other.close(true);
    expect(Date.now() - started).toBeLessThan(3000);
    await reader.waitFor((r) => r.ended, 2000);
  });
});
