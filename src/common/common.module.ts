import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator, randomIds, systemClock } from './clock';
import { MetricsService } from '../observability/metrics.service';

/** What tests replace: time and ids are injected, never read from the machine. */
export interface AppOverrides {
  clock?: Clock;
  ids?: IdGenerator;
}

/** Configuration, the clock, id generation and metrics: injected everywhere, replaced in tests. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}) {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: overrides.ids ?? randomIds },
        MetricsService,
      ],
      exports: [APP_CONFIG, CLOCK, ID_GENERATOR, MetricsService],
    };
  }
}
