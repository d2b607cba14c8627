/**
 * The write side keeps the folded state of the cases it writes, so that recording an entry does
 * not read the whole stream. Another writer (a second instance, a process on the same file) makes
 * that state stale without this process knowing. These tests make it stale on purpose and check
 * that every answer is still the one the stream as stored calls for: a stale state may cost a
 * retry, never let an invalid event in, never refuse a valid one.
 */
import { randomUUID } from 'node:crypto';
import { openEventStore } from '../../src/event-store/event-store.module';
import type { EventStore, EventToAppend } from '../../src/event-store/event-store.port';
import { CaseEventsRepository } from '../../src/cases/case-events.repository';
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';

describe('recording entries on a case that another writer has changed', () => {
  let h: HttpHarness;
  let other: EventStore;
  let investigator: string;
  let supervisor: string;

  beforeAll(async () => {
    h = await HttpHarness.start();
    // A second store on the same file: to this app, as good as another instance.
    other = openEventStore(h.config);
    investigator = await h.token('investigator');
    supervisor = await h.token('supervisor');
  });
  afterAll(async () => {
    await other.close();
    await h.close();
  });

  async function openCase(): Promise<string> {
    const body = openCaseBody();
    const reply = await h.inject('POST', '/v1/cases', { token: investigator, body });
    expect(reply.status).toBe(201);
    return body.caseId as string;
  }

  function record(caseId: string, entries: unknown[], options: { token?: string; ifMatch?: string } = {}) {
    return h.inject('POST', `/v1/cases/${caseId}/events`, {
      token: options.token ?? investigator,
      headers: options.ifMatch ? { 'if-match': options.ifMatch } : {},
      body: { events: entries },
    });
  }

  /** Appends as another instance would, behind this app's back. */
  async function writeElsewhere(caseId: string, type: string, data: Record<string, unknown>, eventId = randomUUID()): Promise<void> {
    const stored = await other.readStream(`case-${caseId}`);
    const event: EventToAppend = {
      eventId,
      type,
      data,
      metadata: {
        occurredAt: '2024-06-03T08:45:00+01:00',
        recordedAt: h.clock.now().toISOString(),
        recordedBy: { sub: 'elsewhere', role: 'supervisor', force: 'west-yorkshire' },
        correlationId: 'elsewhere',
        causationId: 'elsewhere',
        schemaVersion: 1,
      },
    };
    await other.append(`case-${caseId}`, [event], stored.length - 1);
  }

  async function storedTypes(caseId: string): Promise<string[]> {
    return (await h.store.readStream(`case-${caseId}`)).map((e) => e.type);
  }

  it('does not read the stream again to record on a case it has just written', async () => {
    const caseId = await openCase();
    expect((await record(caseId, [entry('RiskAssessed', { level: 'high' })])).status).toBe(201);
    // The repository's reads only: the live projection reads the stream too, to derive the read models.
    const reads = jest.spyOn(h.app.get(CaseEventsRepository), 'load');
    try {
      expect((await record(caseId, [entry('RiskAssessed', { level: 'medium' })])).status).toBe(201);
      expect((await record(caseId, [entry('RiskAssessed', { level: 'low' })], { ifMatch: '"3"' })).status).toBe(201);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'RiskAssessed', 'RiskAssessed', 'RiskAssessed']);
  });

  it('refuses an entry on a case closed elsewhere, and stores nothing', async () => {
    const caseId = await openCase();
    await writeElsewhere(caseId, 'CaseClosed', { outcomeCode: 1 });
    const reply = await record(caseId, [entry('RiskAssessed', { level: 'high' })]);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('CASE_CLOSED');
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'CaseClosed']);
  });

  it('refuses a suspect identified elsewhere being identified again, and stores nothing', async () => {
    const caseId = await openCase();
    await writeElsewhere(caseId, 'SuspectIdentified', { suspectRef: 'S-9' });
    const reply = await record(caseId, [entry('SuspectIdentified', { suspectRef: 'S-9' })]);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('SUSPECT_ALREADY_IDENTIFIED');
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'SuspectIdentified']);
  });

  it('accepts an arrest of a suspect identified elsewhere, which the stale state does not know', async () => {
    const caseId = await openCase();
    await writeElsewhere(caseId, 'SuspectIdentified', { suspectRef: 'S-3' });
    const reply = await record(caseId, [entry('SuspectArrested', { suspectRef: 'S-3' })]);
    expect(reply.status).toBe(201);
    expect(reply.body.revision).toBe(3);
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'SuspectIdentified', 'SuspectArrested']);
  });

  it('accepts an entry on a case reopened elsewhere', async () => {
    const caseId = await openCase();
    expect((await record(caseId, [entry('CaseClosed', { outcomeCode: 1 })], { token: supervisor })).status).toBe(201);
    await writeElsewhere(caseId, 'CaseReopened', { reason: 'New information from the school.' });
    const reply = await record(caseId, [entry('RiskAssessed', { level: 'high' })]);
    expect(reply.status).toBe(201);
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'CaseClosed', 'CaseReopened', 'RiskAssessed']);
  });

  it('judges If-Match against the stream as stored: the current revision passes, the one this app last wrote fails', async () => {
    const caseId = await openCase();
    await writeElsewhere(caseId, 'RiskAssessed', { level: 'low' });
    const stale = await record(caseId, [entry('RiskAssessed', { level: 'high' })], { ifMatch: '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', expectedRevision: 1, actualRevision: 2 });
    await writeElsewhere(caseId, 'RiskAssessed', { level: 'medium' });
    const current = await record(caseId, [entry('RiskAssessed', { level: 'high' })], { ifMatch: '"3"' });
    expect(current.status).toBe(201);
    expect(current.body.revision).toBe(4);
    expect(await storedTypes(caseId)).toHaveLength(5);
  });

  it('answers a retry whose entries were stored elsewhere with the stored events, once', async () => {
    const caseId = await openCase();
    const eventId = randomUUID();
    await writeElsewhere(caseId, 'RiskAssessed', { level: 'high' }, eventId);
    const reply = await record(caseId, [entry('RiskAssessed', { level: 'high' }, undefined, eventId)]);
    expect(reply.status).toBe(201);
    expect(reply.body.events).toEqual([expect.objectContaining({ eventId, type: 'RiskAssessed', revision: 2 })]);
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'RiskAssessed']);
  });

  it('refuses a correction of an entry retracted elsewhere, and stores nothing', async () => {
    const caseId = await openCase();
    const target = entry('RiskAssessed', { level: 'high' });
    expect((await record(caseId, [target])).status).toBe(201);
    await writeElsewhere(caseId, 'EntryRetracted', { retractsEventId: target.eventId, reason: 'Recorded on the wrong case.' });
    const reply = await record(caseId, [entry('EntryCorrected', { correctsEventId: target.eventId, data: { level: 'low' }, reason: 'Typo.' })], { token: supervisor });
    expect(reply.status).toBe(409);
    expect(await storedTypes(caseId)).toEqual(['CaseOpened', 'ReportReceived', 'RiskAssessed', 'EntryRetracted']);
  });
});
