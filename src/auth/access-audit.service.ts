/**
 * The access audit: every read of a case's own records appends who read which case, when and
 * through which route, to a daily `access-<yyyy-mm-dd>` stream kept apart from the case streams.
 * The read is refused if the entry cannot be stored: an unaudited read of a child's case is worse
 * than a failed one.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../common/clock';
import type { RequestContext } from '../common/request-context';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import type { Role } from './principal';

export const ACCESS_STREAM_PREFIX = 'access-';
export const CASE_ACCESSED = 'CaseAccessed';

export interface CaseAccessedData {
  caseId: string;
  route: string;
  sub: string;
  roles: Role[];
  force: string;
  asOf?: string;
}

export function accessStreamId(at: Date): string {
  return `${ACCESS_STREAM_PREFIX}${at.toISOString().slice(0, 10)}`;
}

@Injectable()
export class AccessAuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async recordCaseRead(caseId: string, route: string, role: Role, context: RequestContext, asOf?: string): Promise<void> {
    const now = this.clock.now();
    const { principal } = context;
    const data: CaseAccessedData = { caseId, route, sub: principal.sub, roles: principal.roles, force: principal.force };
    if (asOf) data.asOf = asOf;
    await this.store.append(
      accessStreamId(now),
      [
        {
          eventId: this.ids.uuid(),
          type: CASE_ACCESSED,
          data: { ...data },
          metadata: {
            occurredAt: now.toISOString(),
            recordedAt: now.toISOString(),
            recordedBy: { sub: principal.sub, role, force: principal.force },
            correlationId: context.correlationId,
            causationId: context.requestId,
            schemaVersion: 1,
          },
        },
      ],
      'any',
    );
  }
}
