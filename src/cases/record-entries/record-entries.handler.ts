import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { roleToRecord } from '../../auth/policy';
import type { Role } from '../../auth/principal';
import { FieldError, RevisionMismatchError, ValidationFailedError } from '../../common/app-error';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../../common/clock';
import { ConcurrencyError } from '../../event-store/errors';
import { MetricsService } from '../../observability/metrics.service';
import { AppendOutcome, CaseEventsRepository, LoadedCase, outcomeOf } from '../case-events.repository';
import type { NewEntry } from '../domain/commands';
import { correctionTargetType, decide } from '../domain/decider';
import { DuplicateEventIdError } from '../domain/errors';
import { validateEventData } from '../dto/validate';
import { RecordEntriesCommand } from './record-entries.command';

/** Without If-Match, a concurrent append is not the client's concern: re-read and decide again. */
const MAX_ATTEMPTS = 5;

@CommandHandler(RecordEntriesCommand)
export class RecordEntriesHandler implements ICommandHandler<RecordEntriesCommand> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute(command: RecordEntriesCommand): Promise<AppendOutcome> {
    const timer = this.metrics.appendDuration.startTimer({ command: 'RecordEntries' });
    const entries: NewEntry[] = command.request.events.map((entry) => ({
      eventId: entry.eventId ?? this.ids.uuid(),
      type: entry.type,
      occurredAt: entry.occurredAt,
      data: entry.data,
    }));
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await this.attempt(command, entries);
          timer({ outcome: 'appended' });
          return outcome;
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || command.ifMatch !== undefined || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      timer({ outcome: 'refused' });
      throw error;
    }
  }

  private async attempt(command: RecordEntriesCommand, entries: NewEntry[]): Promise<AppendOutcome> {
    const { caseId, context, ifMatch } = command;
    const loaded = await this.cases.load(caseId);
    const force = loaded.state.force ?? '';
    const roles = new Map<string, Role>(entries.map((e) => [e.eventId, roleToRecord(context.principal, e.type, force)]));

    const replayed = this.replayed(loaded, entries);
    if (replayed) return replayed;

    if (ifMatch !== undefined && ifMatch !== loaded.revision) throw new RevisionMismatchError(ifMatch, loaded.revision);
    this.validateCorrections(loaded, entries);

    const now = this.clock.now();
    const decided = decide({ kind: 'RecordEntries', caseId, now, entries }, loaded.state);
    return this.cases.append(caseId, decided, loaded.revision, context, (e) => roles.get(e.eventId) ?? 'unknown', now, ifMatch);
  }

  /** A retried request whose every entry is already stored gets the first result. */
  private replayed(loaded: LoadedCase, entries: NewEntry[]): AppendOutcome | undefined {
    const byId = new Map(loaded.events.map((e) => [e.eventId, e]));
    const stored = entries.map((e) => byId.get(e.eventId));
    if (stored.every((e) => e === undefined)) return undefined;
    const index = stored.findIndex((e) => e === undefined);
    if (index >= 0 || stored.some((e, i) => e && e.type !== entries[i].type)) {
      const clash = stored.findIndex((e) => e !== undefined);
      throw new DuplicateEventIdError(
        `events[${clash}].eventId ${entries[clash].eventId} is already used in this case by another request`,
        `events[${clash}].eventId`,
      );
    }
    const found = stored as NonNullable<(typeof stored)[number]>[];
    return outcomeOf(loaded.caseId, found, loaded.revision);
  }

  /** A correction's data replaces fields of its target, so it must be valid for the target's type. */
  private validateCorrections(loaded: LoadedCase, entries: NewEntry[]): void {
    const errors: FieldError[] = [];
    const earlier = new Map<string, NewEntry['type']>();
    entries.forEach((entry, i) => {
      const data = entry.data as { correctsEventId?: string; data?: unknown };
      const isCorrection = entry.type === 'EntryCorrected' && data.data !== undefined && data.correctsEventId !== undefined;
      const targetType = isCorrection
        ? (correctionTargetType(loaded.state, data.correctsEventId!) ?? earlier.get(data.correctsEventId!))
        : undefined;
      earlier.set(entry.eventId, entry.type);
      if (!targetType) return; // not a correction of data, or a bad reference that the decider names
      errors.push(...validateEventData(targetType, data.data, { pathPrefix: `events[${i}].data.data`, partial: true }));
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
