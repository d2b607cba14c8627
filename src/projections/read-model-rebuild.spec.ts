import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE_FILE } from '../event-store/open-event-store';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { seedStore } from '../synthetic/seed-store';
import { CASE_PROJECTION, CASE_PROJECTION_VERSION } from './case-projection';
import { READ_MODEL_FILE } from './read-model-file';
import { rebuildReadModels } from './read-model-rebuild';
import { SqliteReadStore } from './sqlite-read-store';

describe('rebuildReadModels', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let file: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'case-timeline-rebuild-'));
    store = new SqliteEventStore({ file: join(dataDir, EVENT_STORE_FILE) });
    file = join(dataDir, READ_MODEL_FILE);
    await seedStore(store, { cases: 8, seed: 3, now: new Date('2026-06-01T12:00:00Z') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function oldReadModels(): void {
    const old = new SqliteReadStore(file);
    old.db.exec("INSERT INTO dirty_cases (case_id) VALUES ('left-over')");
    old.close();
  }

  const leftOver = () => {
    const readStore = new SqliteReadStore(file);
    try {
      return { dirty: readStore.dirtyCases(), cases: readStore.caseIds().length };
    } finally {
      readStore.close();
    }
  };

  it('given old read models, when the rebuild completes, then the new ones replace them and nothing else is left beside them', async () => {
    oldReadModels();
    const { cases } = await rebuildReadModels(store, { location: { dataDir }, file, workers: 0 });
    expect(cases).toBe(8);
    expect(leftOver()).toEqual({ dirty: [], cases: 8 });
    expect(readdirSync(dataDir).filter((name) => name.startsWith(READ_MODEL_FILE))).toEqual([READ_MODEL_FILE]);
  });

  it('given old read models, when the rebuild fails, then they are untouched and its half-built file is gone', async () => {
    oldReadModels();
    jest.spyOn(store, 'readStreamTimes').mockRejectedValueOnce(new Error('the disk went away'));
    await expect(rebuildReadModels(store, { location: { dataDir }, file, workers: 0 })).rejects.toThrow('the disk went away');
    expect(leftOver()).toEqual({ dirty: ['left-over'], cases: 0 });
    expect(existsSync(`${file}.rebuilding`)).toBe(false);
  });

  it('given a half-built file left by a rebuild that was killed, when the next one runs, then it starts that file afresh', async () => {
    const killed = new SqliteReadStore(`${file}.rebuilding`, { scratch: true });
    // As far as it got: its checkpoint at the head, and no case written yet.
    killed.saveCheckpoint(CASE_PROJECTION, CASE_PROJECTION_VERSION, await store.headPosition(), new Date('2026-06-01T12:00:00Z'));
    killed.close();
    await rebuildReadModels(store, { location: { dataDir }, file, workers: 0 });
    expect(leftOver()).toEqual({ dirty: [], cases: 8 });
    expect(existsSync(`${file}.rebuilding`)).toBe(false);
  });
});
