import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ProjectionsLifecycle } from '../projections/projections.module';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
@Public()
export class ObservabilityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: MetricsService,
    private readonly projections: ProjectionsLifecycle,
  ) {}

  /**
   * Liveness and readiness: 200 when the store answers, 503 when it does not. The read models'
   * lag is reported beside it; a projection that has stopped on an error makes the service
   * degraded (still 200: writes and case reads work, inspection figures are stale).
   */
  @Get('health')
  @ApiOkResponse({ description: 'The service and its store are up' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const store = await this.store.health().catch((error: Error) => ({ backend: 'unknown', ok: false, detail: error.message }));
    const projections = await this.projections.health().catch((error: Error) => ({ error: error.message, running: false }));
    const status = !store.ok ? 'unavailable' : projections.running ? 'ok' : 'degraded';
    const body = { status, store, projections, uptimeSeconds: Math.round(process.uptime()) };
    void reply.status(store.ok ? 200 : 503).header('Cache-Control', 'no-store').send(body);
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    void reply.header('Content-Type', contentType).send(body);
  }
}
