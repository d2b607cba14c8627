/**
 * Puts a generated history through what the HTTP write side would have done with it: payload
 * validation (with an EntryCorrected's data checked against its target's type, as the handler
 * does) and the decider, entry by entry, with the server clock at each entry's recordedAt.
 */
import type { NewEntry } from '../../cases/domain/commands';
import { correctionTargetType, decide } from '../../cases/domain/decider';
import type { CaseEvent, CaseEventType } from '../../cases/domain/events';
import { evolve, initialState, type CaseState } from '../../cases/domain/state';
import { validateEventData } from '../../cases/dto/validate';
import type { EventToAppend } from '../../event-store/event-store.port';

export function asCaseEvent(event: EventToAppend): CaseEvent {
  return { type: event.type, eventId: event.eventId, occurredAt: event.metadata.occurredAt, data: event.data } as unknown as CaseEvent;
}

/** Every problem found, each naming the case and the entry; empty when the history is sound. */
export function problemsOf(caseId: string, events: readonly EventToAppend[]): string[] {
  const problems: string[] = [];
  const at = (i: number) => `case ${caseId} events[${i}] ${events[i]?.type}`;
  events.forEach((event, i) => {
    for (const error of validateEventData(event.type as CaseEventType, event.data, { pathPrefix: 'data' })) {
      problems.push(`${at(i)}: ${error.path} ${error.message}`);
    }
  });
  if (events[0]?.type !== 'CaseOpened' || events[1]?.type !== 'ReportReceived') {
    return [...problems, `case ${caseId} does not start with CaseOpened and ReportReceived`];
  }

  let state: CaseState = initialState();
  const [opened, report] = events;
  try {
    const decided = decide(
      {
        kind: 'OpenCase',
        caseId,
        now: new Date(report.metadata.recordedAt),
        opened: { eventId: opened.eventId, occurredAt: opened.metadata.occurredAt, data: opened.data as never },
        report: { eventId: report.eventId, occurredAt: report.metadata.occurredAt, data: report.data as never },
      },
      state,
    );
    if (JSON.stringify(decided) !== JSON.stringify([asCaseEvent(opened), asCaseEvent(report)])) {
      problems.push(`case ${caseId}: the opening differs from what POST /v1/cases would store`);
    }
    state = decided.reduce(evolve, state);
  } catch (error) {
    return [...problems, `case ${caseId} opening refused: ${(error as Error).message}`];
  }

  for (let i = 2; i < events.length; i++) {
    const event = events[i];
    const entry: NewEntry = { eventId: event.eventId, type: event.type as CaseEventType, occurredAt: event.metadata.occurredAt, data: event.data };
    if (event.type === 'EntryCorrected' && event.data.data !== undefined) {
      const targetType = correctionTargetType(state, event.data.correctsEventId as string);
      if (targetType) {
        for (const error of validateEventData(targetType, event.data.data, { pathPrefix: 'data.data', partial: true })) {
          problems.push(`${at(i)}: ${error.path} ${error.message}`);
        }
      }
    }
    try {
      const decided = decide({ kind: 'RecordEntries', caseId, now: new Date(event.metadata.recordedAt), entries: [entry] }, state);
      state = decided.reduce(evolve, state);
    } catch (error) {
      problems.push(`${at(i)} refused: ${(error as Error).message}`);
      return problems;
    }
  }
  return problems;
}
