import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { EVENT_STORE_FILE } from '../event-store/open-event-store';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { seedStore } from '../synthetic/seed-store';
import { ENGLAND_AND_WALES_V1 } from '../timeliness/rulesets/england-and-wales.v1';
import { caseIdOfStream } from './case-derivation';
import { DerivationPool } from './derivation-pool';
import { READ_MODEL_FILE } from './read-model-file';
import { SqliteReadStore } from './sqlite-read-store';

describe('DerivationPool', () => {
  it('given a worker that cannot open the store, when cases are asked for, then the request fails and the pool still closes', async () => {
    const pool = new DerivationPool({ dataDir: '/dev/null/no-such-store' }, 1);
    try {
      await expect(pool.deriveInto({ file: '/dev/null/read-models.sqlite', scratch: false }, ['a-case'], [], false)).rejects.toThrow();
      await expect(pool.deriveInto({ file: '/dev/null/read-models.sqlite', scratch: false }, ['another'], [], false)).rejects.toThrow();
    } finally {
      await pool.close();
    }
  }, 20000);

  it('given a worker that dies in its turn to write, then the other writes its chunk all the same, and the pool takes no more work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'case-timeline-pool-'));
    const store = new SqliteEventStore({ file: join(dataDir, EVENT_STORE_FILE) });
    const readStore = new SqliteReadStore(join(dataDir, READ_MODEL_FILE));
    const pool = new DerivationPool({ dataDir }, 2);
    try {
      await seedStore(store, { cases: 6, seed: 2, now: new Date('2026-06-01T12:00:00Z') });
      const caseIds = (await store.listStreams(['case-'])).streamIds.map((id) => caseIdOfStream(id)!);
      const internals = pool as unknown as { workers: Worker[]; writeTurn: Int32Array };
      const [dying] = internals.workers;
      // The first worker holds the turn, as if it had died while writing.
      Atomics.store(internals.writeTurn, 0, dying.threadId);
      const first = pool.deriveInto(readStore, caseIds.slice(0, 3), [ENGLAND_AND_WALES_V1], false);
      const second = pool.deriveInto(readStore, caseIds.slice(3), [ENGLAND_AND_WALES_V1], false);
      first.catch(() => undefined);
      await dying.terminate();

      await expect(second).resolves.toBeUndefined();
      await expect(first).rejects.toThrow(/exited/);
      expect(pool.failed).toBe(true);
      await expect(pool.deriveInto(readStore, caseIds, [ENGLAND_AND_WALES_V1], false)).rejects.toThrow();
      expect(readStore.db.prepare('SELECT case_id FROM cases ORDER BY case_id').pluck().all()).toEqual([...caseIds.slice(3)].sort());
    } finally {
      await pool.close();
      readStore.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30000);
});
