import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../common/request-context';
import type { AppendOutcome } from '../case-events.repository';
import type { OpenCaseRequestDto } from './open-case.request.dto';

export class OpenCaseCommand extends Command<AppendOutcome> {
  constructor(
    readonly request: OpenCaseRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
