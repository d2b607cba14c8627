import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseEventsRepository } from './case-events.repository';
import { GetCaseEventsHandler } from './get-case-events/get-case-events.handler';
import { GetCaseEventsHttpController } from './get-case-events/get-case-events.http.controller';
import { OpenCaseHandler } from './open-case/open-case.handler';
import { OpenCaseHttpController } from './open-case/open-case.http.controller';
import { RecordEntriesHandler } from './record-entries/record-entries.handler';
import { RecordEntriesHttpController } from './record-entries/record-entries.http.controller';

const commandHandlers = [OpenCaseHandler, RecordEntriesHandler];
const queryHandlers = [GetCaseEventsHandler];
const controllers = [OpenCaseHttpController, RecordEntriesHttpController, GetCaseEventsHttpController];

@Module({
  imports: [CqrsModule],
  controllers,
  providers: [CaseEventsRepository, ...commandHandlers, ...queryHandlers],
  exports: [CaseEventsRepository],
})
export class CasesModule {}
