/**
 * Live cases: a share of the synthetic cases is placed so that `now` falls inside one of their
 * clocks, after its start was recorded and before it stops or falls due. Without them a seeded
 * store would only hold running clocks by luck, and the inspection views would have none to show.
 */
import type { CaseHistory, Planned } from './case-history';
import { DAY, HOUR, MINUTE } from './london-time';
import type { Rng } from './rng';

export const LIVE_KINDS = ['report', 'referral', 'crime', 'arrest', 'bail'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

/** One case in LIVE_EVERY is live, the kinds taking turns, so any run of 80 cases has each kind. */
const LIVE_EVERY = 16;
const LIVE_PHASE = 5;

export function liveKindOf(caseIndex: number): LiveKind | undefined {
  if (caseIndex % LIVE_EVERY !== LIVE_PHASE) return undefined;
  return LIVE_KINDS[Math.floor(caseIndex / LIVE_EVERY) % LIVE_KINDS.length];
}

const CHILDRENS_SOCIAL_CARE = new Set(['childrens-social-care', 'mash']);
const BAIL_ENDS = new Set(['bail-extended', 'released-under-investigation', 'released-no-further-action']);

interface Window {
  start: Planned;
  stops: Planned[];
  /** No longer than the clock's limit (working-day limits by their shortest calendar span). */
  limitMs: number;
}

function windowOf(history: CaseHistory, kind: LiveKind): Window | undefined {
  const events = [...history.events].sort((a, b) => a.occurredMs - b.occurredMs);
  const first = (test: (e: Planned) => boolean) => events.find(test);
  const after = (start: Planned, test: (e: Planned) => boolean) => events.filter((e) => e !== start && e.occurredMs >= start.occurredMs && test(e));
  const sameSuspect = (start: Planned) => (e: Planned) => e.data.suspectRef === start.data.suspectRef;
  switch (kind) {
    case 'report': {
      const start = first((e) => e.type === 'ReportReceived');
      if (!start) return undefined;
      const stops = after(start, (e) =>
        (e.type === 'ContactMade' && e.data.with === 'victim') || e.type === 'CrimeRecorded' || (e.type === 'ReferralMade' && CHILDRENS_SOCIAL_CARE.has(e.data.to as string)));
      return { start, stops, limitMs: 24 * HOUR };
    }
    case 'referral': {
      const start = first((e) => e.type === 'ReferralMade' && CHILDRENS_SOCIAL_CARE.has(e.data.to as string));
      return start && { start, stops: after(start, (e) => e.type === 'StrategyDiscussionHeld'), limitMs: 3 * DAY };
    }
    case 'crime': {
      const start = first((e) => e.type === 'CrimeRecorded');
      return start && { start, stops: after(start, (e) => e.type === 'VictimReferredToSupport'), limitMs: 2 * DAY };
    }
    case 'arrest': {
      const start = first((e) => e.type === 'SuspectArrested');
      if (!start) return undefined;
      const decided = sameSuspect(start);
      const stops = after(start, (e) =>
        ((e.type === 'BailDecision' || e.type === 'ChargingDecisionMade') && decided(e)) || (e.type === 'VictimUpdated' && e.data.aboutEventId === start.eventId));
      return { start, stops, limitMs: 24 * HOUR };
    }
    case 'bail': {
      const start = first((e) => e.type === 'BailDecision' && e.data.kind === 'pre-charge-bail');
      if (!start) return undefined;
      const ends = sameSuspect(start);
      const stops = after(start, (e) => ends(e) && (e.type === 'ChargingDecisionMade' || (e.type === 'BailDecision' && BAIL_ENDS.has(e.data.kind as string))));
      return { start, stops, limitMs: 28 * DAY };
    }
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** Shifts the case so that `now` falls inside the clock of `kind` (or, failing that, of the report). */
export function placeLive(history: CaseHistory, kind: LiveKind, nowMs: number, rng: Rng): void {
  const window = windowOf(history, kind) ?? windowOf(history, 'report');
  if (!window) return;
  const { start, stops, limitMs } = window;
  let end = start.occurredMs + limitMs;
  for (const stop of stops) end = Math.min(end, stop.occurredMs);
  const from = start.recordedMs;
  const at = end > from + MINUTE ? from + (end - from) * rng.between(0.05, 0.95) : from + MINUTE;
  // Whole minutes keep occurredAt to the minute; rounding down keeps the start recorded by now.
  history.shift(Math.floor((nowMs - at) / MINUTE) * MINUTE);
}
