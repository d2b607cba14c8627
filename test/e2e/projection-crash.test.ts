/**
 * The real service killed with SIGKILL while it projects a large log, then restarted: once caught
 * up, its read models equal a clean rebuild. (A batch and its checkpoint commit together.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { SqliteReadStore } from '../../src/projections/sqlite-read-store';
import { seedStore } from '../../src/synthetic/seed-store';
import { dumpReadModels } from '../fixtures/read-model-dump';
import { ServiceProcess } from '../fixtures/service-process';

describe('a crash while projecting (SIGKILL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'case-timeline-projection-crash-'));
  const env = { DATA_DIR: dataDir, JWT_SECRET: 'projection-crash-secret-long-enough-for-hs256', LOG_LEVEL: 'warn' };
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes from its checkpoint and ends equal to a clean rebuild', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    await seedStore(store, { cases: 1500, seed: 5, now: new Date('2026-06-01T12:00:00Z') });
    await store.close();

    service = await ServiceProcess.start(env);
    // Kill it once it has projected some batches but not all.
    let killedAt: { position?: string; headPosition?: string } = {};
    for (let i = 0; i < 2000; i++) {
      const health = (await fetch(`${service.baseUrl}/health`).then((r) => r.json())) as { projections: { position?: string; headPosition?: string; caughtUp: boolean } };
      if (health.projections.position !== undefined && !health.projections.caughtUp) {
        killedAt = health.projections;
        break;
      }
      if (health.projections.caughtUp) throw new Error('the projection caught up before it could be killed: seed more cases');
      await new Promise((r) => setTimeout(r, 5));
    }
    await service.kill('SIGKILL');
    expect(Number(killedAt.position)).toBeLessThan(Number(killedAt.headPosition));

    service = await ServiceProcess.start(env);
    for (let caughtUp = false; !caughtUp; await new Promise((r) => setTimeout(r, 50))) {
      const health = (await fetch(`${service.baseUrl}/health`).then((r) => r.json())) as { projections: { caughtUp: boolean } };
      caughtUp = health.projections.caughtUp;
    }
    await service.kill('SIGTERM');

    const events = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const live = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
    const rebuilt = new SqliteReadStore(join(dataDir, 'rebuilt.sqlite'));
    await new ProjectionRunner(events, rebuilt).catchUp();
    const expected = dumpReadModels(rebuilt);
    expect(expected.cases).toHaveLength(1500);
    expect(dumpReadModels(live)).toEqual(expected);
    live.close();
    rebuilt.close();
    await events.close();
  }, 120000);
});
