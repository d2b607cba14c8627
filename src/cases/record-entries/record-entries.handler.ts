import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { roleToRecord } from '../../auth/policy';
import type { Role } from '../../auth/principal';
import { AppError, FieldError, RevisionMismatchError, ValidationFailedError } from '../../common/app-error';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../../common/clock';
import { ConcurrencyError } from '../../event-store/errors';
import { MetricsService } from '../../observability/metrics.service';
import { AppendOutcome, CaseEventsRepository, LoadedCase, outcomeOf } from '../case-events.repository';
import type { NewEntry } from '../domain/commands';
import { correctionTargetType, decideAndEvolve } from '../domain/decider';
import { eventFacts, type CaseState } from '../domain/state';
import { DuplicateEventIdError } from '../domain/errors';
import { validateEventData } from '../dto/validate';
import { RecordEntriesCommand } from './record-entries.command';

/** Without If-Match, a concurrent append is not the client's concern: re-read and decide again. */
const MAX_ATTEMPTS = 10;

@CommandHandler(RecordEntriesCommand)
export class RecordEntriesHandler implements ICommandHandler<RecordEntriesCommand> {
  constructor(
    private readonly cases: CaseEventsRepository,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The last request queued on each case in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * Requests on one case are decided one after another in this process: two decided on the same
   * revision would conflict in the store, and under load the loser could lose again and again.
   * Conflicts are then left to writers in other processes, which the retries below absorb.
   */
  async execute(command: RecordEntriesCommand): Promise<AppendOutcome> {
    const { caseId } = command;
    // With nothing queued on the case, deciding starts at once rather than two microtask turns later.
    const previous = this.queues.get(caseId);
    const run = previous ? previous.catch(() => undefined).then(() => this.decideAndRecord(command)) : this.decideAndRecord(command);
    this.queues.set(caseId, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(caseId) === run) this.queues.delete(caseId);
    }
  }

  private async decideAndRecord(command: RecordEntriesCommand): Promise<AppendOutcome> {
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
          // Writers that collided once tend to collide again in the next group commit: spread them out.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt));
        }
      }
    } catch (error) {
      timer({ outcome: 'refused' });
      throw error;
    }
  }

  /**
   * Decides on the case as this process last saw it when it has it, else as stored. The cached
   * state only ever lets an append through (the store checks that the case is still at the
   * revision decided on); a refusal, a retried request or an If-Match that names another revision
   * is always judged on the stream as stored.
   */
  private async attempt(command: RecordEntriesCommand, entries: NewEntry[]): Promise<AppendOutcome> {
    const cached = this.cases.cached(command.caseId);
    if (cached && (command.ifMatch === undefined || command.ifMatch === cached.revision) && !entries.some((e) => eventFacts(cached.state, e.eventId))) {
      try {
        const roles = this.rolesOf(command, entries, cached.state);
        return await this.decideAndAppend(command, entries, cached.state, cached.revision, roles);
      } catch (error) {
        // A conflict found by the store, and a refusal of If-Match made from it, are not the cache's doing.
        if (!(error instanceof AppError) || error instanceof RevisionMismatchError) throw error;
      }
    }

    const loaded = await this.cases.load(command.caseId);
    const roles = this.rolesOf(command, entries, loaded.state);
    const replayed = this.replayed(loaded, entries);
    if (replayed) return replayed;
    if (command.ifMatch !== undefined && command.ifMatch !== loaded.revision) throw new RevisionMismatchError(command.ifMatch, loaded.revision);
    return this.decideAndAppend(command, entries, loaded.state, loaded.revision, roles);
  }

  private async decideAndAppend(
    command: RecordEntriesCommand,
    entries: NewEntry[],
    state: CaseState,
    revision: number,
    roles: Map<string, Role>,
  ): Promise<AppendOutcome> {
    const { caseId, context, ifMatch } = command;
    this.validateCorrections(state, entries);
    const now = this.clock.now();
    const decision = decideAndEvolve({ kind: 'RecordEntries', caseId, now, entries }, state);
    return this.cases.append(caseId, decision.events, revision, context, (e) => roles.get(e.eventId) ?? 'unknown', now, ifMatch, decision.state);
  }

  /** The role each entry is recorded under; refuses the request if the caller may not record one of them. */
  private rolesOf({ context }: RecordEntriesCommand, entries: NewEntry[], state: CaseState): Map<string, Role> {
    const force = state.force ?? '';
    return new Map<string, Role>(entries.map((e) => [e.eventId, roleToRecord(context.principal, e.type, force)]));
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
  private validateCorrections(state: CaseState, entries: NewEntry[]): void {
    const errors: FieldError[] = [];
    const earlier = new Map<string, NewEntry['type']>();
    entries.forEach((entry, i) => {
      const data = entry.data as { correctsEventId?: string; data?: unknown };
      const isCorrection = entry.type === 'EntryCorrected' && data.data !== undefined && data.correctsEventId !== undefined;
      const targetType = isCorrection
        ? (correctionTargetType(state, data.correctsEventId!) ?? earlier.get(data.correctsEventId!))
        : undefined;
      earlier.set(entry.eventId, entry.type);
      if (!targetType) return; // not a correction of data, or a bad reference that the decider names
      errors.push(...validateEventData(targetType, data.data, { pathPrefix: `events[${i}].data.data`, partial: true }));
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
