import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { RulesetsModule } from '../rulesets/rulesets.module';
import { GetCaseTimelineHandler } from './get-case-timeline/get-case-timeline.handler';
import { GetCaseTimelineHttpController } from './get-case-timeline/get-case-timeline.http.controller';

@Module({
  imports: [CqrsModule, CasesModule, RulesetsModule],
  controllers: [GetCaseTimelineHttpController],
  providers: [GetCaseTimelineHandler],
})
export class TimelineModule {}
