/**
 * Synthetic CSE case histories for benchmarks: a report, the first responses (contact, crime
 * record, referral, strategy discussion, support), one to three suspects taken through arrest,
 * interview, bail and charging with the victim told of each step, disruption, a few corrections
 * and retractions, and now and then a closure. Times are plausible, not real: mostly within the
 * limits, sometimes late, with recording lags of minutes to days.
 */
import type { MeasurableEvent } from '../../src/timeliness/model';
import { Prng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2019, 0, 1);
const UNTIL = Date.UTC(2025, 11, 1);

class CaseWriter {
  readonly events: MeasurableEvent[] = [];

  constructor(private readonly prng: Prng) {}

  add(type: string, occurredMs: number, data: Record<string, unknown>): MeasurableEvent {
    const lag = this.prng.chance(0.85) ? this.prng.int(0, 90) * MINUTE : this.prng.int(1, 10) * DAY;
    // Half the clients send local London time with an offset, as the catalogue allows.
    const summer = new Date(occurredMs).getUTCMonth() >= 3 && new Date(occurredMs).getUTCMonth() <= 8;
    const occurredAt = summer && this.prng.chance(0.5) ? new Date(occurredMs + HOUR).toISOString().replace('Z', '+01:00') : new Date(occurredMs).toISOString();
    const event = { eventId: this.prng.uuid(), type, occurredAt, recordedAt: new Date(occurredMs + lag).toISOString(), data };
    this.events.push(event);
    return event;
  }
}

/** Within the usual time most of the time, late otherwise. */
function responseTime(prng: Prng, usual: number, late: number): number {
  return prng.chance(0.8) ? prng.int(0, usual) : prng.int(usual, late);
}

export function syntheticCase(prng: Prng): MeasurableEvent[] {
  const w = new CaseWriter(prng);
  const reported = prng.int(FROM, UNTIL);
  w.add('CaseOpened', reported, { force: 'west-yorkshire', jurisdiction: 'england', victim: { ref: `V-${prng.int(1, 1e6)}`, ageAtReport: prng.int(10, 17) } });
  w.add('ReportReceived', reported, { source: prng.pick(['victim', 'school', 'parent-carer', 'police']), channel: prng.pick(['online', 'emergency-call', 'agency-referral']) });
  w.add('ContactMade', reported + responseTime(prng, 20 * HOUR, 4 * DAY), { with: prng.pick(['victim', 'victim', 'parent-carer']), method: 'phone', direction: 'outbound', purpose: 'safeguarding' });
  const crime = w.add('CrimeRecorded', reported + responseTime(prng, 22 * HOUR, 5 * DAY), { crimeRef: `C-${prng.int(1, 1e6)}`, offence: 'Grooming', cseFlag: true, groupBasedFlag: prng.chance(0.2) });
  w.add('RiskAssessed', reported + prng.int(0, 2 * DAY), { level: prng.pick(['medium', 'high', 'very-high']) });
  const referred = reported + responseTime(prng, 20 * HOUR, 3 * DAY);
  w.add('ReferralMade', referred, { to: prng.pick(['childrens-social-care', 'mash', 'mash', 'school']), urgency: 'urgent' });
  w.add('StrategyDiscussionHeld', referred + responseTime(prng, 3 * DAY, 9 * DAY), { agencies: ['mash'], section47: true });
  w.add('VictimReferredToSupport', Date.parse(crime.occurredAt) + responseTime(prng, 2 * DAY, 8 * DAY), { service: prng.pick(['isva', 'chisva']) });
  if (prng.chance(0.5)) {
    const asked = reported + prng.int(1, 20) * DAY;
    w.add('InformationRequested', asked, { requestRef: `IR-${prng.int(1, 999)}`, agency: 'health' });
    w.add('InformationShared', asked + prng.int(1, 10) * DAY, { agency: 'health', direction: 'from-agency' });
  }

  const suspects = prng.int(1, 3);
  for (let s = 1; s <= suspects; s++) suspectHistory(w, prng, `S-${s}`, reported + prng.int(1, 30) * DAY);

  // Corrections and retractions of a few entries, recorded later.
  const entries = [...w.events];
  for (const target of entries) {
    if (!prng.chance(0.02) || target.type === 'CaseOpened') continue;
    const later = Date.parse(target.recordedAt) + prng.int(1, 20) * DAY;
    if (prng.chance(0.7)) w.add('EntryCorrected', later, { correctsEventId: target.eventId, occurredAt: new Date(Date.parse(target.occurredAt) - prng.int(1, 600) * MINUTE).toISOString(), reason: 'Time entered wrongly.' });
    else w.add('EntryRetracted', later, { retractsEventId: target.eventId, reason: 'Recorded on the wrong case.' });
  }
  if (prng.chance(0.3)) w.add('CaseClosed', reported + prng.int(60, 400) * DAY, { outcomeCode: prng.pick([1, 16, 21]) });
  return w.events;
}

function suspectHistory(w: CaseWriter, prng: Prng, suspectRef: string, identified: number): void {
  const tellVictim = (decision: MeasurableEvent) => {
    if (prng.chance(0.85)) w.add('VictimUpdated', Date.parse(decision.occurredAt) + responseTime(prng, DAY, 5 * DAY), { method: 'phone', aboutEventId: decision.eventId });
  };
  w.add('SuspectIdentified', identified, { suspectRef, sex: 'male', ageBand: prng.pick(['18-24', '25-34', '35-44']) });
  if (prng.chance(0.4)) w.add('DisruptionActionTaken', identified + prng.int(0, 30) * DAY, { tool: 'child-abduction-warning-notice', targetKind: 'person', suspectRef });
  const arrestedAt = identified + prng.int(0, 10) * DAY;
  const arrest = w.add('SuspectArrested', arrestedAt, { suspectRef });
  tellVictim(arrest);
  const interview = w.add('SuspectInterviewed', arrestedAt + prng.int(1, 12) * HOUR, { suspectRef, underCaution: true, voluntary: false });
  tellVictim(interview);
  const bailedAt = arrestedAt + responseTime(prng, 22 * HOUR, 40 * HOUR);
  const bail = w.add('BailDecision', bailedAt, { suspectRef, kind: prng.pick(['pre-charge-bail', 'pre-charge-bail', 'released-under-investigation']) });
  tellVictim(bail);
  const requested = bailedAt + prng.int(5, 60) * DAY;
  w.add('ChargingAdviceRequested', requested, { suspectRef, kind: 'charging-decision' });
  if (prng.chance(0.3)) {
    const extended = w.add('BailDecision', bailedAt + prng.int(20, 100) * DAY, { suspectRef, kind: 'bail-extended' });
    tellVictim(extended);
  }
  if (prng.chance(0.75)) {
    const decision = w.add('ChargingDecisionMade', requested + prng.int(1, 120) * DAY, { suspectRef, by: 'cps', outcome: prng.pick(['charged', 'charged', 'nfa-evidential']) });
    tellVictim(decision);
  }
}

export function syntheticCases(count: number, seed: number): MeasurableEvent[][] {
  const prng = new Prng(seed);
  return Array.from({ length: count }, () => syntheticCase(prng));
}
