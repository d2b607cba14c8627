import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../common/request-context';
import type { AppendOutcome } from '../case-events.repository';
import type { RecordEntriesRequestDto } from './record-entries.request.dto';

export class RecordEntriesCommand extends Command<AppendOutcome> {
  constructor(
    readonly caseId: string,
    readonly request: RecordEntriesRequestDto,
    readonly context: RequestContext,
    /** The revision from If-Match; when given, the append succeeds only at that revision. */
    readonly ifMatch?: number,
  ) {
    super();
  }
}
