import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { AppOverrides, CommonModule } from './common/common.module';
import type { AppConfig } from './config/app-config';
import { EventStoreModule } from './event-store/event-store.module';
import { FeedModule } from './feed/feed.module';
import { InspectionModule } from './inspection/inspection.module';
import type { Logger } from 'pino';
import { loggerModuleParams } from './observability/logging';
import { ProjectionsModule } from './projections/projections.module';
import { TimelineModule } from './timeline/timeline.module';
import { ObservabilityController } from './observability/observability.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerModuleParams(logger)),
        CommonModule.forRoot(config, overrides),
        CqrsModule.forRoot(),
        EventStoreModule,
        AuthModule,
        ProjectionsModule,
        CasesModule,
        TimelineModule,
        InspectionModule,
        FeedModule,
      ],
      controllers: [ObservabilityController],
    };
  }
}
