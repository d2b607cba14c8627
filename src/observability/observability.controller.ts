import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
@Public()
export class ObservabilityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: MetricsService,
  ) {}

  /** Liveness and readiness: 200 when the store answers, 503 when it does not. */
  @Get('health')
  @ApiOkResponse({ description: 'The service and its store are up' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const store = await this.store.health().catch((error: Error) => ({ backend: 'unknown', ok: false, detail: error.message }));
    const body = { status: store.ok ? 'ok' : 'unavailable', store, uptimeSeconds: Math.round(process.uptime()) };
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
