import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { caseStreamId } from '../cases/domain/events';
import type { EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { nextCaseIndex, seedStore, storeHoldsCases } from './seed-store';
import { generateCases, NOW } from './testing/cases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-timeline-seed-'));
let files = 0;
const open: EventStore[] = [];

function newStore(): EventStore {
  const store = new SqliteEventStore({ file: path.join(dir, `events-${(files += 1)}.sqlite`) });
  open.push(store);
  return store;
}

async function logOf(store: EventStore): Promise<StoredEvent[]> {
  const log: StoredEvent[] = [];
  for await (const event of store.readAll()) log.push(event);
  return log;
}

afterAll(async () => {
  await Promise.all(open.map((store) => store.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('seedStore', () => {
  const CASES = 120;
  const generated = generateCases(3, CASES);
  const total = generated.reduce((sum, c) => sum + c.events.length, 0);
  let store: EventStore;
  let log: StoredEvent[];
  const progress: Array<{ cases: number; events: number }> = [];

  beforeAll(async () => {
    store = newStore();
    const result = await seedStore(store, { cases: CASES, seed: 3, now: NOW, batchCases: 50, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ cases: CASES, events: total });
    log = await logOf(store);
  });

  it('writes every generated case, each in its own stream, in the generated order with the generated metadata', async () => {
    expect(log).toHaveLength(total);
    expect(new Set(log.map((e) => e.streamId)).size).toBe(CASES);
    for (const { caseId, events } of generated) {
      const stream = await store.readStream(caseStreamId(caseId));
      expect(stream.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }))).toEqual(events);
    }
  });

  it('interleaves the cases in the log, as concurrent work does, instead of writing them one after another', () => {
    // Batch one's first round is the opening of each of its 50 cases.
    const openings = log.slice(0, 100);
    expect(openings.map((e) => e.type)).toEqual(Array.from({ length: 50 }, () => ['CaseOpened', 'ReportReceived']).flat());
    expect(new Set(openings.map((e) => e.streamId)).size).toBe(50);
    let runs = 1;
    for (let i = 1; i < log.length; i++) if (log[i].streamId !== log[i - 1].streamId) runs++;
    expect(runs).toBeGreaterThan(4 * CASES);
  });

  it('reports progress after each batch', () => {
    expect(progress.map((p) => p.cases)).toEqual([50, 100, 120]);
    expect(progress[progress.length - 1].events).toBe(total);
  });

  it('finds where the cases of a seed end, so that a further run adds new cases after them', async () => {
    expect(await storeHoldsCases(store)).toBe(true);
    expect(await nextCaseIndex(store, 3)).toBe(CASES);
    expect(await nextCaseIndex(store, 4)).toBe(0);
    const more = await seedStore(store, { cases: 10, seed: 3, now: NOW, firstCase: CASES });
    const expected = generateCases(3, 10, NOW, CASES);
    expect(more.events).toBe(expected.reduce((sum, c) => sum + c.events.length, 0));
    expect(await nextCaseIndex(store, 3)).toBe(CASES + 10);
    expect(await storeHoldsCases(newStore())).toBe(false);
  });

  it('writes the same log for the same seed, to the event', async () => {
    const other = newStore();
    await seedStore(other, { cases: 40, seed: 3, now: NOW, batchCases: 50 });
    const again = newStore();
    await seedStore(again, { cases: 40, seed: 3, now: NOW, batchCases: 50 });
    // Positions too: they follow from the order of the appends, which is fixed.
    expect(await logOf(again)).toEqual(await logOf(other));
  });

  it('refuses options that make no sense', async () => {
    await expect(seedStore(newStore(), { cases: -1, seed: 1, now: NOW })).rejects.toThrow(RangeError);
    await expect(seedStore(newStore(), { cases: 1, seed: 1.5, now: NOW })).rejects.toThrow(RangeError);
    await expect(seedStore(newStore(), { cases: 1, seed: 1, now: new Date('x') })).rejects.toThrow(RangeError);
  });
});
