/**
 * The event store contract: every adapter must pass it. Streams are named with random UUIDs so
 * the suite can run against a shared EventStoreDB, and reads of the global log start at the head
 * taken before the test's appends and filter on the test's own prefix.
 */
import { StreamNotFoundError } from '../../src/event-store/errors';
import type { EventStore, ExpectedRevision } from '../../src/event-store/event-store.port';
import { anEvent, events, expectConcurrencyError, expectIncreasing, metadata, StoreFactory, uniqueStream } from './contract-helpers';
import { describeLogContract } from './log.contract';

export function describeEventStoreContract(name: string, factory: StoreFactory): void {
  describe(name, () => {
    let store: EventStore;
    let cleanup: (() => Promise<void>) | undefined;
    const getStore = (): EventStore => store;

    beforeAll(async () => {
      ({ store, cleanup } = await factory());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    describe('append and readStream', () => {
      it('appends several events to a new stream at once and reads them back in revision order, unchanged', async () => {
        const streamId = uniqueStream();
        const appended = [
          anEvent('CaseOpened', {
            force: 'west-yorkshire',
            victim: { ref: 'V-ÅØ-✓-👧', ageAtReport: 14, disability: false, sex: null },
            indicators: ['missing-from-home', 'older-boyfriend'],
            nested: { empty: {}, list: [], deep: [{ a: [1, 2.5, -0.125] }] },
            big: Number.MAX_SAFE_INTEGER,
            quote: 'He said "no"\nthen left\\',
          }),
          anEvent('ReportReceived', { source: 'school', channel: 'agency-referral' }),
          { ...anEvent('RiskAssessed', { level: 'high' }), metadata: metadata({ correlationId: undefined, causationId: undefined }) },
        ];
        const result = await store.append(streamId, appended, 'no-stream');

        expect(result.streamId).toBe(streamId);
        expect(result.revision).toBe(2);
        expect(result.events.map(({ eventId, type, revision }) => ({ eventId, type, revision }))).toEqual(
          appended.map((e, i) => ({ eventId: e.eventId, type: e.type, revision: i })),
        );
        expectIncreasing(store, result.events.map((e) => e.position));

        const read = await store.readStream(streamId);
        expect(read).toStrictEqual(
          appended.map((e, i) => ({
            eventId: e.eventId,
            type: e.type,
            streamId,
            revision: i,
            position: result.events[i].position,
            data: e.data,
            metadata: JSON.parse(JSON.stringify(e.metadata)),
          })),
        );
      });

      it('reads a stream as a projection reads it: the events of readStream, with the times of their metadata and not the rest', async () => {
        const streamId = uniqueStream();
        const sub = 'officer "4711" \\ \u00e9';
        await store.append(
          streamId,
          [
            anEvent('CaseOpened', { force: 'west-yorkshire' }),
            { ...anEvent('ReportReceived', { source: 'school' }), metadata: metadata({ occurredAt: '2024-10-27T01:30:00-05:30', recordedBy: { sub, role: 'investigator', force: 'x' } }) },
          ],
          'no-stream',
        );
        const whole = await store.readStream(streamId);
        const timed = await store.readStreamTimes(streamId);
        expect(timed).toStrictEqual(
          whole.map((e) => ({ eventId: e.eventId, type: e.type, revision: e.revision, occurredAt: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt, data: e.data })),
        );
        await expect(store.readStreamTimes(uniqueStream())).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('writes none of the events of an append that fails', async () => {
        const streamId = uniqueStream();
        await store.append(streamId, [anEvent()], 'no-stream');

        await expectConcurrencyError(store.append(streamId, events(3), 5), streamId, 5, 0);
        await expect(store.append(streamId, [anEvent(), { ...anEvent(), type: '$reserved' }], 0)).rejects.toThrow(TypeError);
        await expect(store.append(streamId, [anEvent(), { ...anEvent(), eventId: 'not-a-uuid' }], 0)).rejects.toThrow(TypeError);

        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('refuses an append that names the same event id twice, and writes nothing', async () => {
        const streamId = uniqueStream();
        const event = anEvent();
        await expect(store.append(streamId, [event, anEvent(), { ...event }], 'no-stream')).rejects.toThrow(
          new RegExp(`Duplicate eventId ${event.eventId}`),
        );
        await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('throws StreamNotFoundError for a stream that has no events', async () => {
        const streamId = uniqueStream();
        const error = await store.readStream(streamId).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamNotFoundError);
        expect(error).toMatchObject({ code: 'STREAM_NOT_FOUND', streamId });
      });

      it('hands event ids back as lower-case UUIDs, whatever case they were sent in', async () => {
        const streamId = uniqueStream();
        const event = anEvent();
        const result = await store.append(streamId, [{ ...event, eventId: event.eventId.toUpperCase() }], 'no-stream');
        expect(result.events[0].eventId).toBe(event.eventId);
        expect((await store.readStream(streamId))[0].eventId).toBe(event.eventId);
      });
    });

    describe('expected revision', () => {
      /** A new stream, or one holding two events (revision 1). */
      async function streamWith(existing: boolean): Promise<string> {
        const streamId = uniqueStream();
        if (existing) await store.append(streamId, events(2), 'no-stream');
        return streamId;
      }

      it.each<[string, boolean, ExpectedRevision, number]>([
        ['no-stream on a new stream', false, 'no-stream', 0],
        ['any on a new stream', false, 'any', 0],
        ['any on an existing stream', true, 'any', 2],
        ['stream-exists on an existing stream', true, 'stream-exists', 2],
        ['the exact current revision', true, 1, 2],
      ])('accepts %s', async (_case, existing, expected, firstRevision) => {
        const streamId = await streamWith(existing);
        const result = await store.append(streamId, events(2), expected);
        expect(result.revision).toBe(firstRevision + 1);
        expect(result.events.map((e) => e.revision)).toEqual([firstRevision, firstRevision + 1]);
        expect(await store.readStream(streamId)).toHaveLength(firstRevision + 2);
      });

      it.each<[string, boolean, ExpectedRevision, number | 'no-stream']>([
        ['no-stream on an existing stream', true, 'no-stream', 1],
        ['stream-exists on a new stream', false, 'stream-exists', 'no-stream'],
        ['an older revision', true, 0, 1],
        ['a later revision', true, 7, 1],
        ['a revision on a new stream', false, 0, 'no-stream'],
      ])('refuses %s with a ConcurrencyError carrying expected and actual', async (_case, existing, expected, actual) => {
        const streamId = await streamWith(existing);
        await expectConcurrencyError(store.append(streamId, events(2), expected), streamId, expected, actual);
        if (existing) expect(await store.readStream(streamId)).toHaveLength(2);
        else await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('checks the expectation of an empty append and returns the current revision', async () => {
        const fresh = await streamWith(false);
        expect(await store.append(fresh, [], 'no-stream')).toEqual({ streamId: fresh, revision: -1, events: [] });
        await expect(store.readStream(fresh)).rejects.toBeInstanceOf(StreamNotFoundError);

        const existing = await streamWith(true);
        expect(await store.append(existing, [], 1)).toEqual({ streamId: existing, revision: 1, events: [] });
        await expectConcurrencyError(store.append(existing, [], 'no-stream'), existing, 'no-stream', 1);
        await expectConcurrencyError(store.append(fresh, [], 'stream-exists'), fresh, 'stream-exists', 'no-stream');
      });
    });

    describe('idempotent retries', () => {
      it('returns the original result and writes nothing when the same append is retried', async () => {
        const streamId = uniqueStream();
        const request = events(3);
        const first = await store.append(streamId, request, 'no-stream');
        const again = await store.append(streamId, request, 'no-stream');
        expect(again).toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('returns the original result even after the stream has moved on, whatever the expectation', async () => {
        const streamId = uniqueStream();
        const opening = events(2);
        const first = await store.append(streamId, opening, 'no-stream');
        const single = [anEvent('ContactMade')];
        const second = await store.append(streamId, single, 1);
        await store.append(streamId, events(2), 2);

        expect(await store.append(streamId, opening, 'no-stream')).toEqual(first);
        expect(await store.append(streamId, opening, 'any')).toEqual(first);
        expect(await store.append(streamId, single, 1)).toEqual(second);
        expect(await store.append(streamId, single, 'any')).toEqual(second);
        expect(await store.readStream(streamId)).toHaveLength(5);
      });

      it('refuses an append whose event ids are only partly in the stream, writing nothing', async () => {
        const streamId = uniqueStream();
        const [a, b] = events(2);
        await store.append(streamId, [a, b], 'no-stream');

        const partly = await expectConcurrencyError(store.append(streamId, [b, anEvent()], 0), streamId, 0, 1);
        expect(partly.message).toMatch(/already in the stream/);
        const withAny = await store.append(streamId, [a, anEvent()], 'any').catch((e: unknown) => e);
        expect(withAny).toMatchObject({ code: 'REVISION_MISMATCH', streamId, expected: 'any', actual: 1 });

        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
      });
    });

    describeLogContract(getStore);
  });
}
