import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessAuditService } from '../../auth/access-audit.service';
import { roleToReadCase } from '../../auth/policy';
import { CaseEventsRepository, toMeasurable } from '../../cases/case-events.repository';
import { CaseNotFoundError } from '../../cases/domain/errors';
import { CLOCK, Clock } from '../../common/clock';
import { summariseCase } from '../../projections/case-summary';
import { RulesetStore } from '../../rulesets/ruleset-store';
import { measure } from '../../timeliness/measure';
import { correctedHistory } from '../corrected-history';
import { CaseTimelineView, GetCaseTimelineQuery } from './get-case-timeline.query';

@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly rulesets: RulesetStore,
    private readonly audit: AccessAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, context, ruleset: ref, asOf, types }: GetCaseTimelineQuery): Promise<CaseTimelineView> {
    const loaded = await this.cases.load(caseId);
    const role = roleToReadCase(context.principal, loaded.state.force ?? '');
    const events = loaded.events.map((e) => ({ ...toMeasurable(e), recordedBy: e.metadata.recordedBy }));
    const history = correctedHistory(events, asOf?.getTime());
    const summary = summariseCase(caseId, history);
    if (!summary) throw new CaseNotFoundError(`Case ${caseId} had not been recorded by ${asOf?.toISOString()}`);
    const { ruleset } = await this.rulesets.get(ref.id, ref.version);
    const now = this.clock.now();
    await this.audit.recordCaseRead(caseId, 'GET /v1/cases/:caseId/timeline', role, context, asOf?.toISOString());
    const wanted = types && types.length > 0 ? new Set(types) : undefined;
    return {
      caseId,
      asOf: asOf?.toISOString() ?? null,
      evaluatedAt: (asOf ?? now).toISOString(),
      case: { force: summary.force, jurisdiction: summary.jurisdiction, area: summary.area, status: summary.status },
      ruleset: { id: ruleset.id, version: ruleset.version },
      entries: history
        .filter((entry) => !wanted || wanted.has(entry.type))
        .map(({ original: _original, ...entry }) => ({
          ...entry,
          recordingLagMs: Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt),
        })),
      clocks: measure(events, ruleset, { asOf, now }),
    };
  }
}
