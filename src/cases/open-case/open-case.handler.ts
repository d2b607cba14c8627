import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { roleToOpenCase } from '../../auth/policy';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../../common/clock';
import { ConcurrencyError } from '../../event-store/errors';
import { MetricsService } from '../../observability/metrics.service';
import { AppendOutcome, CaseEventsRepository, outcomeOf } from '../case-events.repository';
import { decideAndEvolve } from '../domain/decider';
import { initialState } from '../domain/state';
import { CaseAlreadyExistsError } from '../domain/errors';
import { OpenCaseCommand } from './open-case.command';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ request, context }: OpenCaseCommand): Promise<AppendOutcome> {
    const timer = this.metrics.appendDuration.startTimer({ command: 'OpenCase' });
    const role = roleToOpenCase(context.principal, request.force);
    const caseId = request.caseId ?? this.ids.uuid();
    const openedId = request.eventId ?? this.ids.uuid();
    const reportId = request.report.eventId ?? this.ids.uuid();

    // A retry of a request that already succeeded gets the first result, not a 409.
    const replayed = async (): Promise<AppendOutcome | undefined> => {
      const existing = await this.cases.find(caseId);
      if (!existing) return undefined;
      const [opened, report] = existing.events;
      if (opened?.eventId === openedId && report?.eventId === reportId) {
        return outcomeOf(caseId, existing.events.slice(0, 2), existing.revision);
      }
      throw new CaseAlreadyExistsError(`Case ${caseId} already exists`, 'caseId');
    };

    try {
      const earlier = await replayed();
      if (earlier) {
        timer({ outcome: 'replayed' });
        return earlier;
      }
      const { eventId: _reportEventId, occurredAt, ...reportData } = request.report;
      const now = this.clock.now();
      const decision = decideAndEvolve(
        {
          kind: 'OpenCase',
          caseId,
          now,
          opened: {
            eventId: openedId,
            occurredAt,
            data: {
              force: request.force,
              jurisdiction: request.jurisdiction ?? 'england',
              ...(request.area !== undefined ? { area: request.area } : {}),
              victim: { ...request.victim },
              ...(request.groupBased !== undefined ? { groupBased: request.groupBased } : {}),
            },
          },
          report: { eventId: reportId, occurredAt, data: reportData },
        },
        initialState(),
      );
      const outcome = await this.cases.append(caseId, decision.events, 'no-stream', context, () => role, now, undefined, decision.state);
      timer({ outcome: 'appended' });
      return outcome;
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        // Someone created the case between our read and our append: maybe this very request.
        const earlier = await replayed();
        if (earlier) {
          timer({ outcome: 'replayed' });
          return earlier;
        }
      }
      timer({ outcome: 'refused' });
      throw error;
    }
  }
}
