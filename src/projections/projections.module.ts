import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { join } from 'node:path';
import { Gauge } from 'prom-client';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { MetricsService } from '../observability/metrics.service';
import { DerivationPool } from './derivation-pool';
import { ProjectionRunner, ProjectionStatus } from './projection-runner';
import { READ_MODEL_FILE } from './read-model-file';
import { SqliteReadStore } from './sqlite-read-store';

export { READ_MODEL_FILE };

export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

export interface ProjectionHealth extends ProjectionStatus {
  headPosition?: string;
  caughtUp: boolean;
  /** Cases whose events are in but whose read models are still being derived. */
  pendingCases: number;
  /** Events not yet projected, where positions are counts (SQLite). */
  lagEvents?: number;
  lagSeconds: number;
}

@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readStore: SqliteReadStore,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(DerivationPool) private readonly pool: DerivationPool | null,
  ) {
    const health = () => this.health();
    new Gauge({
      name: 'case_timeline_projection_lag_seconds',
      help: 'How far the read models are behind the event log, in seconds of recorded time (0 when caught up)',
      registers: [metrics.registry],
      async collect() {
        this.set((await health()).lagSeconds);
      },
    });
    new Gauge({
      name: 'case_timeline_projection_lag_events',
      help: 'Events in the log not yet projected (SQLite store only)',
      registers: [metrics.registry],
      async collect() {
        const lag = (await health()).lagEvents;
        if (lag !== undefined) this.set(lag);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    this.logger.log('projections started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.pool?.close();
    this.readStore.close();
  }

  async health(): Promise<ProjectionHealth> {
    const status = this.runner.status();
    const head = await this.store.headPosition();
    const pendingCases = this.runner.pendingCases();
    const caughtUp = pendingCases === 0 && (head === undefined || (status.position !== undefined && this.store.comparePositions(status.position, head) >= 0));
    const numeric = (p?: string) => (p !== undefined && /^\d+$/.test(p) ? Number(p) : undefined);
    const lagEvents = numeric(head) !== undefined ? numeric(head)! - (numeric(status.position) ?? 0) : undefined;
    const since = status.lastRecordedAt ? Date.parse(status.lastRecordedAt) : undefined;
    const lagSeconds = caughtUp ? 0 : since === undefined ? Math.round(process.uptime()) : Math.max(0, (this.clock.now().getTime() - since) / 1000);
    return { ...status, headPosition: head, caughtUp, pendingCases, lagSeconds, ...(lagEvents !== undefined ? { lagEvents } : {}) };
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SqliteReadStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SqliteReadStore(join(config.dataDir, READ_MODEL_FILE)),
    },
    {
      provide: DerivationPool,
      inject: [APP_CONFIG],
      // Deriving off the event loop: a busy service answers requests while the worker keeps the read models up.
      useFactory: (config: AppConfig) => (config.projectionWorkers > 0 ? new DerivationPool(config, config.projectionWorkers) : null),
    },
    {
      provide: PROJECTION_RUNNER,
      inject: [EVENT_STORE, SqliteReadStore, CLOCK, DerivationPool],
      useFactory: (store: EventStore, readStore: SqliteReadStore, clock: Clock, pool: DerivationPool | null) =>
        new ProjectionRunner(store, readStore, { now: () => clock.now(), pool: pool ?? undefined }),
    },
    ProjectionsLifecycle,
  ],
  exports: [SqliteReadStore, PROJECTION_RUNNER, ProjectionsLifecycle],
})
export class ProjectionsModule {}
