import { Query } from '@nestjs/cqrs';
import type { RequestContext } from '../../common/request-context';
import type { RulesetRef } from '../../rulesets/ruleset-ref';
import type { Clock as TimelinessClock } from '../../timeliness/model';
import type { HistoryEntry } from '../corrected-history';

export interface TimelineEntry extends Omit<HistoryEntry, 'original'> {
  /** recordedAt - occurredAt (as corrected): how late it was written down. */
  recordingLagMs: number;
}

export interface CaseTimelineView {
  caseId: string;
  asOf: string | null;
  evaluatedAt: string;
  case: { force: string; jurisdiction: string; area: string | null; status: 'open' | 'closed' };
  ruleset: { id: string; version: number };
  entries: TimelineEntry[];
  clocks: TimelinessClock[];
}

export class GetCaseTimelineQuery extends Query<CaseTimelineView> {
  constructor(
    readonly caseId: string,
    readonly context: RequestContext,
    readonly ruleset: RulesetRef,
    readonly asOf?: Date,
    readonly types?: string[],
  ) {
    super();
  }
}
