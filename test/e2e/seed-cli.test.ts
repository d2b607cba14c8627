/** `npm run seed` as a user runs it: the built CLI, twice with the same seed, into fresh data directories. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';

const SEED_CLI = join(__dirname, '..', '..', 'dist', 'cli', 'seed.js');
const ARGS = ['--cases', '50', '--seed', '7', '--now', '2026-06-01T12:00:00Z'];

function seed(dataDir: string, args: string[] = ARGS) {
  if (!existsSync(SEED_CLI)) throw new Error(`${SEED_CLI} is missing: run npm run build (npm test does it first)`);
  return spawnSync(process.execPath, [SEED_CLI, ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function logOf(dataDir: string): Promise<Array<Omit<StoredEvent, 'position'>>> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    const log: Array<Omit<StoredEvent, 'position'>> = [];
    for await (const { position: _position, ...event } of store.readAll()) log.push(event);
    return log;
  } finally {
    await store.close();
  }
}

describe('npm run seed', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'case-timeline-seed-a-')), mkdtempSync(join(tmpdir(), 'case-timeline-seed-b-'))];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes the same log twice from the same seed and --now, and says what it wrote', async () => {
    const runs = dirs.map((dir) => seed(dir));
    for (const run of runs) {
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(run.stdout).toMatch(/^Seeded 50 cases, [\d,]+ events in [\d.]+ s \([\d,]+ events\/s\) into .+events\.sqlite \(seed 7, now 2026-06-01T12:00:00\.000Z\)\n$/);
    }
    const [first, second] = await Promise.all(dirs.map(logOf));
    expect(first.length).toBeGreaterThan(50 * 10);
    expect(new Set(first.map((e) => e.streamId)).size).toBe(50);
    expect(second).toEqual(first);
  });

  it('refuses to mix synthetic cases into a store that holds cases, unless told to append', async () => {
    const before = (await logOf(dirs[0])).length;
    const refused = seed(dirs[0]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('already holds cases');
    expect(refused.stderr).toContain('--append');
    expect((await logOf(dirs[0])).length).toBe(before);

    const appended = seed(dirs[0], [...ARGS.slice(0, 1), '5', ...ARGS.slice(2), '--append']);
    expect(appended.status).toBe(0);
    expect(appended.stdout).toContain('cases #50 to #54 of the seed');
    expect(new Set((await logOf(dirs[0])).map((e) => e.streamId)).size).toBe(55);
  });
});
