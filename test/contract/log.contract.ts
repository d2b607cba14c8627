/** The global-log half of the event store contract: readAll, subscribeAll, positions, health. */
import type { AppendedEvent, EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import { anEvent, collect, events, expectIncreasing, nextEvent, TIMED_OUT, uniquePrefix, within } from './contract-helpers';

export function describeLogContract(getStore: () => EventStore): void {
  let store: EventStore;
  beforeAll(() => {
    store = getStore();
  });

  /** Appends one at a time, alternating streams, so commit order differs from stream order. */
  async function interleaved(prefix: string): Promise<AppendedEvent[]> {
    const a = `${prefix}a`;
    const b = `${prefix}b`;
    const results = [
      await store.append(a, [anEvent('Alpha')], 'no-stream'),
      await store.append(b, [anEvent('Beta')], 'no-stream'),
      await store.append(a, [anEvent('Beta'), anEvent('Alpha')], 0),
      await store.append(b, [anEvent('Alpha')], 0),
    ];
    return results.flatMap((r) => r.events);
  }

  const ids = (list: Array<{ eventId: string }>): string[] => list.map((e) => e.eventId);

  describe('readAll', () => {
    it('gives the log in commit order across streams, with strictly increasing positions', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const appended = await interleaved(prefix);

      const read = await collect(store.readAll(head, { filter: { streamPrefixes: [prefix] } }));
      expect(ids(read)).toEqual(ids(appended));
      expect(read.map((e) => e.position)).toEqual(appended.map((e) => e.position));
      expect(read.map((e) => `${e.streamId.slice(prefix.length)}${e.revision}`)).toEqual(['a0', 'b0', 'a1', 'a2', 'b1']);
      expectIncreasing(store, read.map((e) => e.position));
    });

    it('starts strictly after the given position and stops after maxCount events', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const appended = await interleaved(prefix);
      const filter = { streamPrefixes: [prefix] };

      expect(ids(await collect(store.readAll(appended[2].position, { filter })))).toEqual(ids(appended.slice(3)));
      expect(ids(await collect(store.readAll(appended[4].position, { filter })))).toEqual([]);
      expect(ids(await collect(store.readAll(head, { filter, maxCount: 2 })))).toEqual(ids(appended.slice(0, 2)));
      expect(ids(await collect(store.readAll(head, { filter, maxCount: 0 })))).toEqual([]);
    });

    it('filters by stream prefix, by event type, and by both', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const appended = await interleaved(prefix);
      const read = (filter: { streamPrefixes?: string[]; eventTypes?: string[] }): Promise<StoredEvent[]> =>
        collect(store.readAll(head, { filter, batchSize: 2 }));

      expect(ids(await read({ streamPrefixes: [`${prefix}b`] }))).toEqual(ids([appended[1], appended[4]]));
      const betas = await read({ streamPrefixes: [prefix], eventTypes: ['Beta'] });
      expect(ids(betas)).toEqual(ids([appended[1], appended[2]]));
      expect(ids(await read({ streamPrefixes: [`${prefix}a`], eventTypes: ['Beta', 'Gamma'] }))).toEqual(ids([appended[2]]));
      expect(await read({ streamPrefixes: [prefix], eventTypes: [] })).toEqual([]);
      expect(await read({ streamPrefixes: [`${prefix}B`] })).toEqual([]);
    });

    it('reads a long log page by page, so appends made while reading are still seen', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const written: AppendedEvent[] = [];
      for (let i = 0; i < 6; i += 1) {
        const result = await store.append(`${prefix}${i % 3}`, events(500), i < 3 ? 'no-stream' : 499);
        written.push(...result.events);
      }

      const seen: StoredEvent[] = [];
      let late: AppendedEvent | undefined;
      for await (const event of store.readAll(head, { batchSize: 100, filter: { streamPrefixes: [prefix] } })) {
        seen.push(event);
        if (!late) late = (await store.append(`${prefix}late`, [anEvent()], 'no-stream')).events[0];
      }

      expect(seen).toHaveLength(3001);
      expect(ids(seen)).toEqual(ids([...written, late as AppendedEvent]));
      expectIncreasing(store, seen.map((e) => e.position));
    });
  });

  describe('readHeaders', () => {
    it('gives the same log as readAll, page by page and filtered, each event without its bodies', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      await interleaved(prefix);
      const filter = { streamPrefixes: [prefix] };

      const full = await collect(store.readAll(head, { filter }));
      const headers = await collect(store.readHeaders(head, { filter, batchSize: 2 }));
      expect(headers).toEqual(
        full.map((e) => ({ eventId: e.eventId, type: e.type, streamId: e.streamId, revision: e.revision, position: e.position })),
      );
      expect(ids(await collect(store.readHeaders(full[2].position, { filter: { ...filter, eventTypes: ['Alpha'] } })))).toEqual(ids([full[3], full[4]]));
      expect(await collect(store.readHeaders(head, { filter, maxCount: 1 }))).toHaveLength(1);
    });
  });

  describe('listStreams', () => {
    it('lists the streams of the given prefixes in the order they began, with the head they were seen at', async () => {
      const prefix = uniquePrefix();
      const other = uniquePrefix();
      await store.append(`${prefix}later`, [anEvent('Alpha')], 'no-stream');
      await store.append(`${other}x`, [anEvent('Alpha')], 'no-stream');
      await interleaved(prefix);
      await store.append(`${prefix}later`, [anEvent('Beta')], 0);
      const head = await store.headPosition();

      const listing = await store.listStreams([prefix, other]);
      expect(listing.head).toBe(head);
      expect(listing.streamIds).toEqual([`${prefix}later`, `${other}x`, `${prefix}a`, `${prefix}b`]);
      expect((await store.listStreams([prefix])).streamIds).toEqual([`${prefix}later`, `${prefix}a`, `${prefix}b`]);
      // Overlapping prefixes list a stream once.
      expect((await store.listStreams([prefix, `${prefix}a`])).streamIds).toEqual([`${prefix}later`, `${prefix}a`, `${prefix}b`]);
      // A prefix is matched literally, wildcards and all.
      expect((await store.listStreams([`${prefix}*`])).streamIds).toEqual([]);
      expect((await store.listStreams([uniquePrefix()])).streamIds).toEqual([]);
    });
  });

  describe('positions', () => {
    it('orders positions and reports a head at or after the last append', async () => {
      const [first, second] = (await store.append(`${uniquePrefix()}s`, events(2), 'no-stream')).events;
      expect(store.comparePositions(first.position, second.position)).toBeLessThan(0);
      expect(store.comparePositions(second.position, first.position)).toBeGreaterThan(0);
      expect(store.comparePositions(second.position, second.position)).toBe(0);
      const head = await store.headPosition();
      expect(head).toBeDefined();
      expect(store.comparePositions(head as string, second.position)).toBeGreaterThanOrEqual(0);
    });

    it('refuses a position it cannot have produced', async () => {
      expect(() => store.comparePositions('not a position', 'not a position')).toThrow(TypeError);
      await expect(collect(store.readAll('not a position'))).rejects.toThrow(TypeError);
    });
  });

  describe('subscribeAll', () => {
    it('catches up, then delivers new appends within a second, each exactly once, until closed', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const before = await interleaved(prefix);
      const subscription = store.subscribeAll(head, { filter: { streamPrefixes: [prefix] } });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const caughtUp: StoredEvent[] = [];
        for (let i = 0; i < before.length; i += 1) caughtUp.push(await nextEvent(iterator));
        expect(ids(caughtUp)).toEqual(ids(before));

        const pending = iterator.next();
        const started = Date.now();
        const live = (await store.append(`${prefix}c`, [anEvent()], 'no-stream')).events[0];
        const step = await within(pending, 1000);
        expect(step).not.toBe(TIMED_OUT);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(step).toMatchObject({ done: false, value: { eventId: live.eventId, position: live.position } });

        const more = [
          ...(await store.append(`${prefix}c`, [anEvent()], 0)).events,
          ...(await store.append(`${prefix}d`, events(2), 'no-stream')).events,
        ];
        const delivered = [await nextEvent(iterator), await nextEvent(iterator), await nextEvent(iterator)];
        expect(ids(delivered)).toEqual(ids(more));
        expect(await within(iterator.next(), 300)).toBe(TIMED_OUT);
      } finally {
        await subscription.close();
      }
    });

    it('delivers only what the filter keeps, strictly after the given position', async () => {
      const prefix = uniquePrefix();
      const appended = await interleaved(prefix);
      const subscription = store.subscribeAll(appended[0].position, { filter: { streamPrefixes: [prefix], eventTypes: ['Alpha'] } });
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        expect(ids([await nextEvent(iterator), await nextEvent(iterator)])).toEqual(ids([appended[3], appended[4]]));
        await store.append(`${prefix}a`, [anEvent('Beta')], 2);
        const alpha = (await store.append(`${prefix}a`, [anEvent('Alpha')], 3)).events[0];
        expect((await nextEvent(iterator)).eventId).toBe(alpha.eventId);
      } finally {
        await subscription.close();
      }
    });

    it('close() ends a for-await loop that is waiting for the next event', async () => {
      const prefix = uniquePrefix();
      const head = await store.headPosition();
      const subscription = store.subscribeAll(head, { filter: { streamPrefixes: [prefix] } });
      const received: StoredEvent[] = [];
      const loop = (async () => {
        for await (const event of subscription) received.push(event);
        return 'ended';
      })();
      await store.append(`${prefix}s`, [anEvent()], 'no-stream');
      for (let i = 0; i < 100 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(received).toHaveLength(1);

      await subscription.close();
      expect(await within(loop, 1000)).toBe('ended');
    });
  });

  describe('health', () => {
    it('reports the backend as healthy', async () => {
      const health = await store.health();
      expect(health.ok).toBe(true);
      expect(['sqlite', 'eventstoredb']).toContain(health.backend);
    });
  });
}
