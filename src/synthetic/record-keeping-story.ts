/**
 * The end of a synthetic case and what happens to its record afterwards: closure with a Home
 * Office outcome code, the odd reopening, corrections and retractions by supervisors, and
 * findings about the record by supervisors and inspectors.
 */
import type { CaseEventType } from '../cases/domain/events';
import type { Planned } from './case-history';
import { DAY, HOUR, MINUTE, officeHours } from './london-time';
import { compact, type Story } from './story';
import { recordedEthnicity } from './safeguarding-story';
import { identifySuspect } from './suspect-story';
import { RISK_LEVEL, REOPEN_REASONS, VICTIM_BLAMING_NOTES } from './vocabulary';

/** Home Office outcome types; 16 (victim does not support action) is the one inspectors ask about. */
function outcomeCode(story: Story): number {
  const { rng } = story;
  if (story.charged) return rng.chance(0.95) ? 1 : 20;
  if (story.outOfCourt) return rng.weighted([[3, 3], [8, 4], [22, 3]]);
  if (story.suspects.length > 0) return rng.weighted([[16, 40], [15, 30], [20, 8], [21, 6], [10, 5], [9, 4], [12, 3], [17, 2], [5, 1]]);
  return rng.weighted([[18, 45], [14, 38], [20, 9], [16, 8]]);
}

const RATIONALES: Record<number, string> = {
  1: 'Suspect charged; case passed to the CPS.',
  14: 'Suspect not identified and the victim does not support further action.',
  15: 'Victim supports action but evidence is insufficient.',
  16: 'Victim does not support further police action.',
  18: 'Investigation complete; no suspect identified.',
  20: 'Further action taken by another body.',
};

export function closeCase(story: Story): void {
  const { rng, history } = story;
  if (!rng.chance(0.92)) return; // some cases stay open for years
  const code = outcomeCode(story);
  const closure = history.close(officeHours(history.lastOccurredMs() + rng.between(3, 90) * DAY, rng), compact({ outcomeCode: code, rationale: rng.chance(0.7) ? RATIONALES[code] : undefined }));
  if (!rng.chance(0.05)) return;
  history.reopen(officeHours(closure.occurredMs + rng.between(20, 300) * DAY, rng), rng.pick(REOPEN_REASONS));
  const reopenedAt = history.lastOccurredMs();
  history.record('ContactMade', reopenedAt + rng.between(1, 10) * DAY, { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' });
  if (rng.chance(0.5)) identifySuspect(story, reopenedAt + rng.between(5, 40) * DAY);
  if (rng.chance(0.75)) history.close(officeHours(history.lastOccurredMs() + rng.between(10, 120) * DAY, rng), { outcomeCode: outcomeCode(story) });
}

function candidates(story: Story, types: readonly CaseEventType[], free: (e: Planned) => boolean): Planned[] {
  return story.history.events.filter((e) => types.includes(e.type) && free(e));
}

/** Supervisors put mistakes right with a new entry, never by editing one. */
export function correctRecord(story: Story): void {
  const { rng, history } = story;
  if (!rng.chance(0.08)) return;
  const usable = (e: Planned) => !history.retracted.has(e.eventId) && !history.corrected.has(e.eventId);
  const target = rng.pick(candidates(story, ['ContactMade', 'CrimeRecorded', 'SuspectIdentified', 'CaseOpened', 'RiskAssessed'], usable));
  if (!target) return;
  const at = officeHours(target.recordedMs + rng.between(2 * HOUR, 30 * DAY), rng);
  const by = history.supervisor;
  const change = correction(story, target);
  if (!change) return;
  history.corrected.add(target.eventId);
  history.record(
    'EntryCorrected',
    at,
    compact({ correctsEventId: target.eventId, data: change.data, reason: change.reason }),
    { after: [target], by, lagMs: rng.between(1, 10) * MINUTE, instants: change.occurredMs === undefined ? undefined : { occurredAt: change.occurredMs } },
  );
}

function correction(story: Story, target: Planned): { data?: Record<string, unknown>; occurredMs?: number; reason: string } | undefined {
  const { rng } = story;
  const data = target.data;
  switch (target.type) {
    case 'ContactMade':
    case 'CrimeRecorded': {
      // The time typed in was when it was written up; it happened earlier (never before the report).
      if (target.type === 'CrimeRecorded' && data.cseFlag === false) return { data: { cseFlag: true }, reason: 'CSE flag missed at recording.' };
      const earlier = Math.max(story.report.occurredMs, target.occurredMs - rng.between(1, 30) * HOUR);
      if (target.occurredMs - earlier < 10 * MINUTE) return undefined;
      return { occurredMs: earlier, reason: 'Time entered was the time of writing up, not of the event.' };
    }
    case 'SuspectIdentified': {
      const ethnicity = recordedEthnicity(rng, 0, 0);
      if (data.ethnicity === ethnicity) return undefined;
      return { data: { ethnicity }, reason: 'Ethnicity confirmed from the custody record.' };
    }
    case 'CaseOpened': {
      const victim = data.victim as Record<string, unknown>;
      const ethnicity = recordedEthnicity(rng, 0, 0);
      if (victim.ethnicity === ethnicity) return undefined;
      return { data: { victim: { ...victim, ethnicity } }, reason: 'Ethnicity given by the child at the ABE interview.' };
    }
    case 'RiskAssessed': {
      const level = rng.weighted(RISK_LEVEL);
      if (level === data.level) return undefined;
      return { data: { level }, reason: 'Risk level entered in error.' };
    }
    default:
      return undefined;
  }
}

/** An entry recorded twice, or on the wrong case, is withdrawn from measurement. */
export function retractRecord(story: Story): void {
  const { rng, history } = story;
  if (!rng.chance(0.04)) return;
  const free = (e: Planned) => !history.referenced.has(e.eventId) && !history.corrected.has(e.eventId) && !history.retracted.has(e.eventId);
  const target = rng.pick(candidates(story, ['ContactMade', 'RiskAssessed', 'InformationShared'], free));
  if (!target) return;
  let retracted = target;
  let reason = 'Recorded on the wrong case.';
  if (rng.chance(0.5) && !history.closed) {
    retracted = history.record(target.type, target.occurredMs, target.data, { after: [target], lagMs: target.recordedMs - target.occurredMs + rng.between(1, 20) * MINUTE });
    reason = 'Entry recorded twice.';
  }
  history.retracted.add(retracted.eventId);
  history.record('EntryRetracted', retracted.recordedMs + rng.between(1 * HOUR, 20 * DAY), { retractsEventId: retracted.eventId, reason }, { after: [retracted], by: history.supervisor, lagMs: rng.between(1, 10) * MINUTE });
}

/** Findings about the record itself: victim-blaming language, a criminalised child, missing data. */
export function reviewRecord(story: Story): void {
  const { rng, history } = story;
  if (!rng.chance(0.09)) return;
  const reviewAt = officeHours(Math.max(history.lastOccurredMs(), story.report.occurredMs + 90 * DAY) + rng.between(10, 200) * DAY, rng);
  const live = (e: Planned) => !history.retracted.has(e.eventId);
  const kind = rng.weighted([['victim-blaming-language', 45], ['missing-data', 35], ['victim-criminalised', 10], ['other', 10]] as const);
  let about: Planned | undefined;
  let notes: string;
  if (kind === 'victim-blaming-language') {
    about = rng.pick(candidates(story, ['ContactMade', 'RiskAssessed', 'ReportReceived'], live));
    notes = rng.pick(VICTIM_BLAMING_NOTES);
  } else if (kind === 'missing-data') {
    about = rng.pick(candidates(story, ['SuspectIdentified'], (e) => live(e) && e.data.ethnicity === undefined));
    notes = 'Suspect ethnicity not recorded.';
  } else if (kind === 'victim-criminalised') {
    notes = 'Child was dealt with for offences linked to her exploitation.';
  } else {
    notes = 'Decisions not recorded with a rationale.';
  }
  const by = rng.chance(0.7) ? story.inspector : history.supervisor;
  history.record(
    'RecordQualityFinding',
    reviewAt,
    compact({ kind, aboutEventId: about && history.refer(about), notes }),
    { after: [about], by, lagMs: rng.between(5, 120) * MINUTE },
  );
}
