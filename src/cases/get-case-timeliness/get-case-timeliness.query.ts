import { Query } from '@nestjs/cqrs';
import type { RequestContext } from '../../common/request-context';
import type { RulesetRef } from '../../rulesets/ruleset-ref';
import type { Clock as TimelinessClock } from '../../timeliness/model';

export interface CaseTimelinessView {
  caseId: string;
  /** The recorded-time cut, or null for "everything recorded so far". */
  asOf: string | null;
  /** The instant the clocks were evaluated at: asOf, or now. */
  evaluatedAt: string;
  ruleset: { id: string; version: number };
  clocks: TimelinessClock[];
}

export class GetCaseTimelinessQuery extends Query<CaseTimelinessView> {
  constructor(
    readonly caseId: string,
    readonly context: RequestContext,
    readonly ruleset: RulesetRef,
    readonly asOf?: Date,
  ) {
    super();
  }
}
