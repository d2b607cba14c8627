import { Query } from '@nestjs/cqrs';
import type { RequestContext } from '../../common/request-context';
import type { StoredEvent } from '../../event-store/event-store.port';

export interface CaseEventsView {
  caseId: string;
  /** Revision of the last event returned (with asOf: the last one recorded by then). */
  revision: number;
  asOf?: string;
  events: StoredEvent[];
}

export class GetCaseEventsQuery extends Query<CaseEventsView> {
  constructor(
    readonly caseId: string,
    readonly context: RequestContext,
    /** A recorded-time cut: only events with recordedAt <= asOf. */
    readonly asOf?: Date,
  ) {
    super();
  }
}
