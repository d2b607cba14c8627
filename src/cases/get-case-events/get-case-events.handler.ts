import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessAuditService } from '../../auth/access-audit.service';
import { roleToReadCase } from '../../auth/policy';
import { CaseEventsRepository } from '../case-events.repository';
import { CaseNotFoundError } from '../domain/errors';
import { CaseEventsView, GetCaseEventsQuery } from './get-case-events.query';

@QueryHandler(GetCaseEventsQuery)
export class GetCaseEventsHandler implements IQueryHandler<GetCaseEventsQuery> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly audit: AccessAuditService,
  ) {}

  async execute({ caseId, context, asOf }: GetCaseEventsQuery): Promise<CaseEventsView> {
    const loaded = await this.cases.load(caseId);
    const role = roleToReadCase(context.principal, loaded.state.force ?? '');
    const cut = asOf?.getTime();
    const events = cut === undefined ? loaded.events : loaded.events.filter((e) => Date.parse(e.metadata.recordedAt) <= cut);
    if (events.length === 0) {
      throw new CaseNotFoundError(`Case ${caseId} had not been recorded by ${asOf?.toISOString()}`);
    }
    await this.audit.recordCaseRead(caseId, 'GET /v1/cases/:caseId/events', role, context, asOf?.toISOString());
    return {
      caseId,
      revision: events[events.length - 1].revision,
      ...(asOf ? { asOf: asOf.toISOString() } : {}),
      events,
    };
  }
}
