/** Prometheus metrics (prom-client), one registry per application so tests don't collide. */
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly eventsAppended = new Counter({
    name: 'case_timeline_events_appended_total',
    help: 'Events appended to the store, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'case_timeline_append_duration_seconds',
    help: 'Time to read, decide and durably append one command, by outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly caseStateCacheLookups = new Counter({
    name: 'case_timeline_case_state_cache_lookups_total',
    help: 'Lookups of a case\'s folded state before recording entries, by outcome (hit: the stream was not read)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'case_timeline_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'case_timeline_' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
