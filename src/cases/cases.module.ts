import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RulesetsModule } from '../rulesets/rulesets.module';
import { CASE_STATE_CACHE, CaseEventsRepository } from './case-events.repository';
import { CaseStateCache } from './case-state-cache';
import { GetCaseTimelinessHandler } from './get-case-timeliness/get-case-timeliness.handler';
import { GetCaseTimelinessHttpController } from './get-case-timeliness/get-case-timeliness.http.controller';
import { ListCasesHttpController } from './list-cases/list-cases.http.controller';
import { GetCaseEventsHandler } from './get-case-events/get-case-events.handler';
import { GetCaseEventsHttpController } from './get-case-events/get-case-events.http.controller';
import { OpenCaseHandler } from './open-case/open-case.handler';
import { OpenCaseHttpController } from './open-case/open-case.http.controller';
import { RecordEntriesHandler } from './record-entries/record-entries.handler';
import { RecordEntriesHttpController } from './record-entries/record-entries.http.controller';

const commandHandlers = [OpenCaseHandler, RecordEntriesHandler];
const queryHandlers = [GetCaseEventsHandler, GetCaseTimelinessHandler];
const controllers = [ListCasesHttpController, OpenCaseHttpController, RecordEntriesHttpController, GetCaseEventsHttpController, GetCaseTimelinessHttpController];

@Module({
  imports: [CqrsModule, RulesetsModule],
  controllers,
  providers: [{ provide: CASE_STATE_CACHE, useFactory: () => new CaseStateCache() }, CaseEventsRepository, ...commandHandlers, ...queryHandlers],
  exports: [CaseEventsRepository],
})
export class CasesModule {}
