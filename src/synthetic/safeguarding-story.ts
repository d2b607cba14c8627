/**
 * The first part of a synthetic case: the report, the victim, and what police and partners do to
 * safeguard the child (risk assessments, contacts, the crime record, referrals, strategy
 * discussions, support, information sharing, the child's interview).
 */
import type { Agency, ContactMethod, ContactPurpose, ContactWith, Ethnicity, SupportService } from '../cases/domain/enums';
import type { Planned } from './case-history';
import type { Force } from './forces';
import { DAY, HOUR, londonYear, MINUTE, officeHours } from './london-time';
import type { Rng } from './rng';
import { compact, nextRef, responseDelay, type Story } from './story';
import {
  ETHNICITY,
  INDICATORS,
  OFFENCES,
  OTHER_REFERRALS,
  REPORTS,
  RISK_LEVEL,
  STRATEGY_AGENCIES,
  SUMMARIES,
  VICTIM_AGE,
  VICTIM_SEX,
} from './vocabulary';

/** Ethnicity as recorded: often not stated, sometimes not asked at all (IICSA's finding). */
export function recordedEthnicity(rng: Rng, pAbsent: number, pNotStated: number): Ethnicity | undefined {
  const r = rng.next();
  if (r < pAbsent) return undefined;
  if (r < pAbsent + pNotStated) return 'not-stated';
  return rng.weighted(ETHNICITY);
}

export function caseOpenedData(rng: Rng, force: Force, groupBased: boolean, reportMs: number): Record<string, unknown> {
  const victim = compact({
    ref: `V-${londonYear(reportMs)}-${String(rng.int(1, 99999)).padStart(5, '0')}`,
    ageAtReport: rng.chance(0.96) ? rng.weighted(VICTIM_AGE) : undefined,
    sex: rng.chance(0.97) ? rng.weighted(VICTIM_SEX) : undefined,
    ethnicity: recordedEthnicity(rng, 0.14, 0.09),
    disability: rng.chance(0.8) ? rng.chance(0.17) : undefined,
  });
  return compact({
    force: force.slug,
    jurisdiction: force.jurisdiction,
    area: rng.chance(0.95) ? rng.pick(force.areas) : undefined,
    victim,
    groupBased: rng.chance(0.85) ? groupBased : undefined,
  });
}

export function reportData(rng: Rng): Record<string, unknown> {
  const report = rng.weighted(REPORTS);
  return compact({
    source: report.source,
    channel: report.channel,
    agency: report.agency,
    indicators: rng.chance(0.85) ? rng.sample(INDICATORS, rng.int(1, 4)) : undefined,
    summary: rng.chance(0.7) ? rng.pick(SUMMARIES) : undefined,
  });
}

function contact(story: Story, at: number, withWhom: ContactWith, purpose: ContactPurpose, agency?: Agency): Planned {
  const { rng } = story;
  const method: ContactMethod = rng.weighted([['in-person', 45], ['phone', 40], ['video', 5], ['written', 3], ['digital', 7]]);
  return story.history.record(
    'ContactMade',
    at,
    compact({
      with: withWhom,
      agency,
      method,
      direction: rng.chance(0.8) ? 'outbound' : 'inbound',
      purpose,
      notes: rng.chance(0.4) ? 'Discussed safety plan and next steps.' : undefined,
    }),
  );
}

export function safeguard(story: Story): void {
  const { rng, history } = story;
  const t0 = story.report.occurredMs;

  if (rng.chance(0.9)) {
    const level = rng.weighted(RISK_LEVEL);
    history.record('RiskAssessed', t0 + rng.lognormal(3 * HOUR, 1), compact({ level, rationale: rng.chance(0.6) ? 'Missing episodes and contact with older adults.' : undefined }));
    if (rng.chance(0.3)) history.record('RiskAssessed', t0 + rng.between(7, 60) * DAY, { level: rng.weighted(RISK_LEVEL) });
  }

  if (rng.chance(0.93)) contact(story, t0 + responseDelay(rng, 24 * HOUR, 0.76, 10), 'victim', rng.chance(0.7) ? 'safeguarding' : 'welfare-check');
  for (let i = rng.int(0, 3); i > 0; i--) {
    contact(story, t0 + rng.between(2, 120) * DAY, 'victim', rng.pick(['welfare-check', 'update', 'interview-arrangement'] as const));
  }
  if (rng.chance(0.6)) contact(story, t0 + rng.lognormal(10 * HOUR, 1.2), 'parent-carer', 'safeguarding');
  for (let i = rng.int(0, 3); i > 0; i--) {
    const agency = rng.pick(['school', 'health', 'childrens-social-care', 'mash', 'voluntary-sector'] as const);
    contact(story, t0 + rng.lognormal(4 * DAY, 1.2), 'agency', rng.pick(['information-request', 'safeguarding', 'update'] as const), agency);
  }

  if (story.live === 'crime' || rng.chance(0.88)) {
    story.crime = history.record('CrimeRecorded', t0 + responseDelay(rng, 24 * HOUR, 0.8, 15), {
      crimeRef: `${story.force.code}/${rng.int(10000, 99999)}/${String(londonYear(t0) % 100).padStart(2, '0')}`,
      offence: rng.weighted(OFFENCES),
      cseFlag: rng.chance(0.9),
      groupBasedFlag: story.groupBased ? rng.chance(0.85) : rng.chance(0.03),
    });
    supportReferral(story, story.crime);
  }

  if (story.live === 'referral' || rng.chance(0.87)) {
    const to: Agency = rng.chance(0.45) ? 'mash' : 'childrens-social-care';
    const urgency = rng.weighted([['immediate', 25], ['urgent', 50], ['routine', 25]] as const);
    const referral = history.record('ReferralMade', t0 + responseDelay(rng, 24 * HOUR, 0.72, 10), { to, urgency });
    strategyDiscussions(story, referral, to);
  }
  if (rng.chance(0.4)) history.record('ReferralMade', t0 + rng.between(1, 30) * DAY, { to: rng.weighted(OTHER_REFERRALS), urgency: 'routine' });

  informationSharing(story);

  if (rng.chance(0.55)) {
    history.record('VictimInterviewed', officeHours(t0 + rng.lognormal(6 * DAY, 1), rng), {
      kind: rng.chance(0.75) ? 'abe-video' : 'written-statement',
      intermediary: rng.chance(0.2),
    });
  }
}

/** Working Together asks for a strategy discussion within 3 working days of the referral. */
function strategyDiscussions(story: Story, referral: Planned, to: Agency): void {
  const { rng, history } = story;
  if (!rng.chance(0.86)) return;
  const onTime = rng.chance(0.72);
  const delay = onTime ? rng.between(2 * HOUR, 2.2 * DAY) : rng.between(4, 20) * DAY;
  const agencies: Agency[] = [to === 'mash' && rng.chance(0.5) ? 'mash' : 'childrens-social-care', ...rng.sample(STRATEGY_AGENCIES, rng.int(0, 3))];
  const first = history.record('StrategyDiscussionHeld', officeHours(referral.occurredMs + delay, rng), { agencies, section47: rng.chance(0.6) }, { after: [referral] });
  if (rng.chance(0.15)) {
    history.record('StrategyDiscussionHeld', officeHours(first.occurredMs + rng.between(14, 60) * DAY, rng), { agencies, section47: rng.chance(0.5) });
  }
}

/** The Victims' Code: referral to support services within 2 working days of the crime record. */
function supportReferral(story: Story, crime: Planned): void {
  const { rng } = story;
  if (!rng.chance(0.82)) return;
  const delay = rng.chance(0.68) ? rng.between(1 * HOUR, 40 * HOUR) : rng.between(3, 25) * DAY;
  const service = rng.weighted<SupportService>([['chisva', 35], ['isva', 15], ['specialist-cse-service', 30], ['camhs', 12], ['other', 8]]);
  story.history.record('VictimReferredToSupport', officeHours(crime.occurredMs + delay, rng), { service });
}

function informationSharing(story: Story): void {
  const { rng, history } = story;
  const t0 = story.report.occurredMs;
  for (let i = rng.chance(0.5) ? rng.int(1, 2) : 0; i > 0; i--) {
    const agency = rng.pick(['health', 'school', 'childrens-social-care', 'housing', 'other-police-force'] as const);
    const requestRef = nextRef(story, `IR-${londonYear(t0)}`, 3);
    const request = history.record('InformationRequested', t0 + rng.lognormal(3 * DAY, 1), compact({ requestRef, agency, purpose: rng.chance(0.5) ? 'Attendances and disclosures.' : undefined }));
    if (rng.chance(0.8)) {
      history.record('InformationShared', request.occurredMs + rng.lognormal(6 * DAY, 0.8) + 30 * MINUTE, { agency, direction: 'from-agency', requestRef }, { after: [request] });
    }
  }
  if (rng.chance(0.3)) {
    history.record('InformationShared', t0 + rng.between(1, 40) * DAY, { agency: rng.pick(['school', 'health', 'licensing', 'hotel-or-transport'] as const), direction: 'to-agency' });
  }
}
