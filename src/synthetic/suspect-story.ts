/**
 * Suspects of a synthetic case: identification (characteristics often missing), arrest, custody
 * decisions under PACE, pre-charge bail under the limit in force on the day, CPS charging advice
 * and decisions, the victim updates the Victims' Code asks for, and disruption of offenders.
 */
import type { BailKind, ChargingOutcome } from '../cases/domain/enums';
import type { Planned } from './case-history';
import { addMonths, DAY, HOUR, MINUTE, officeHours } from './london-time';
import { compact, nextRef, type Story } from './story';
import { recordedEthnicity } from './safeguarding-story';
import { CHARGING_OUTCOME, DISRUPTION_TOOLS, NATIONALITIES, OFFENCES, SUSPECT_AGE } from './vocabulary';

/** The Police, Crime, Sentencing and Courts Act 2022 took pre-charge bail from 28 days to 3 months. */
const THREE_MONTH_BAIL_FROM = Date.parse('2022-10-28T00:00:00+01:00');

export function suspects(story: Story): void {
  const { rng } = story;
  const mustArrest = story.live === 'arrest' || story.live === 'bail';
  let count = rng.chance(0.22) ? 0 : story.groupBased ? rng.int(2, 7) : rng.weighted([[1, 75], [2, 18], [3, 7]]);
  if (mustArrest) count = Math.max(count, 1);
  let at = story.report.occurredMs;
  for (let i = 0; i < count; i++) {
    at += i === 0 && rng.chance(0.45) ? rng.between(10 * MINUTE, 6 * HOUR) : rng.lognormal(5 * DAY, 1.2);
    identifySuspect(story, at, i === 0 && mustArrest);
  }
  disruption(story);
}

export function identifySuspect(story: Story, at: number, mustArrest = false): void {
  const { rng, history } = story;
  const network = story.groupBased && rng.chance(0.8) ? `NET-${story.force.code}-${(story.counters.network ??= rng.int(1, 400))}` : undefined;
  const identified = history.record(
    'SuspectIdentified',
    at,
    compact({
      suspectRef: nextRef(story, 'S'),
      sex: rng.chance(0.94) ? (rng.chance(0.93) ? 'male' : 'female') : undefined,
      ageBand: rng.chance(0.8) ? rng.weighted(SUSPECT_AGE) : undefined,
      ethnicity: recordedEthnicity(rng, 0.33, 0.12),
      nationality: rng.chance(0.55) ? rng.weighted(NATIONALITIES) : undefined,
      networkRef: network,
    }),
  );
  story.suspects.push(identified);
  const ref = identified.data.suspectRef as string;
  if (mustArrest || rng.chance(story.groupBased ? 0.65 : 0.55)) {
    arrest(story, ref, identified);
  } else if (rng.chance(0.35)) {
    const interview = history.record(
      'SuspectInterviewed',
      officeHours(identified.occurredMs + rng.lognormal(10 * DAY, 0.8), rng),
      { suspectRef: ref, underCaution: true, voluntary: true },
      { after: [identified] },
    );
    informVictim(story, interview);
    if (rng.chance(0.45)) chargingRoute(story, ref, interview);
  }
}

/** PACE s.41: charged or released within 24 hours; a superintendent's extension shows as a breach. */
function arrest(story: Story, ref: string, identified: Planned): void {
  const { rng, history } = story;
  const arrested = history.record('SuspectArrested', identified.occurredMs + Math.max(rng.lognormal(2 * DAY, 1.1), 30 * MINUTE), { suspectRef: ref }, { after: [identified] });
  informVictim(story, arrested);
  const r = rng.next();
  const decisionDelay = r < 0.9 ? rng.between(3, 23.5) * HOUR : r < 0.96 ? rng.between(24.5, 36) * HOUR : undefined;
  if (rng.chance(0.85)) {
    const interviewAt = arrested.occurredMs + rng.between(1 * HOUR, Math.max(2 * HOUR, (decisionDelay ?? 12 * HOUR) - 30 * MINUTE));
    informVictim(story, history.record('SuspectInterviewed', interviewAt, { suspectRef: ref, underCaution: true, voluntary: false }, { after: [arrested] }));
  }
  if (decisionDelay === undefined) return; // the custody decision never made it into the case file
  const decidedAt = arrested.occurredMs + decisionDelay;
  const kind = story.live === 'bail' ? 'pre-charge-bail' : rng.weighted<BailKind | 'charged'>([['pre-charge-bail', 42], ['released-under-investigation', 38], ['released-no-further-action', 8], ['charged', 12]]);
  if (kind === 'charged') {
    if (rng.chance(0.6)) history.record('ChargingAdviceRequested', decidedAt - rng.between(1, 3) * HOUR, { suspectRef: ref, kind: 'charging-decision', triage: 'red' }, { after: [arrested] });
    chargingDecision(story, ref, decidedAt, 'charged', [arrested]);
    return;
  }
  const until = kind === 'pre-charge-bail' ? decidedAt + bailLimitMs(decidedAt) : undefined;
  const bail = bailDecision(story, ref, kind, decidedAt, arrested, until);
  if (kind === 'pre-charge-bail') endBail(story, ref, bail);
  else if (kind === 'released-under-investigation' && rng.chance(0.45)) chargingRoute(story, ref, bail, rng.lognormal(60 * DAY, 0.7));
}

function bailDecision(story: Story, ref: string, kind: BailKind, at: number, after: Planned, until?: number): Planned {
  const bail = story.history.record('BailDecision', at, { suspectRef: ref, kind }, { after: [after], dates: until === undefined ? undefined : { until } });
  informVictim(story, bail);
  return bail;
}

function bailLimitMs(at: number): number {
  return at >= THREE_MONTH_BAIL_FROM ? addMonths(at, 3) - at : 28 * DAY;
}

/** Pre-charge bail ends with a charging decision, an extension or a release: mostly in time, often not. */
function endBail(story: Story, ref: string, bail: Planned): void {
  const { rng } = story;
  const limit = bailLimitMs(bail.occurredMs);
  const r = rng.next();
  if (r >= 0.9) return; // no recorded end: the bail runs out unseen
  const endAt = officeHours(bail.occurredMs + limit * (r < 0.63 ? rng.between(0.3, 0.97) : rng.between(1.03, 2.2)), rng);
  const how = rng.weighted([['bail-extended', 35], ['released-under-investigation', 30], ['charging', 25], ['released-no-further-action', 10]] as const);
  if (how === 'charging') {
    story.history.record('ChargingAdviceRequested', endAt - rng.between(0.2, 0.6) * (endAt - bail.occurredMs), { suspectRef: ref, kind: 'charging-decision', triage: rng.pick(['green', 'green-priority'] as const) }, { after: [bail] });
    chargingDecision(story, ref, endAt, rng.weighted(CHARGING_OUTCOME), [bail]);
    return;
  }
  const until = how === 'bail-extended' ? endAt + bailLimitMs(endAt) : undefined;
  const ended = bailDecision(story, ref, how, endAt, bail, until);
  if (how !== 'released-no-further-action' && rng.chance(0.6)) chargingRoute(story, ref, ended, rng.lognormal(30 * DAY, 0.6));
}

/** Advice asked of the CPS and its decision; the CPS publishes no turnaround, so this is measured only. */
function chargingRoute(story: Story, ref: string, after: Planned, delay = story.rng.lognormal(20 * DAY, 0.8)): void {
  const { rng, history } = story;
  if (rng.chance(0.15)) history.record('ChargingAdviceRequested', officeHours(after.occurredMs + delay / 2, rng), { suspectRef: ref, kind: 'early-advice' }, { after: [after] });
  const request = history.record(
    'ChargingAdviceRequested',
    officeHours(after.occurredMs + delay, rng),
    compact({ suspectRef: ref, kind: 'charging-decision', triage: rng.chance(0.8) ? rng.pick(['red', 'green', 'green-priority'] as const) : undefined }),
    { after: [after] },
  );
  const r = rng.next();
  if (r >= 0.93) return; // still with the CPS
  const decidedAt = officeHours(request.occurredMs + rng.lognormal(21 * DAY, 0.9), rng);
  if (r >= 0.88) {
    chargingDecision(story, ref, decidedAt, 'nfa-evidential', [request], 'police');
    return;
  }
  const outcome = rng.weighted(CHARGING_OUTCOME);
  const decision = chargingDecision(story, ref, decidedAt, outcome, [request]);
  if (outcome === 'further-evidence-required' && rng.chance(0.5)) chargingRoute(story, ref, decision, rng.lognormal(45 * DAY, 0.6));
}

function chargingDecision(story: Story, ref: string, at: number, outcome: ChargingOutcome, after: Planned[], by: 'cps' | 'police' = 'cps'): Planned {
  const { rng } = story;
  const offences = rng.chance(0.7) ? [rng.weighted(OFFENCES), ...(rng.chance(0.3) ? [rng.weighted(OFFENCES)] : [])] : undefined;
  const decision = story.history.record(
    'ChargingDecisionMade',
    at,
    compact({
      suspectRef: ref,
      by,
      outcome,
      test: outcome === 'charged' ? (rng.chance(0.8) ? 'full-code' : 'threshold') : undefined,
      offences: offences && [...new Set(offences)],
    }),
    { after },
  );
  if (outcome === 'charged') story.charged = true;
  if (outcome === 'out-of-court-disposal') story.outOfCourt = true;
  informVictim(story, decision);
  return decision;
}

const UPDATE_TOPICS: Partial<Record<string, string>> = {
  SuspectArrested: 'arrest',
  SuspectInterviewed: 'interview',
  BailDecision: 'bail decision',
  ChargingDecisionMade: 'charging decision',
};

/** The Victims' Code: told within one working day of each arrest, interview, bail and charging decision. */
export function informVictim(story: Story, about: Planned): void {
  const { rng, history } = story;
  const r = rng.next();
  if (r >= 0.86) return; // never told
  const delay = r < 0.7 ? rng.between(40 * MINUTE, 20 * HOUR) : rng.between(3, 12) * DAY;
  history.record(
    'VictimUpdated',
    about.occurredMs + delay,
    compact({
      method: rng.weighted([['phone', 50], ['in-person', 30], ['digital', 12], ['written', 8]] as const),
      aboutEventId: history.refer(about),
      notes: rng.chance(0.3) ? `Told of the ${UPDATE_TOPICS[about.type] ?? 'progress'}.` : undefined,
    }),
    { after: [about] },
  );
}

/** Disruption: notices, orders and markers against offenders, premises, vehicles and businesses. */
function disruption(story: Story): void {
  const { rng, history } = story;
  if (story.groupBased && rng.chance(0.08)) {
    history.record('DisruptionActionTaken', story.report.occurredMs + rng.between(1, 10) * DAY, { tool: 'hotel-information-notice', targetKind: 'business', targetRef: nextRef(story, 'HOTEL') });
  }
  if (story.suspects.length === 0 || !rng.chance(story.groupBased ? 0.7 : 0.42)) return;
  let at = story.suspects[0].occurredMs;
  for (let i = rng.chance(0.8) ? 1 : rng.int(2, 3); i > 0; i--) {
    at += rng.lognormal(12 * DAY, 1.2);
    const { tool, target, expiresInMonths } = rng.weighted(DISRUPTION_TOOLS);
    const suspect = target === 'person' ? rng.pick(story.suspects) : undefined;
    const when = suspect ? Math.max(at, suspect.occurredMs + HOUR) : at;
    const targetRef = target === 'person' ? undefined : nextRef(story, { premises: 'PREM', vehicle: 'VEH', business: 'BUS' }[target]);
    const expiresAt = expiresInMonths === undefined ? undefined : expiresInMonths === 0 ? when + 2 * DAY : addMonths(when, expiresInMonths);
    const action = history.record(
      'DisruptionActionTaken',
      when,
      compact({ tool, targetKind: target, targetRef, suspectRef: suspect?.data.suspectRef }),
      { after: [suspect], dates: expiresAt === undefined ? undefined : { expiresAt } },
    );
    if (expiresInMonths !== undefined && expiresInMonths > 3 && rng.chance(0.15)) {
      history.record('DisruptionBreached', when + rng.between(7, 200) * DAY, compact({ disruptionEventId: history.refer(action), response: rng.chance(0.7) ? 'Suspect arrested for the breach.' : undefined }), { after: [action] });
    }
  }
}
