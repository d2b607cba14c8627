import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessAuditService } from '../../auth/access-audit.service';
import { roleToReadCase } from '../../auth/policy';
import { CLOCK, Clock } from '../../common/clock';
import { RulesetStore } from '../../rulesets/ruleset-store';
import { measure } from '../../timeliness/measure';
import { CaseEventsRepository, toMeasurable } from '../case-events.repository';
import { CaseNotFoundError } from '../domain/errors';
import { CaseTimelinessView, GetCaseTimelinessQuery } from './get-case-timeliness.query';

@QueryHandler(GetCaseTimelinessQuery)
export class GetCaseTimelinessHandler implements IQueryHandler<GetCaseTimelinessQuery> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly rulesets: RulesetStore,
    private readonly audit: AccessAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, context, ruleset: ref, asOf }: GetCaseTimelinessQuery): Promise<CaseTimelinessView> {
    const loaded = await this.cases.load(caseId);
    const role = roleToReadCase(context.principal, loaded.state.force ?? '');
    if (asOf && Date.parse(loaded.events[0].metadata.recordedAt) > asOf.getTime()) {
      throw new CaseNotFoundError(`Case ${caseId} had not been recorded by ${asOf.toISOString()}`);
    }
    const { ruleset } = await this.rulesets.get(ref.id, ref.version);
    const now = this.clock.now();
    await this.audit.recordCaseRead(caseId, 'GET /v1/cases/:caseId/timeliness', role, context, asOf?.toISOString());
    const clocks = measure(loaded.events.map(toMeasurable), ruleset, { asOf, now });
    return {
      caseId,
      asOf: asOf?.toISOString() ?? null,
      evaluatedAt: (asOf ?? now).toISOString(),
      ruleset: { id: ruleset.id, version: ruleset.version },
      clocks,
    };
  }
}
