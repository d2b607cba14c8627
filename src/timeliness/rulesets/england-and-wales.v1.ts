/**
 * The shipped ruleset, `england-and-wales` version 1: the table of DESIGN.md section 5, rule for
 * rule. Published as version 1 on first start; a change is a new version, never an edit here, or
 * measurements already made under version 1 could no longer be reproduced.
 */
import type { RulesetDef } from '../model';
import { deepFreeze } from './deep-freeze';

/**
 * effectiveFrom of a limit whose standard is older than any case the service will hold. The
 * standards' own commencement dates are not modelled, except where one changed (pre-charge bail).
 */
const SINCE_BEFORE_ANY_CASE = '1970-01-01';

/**
 * Pre-charge bail had no time limit until the Policing and Crime Act 2017 brought in 28 days from
 * 3 April 2017; the Police, Crime, Sentencing and Courts Act 2022 made it three months from
 * 28 October 2022. A bail given before 3 April 2017 is measured without a due date.
 */
const PRE_CHARGE_BAIL_28_DAYS_FROM = '2017-04-03';
const PRE_CHARGE_BAIL_3_MONTHS_FROM = '2022-10-28';

const REFERRED_TO_CHILDRENS_SOCIAL_CARE = { to: ['childrens-social-care', 'mash'] };

// Frozen: the engine keeps what it compiles from a ruleset object, so the object must never change.
export const ENGLAND_AND_WALES_V1: RulesetDef = deepFreeze<RulesetDef>({
  id: 'england-and-wales',
  version: 1,
  title: 'England and Wales: statutory standards, guidance and local targets for child sexual exploitation cases',
  rules: [
    {
      id: 'crime-recorded',
      title: 'Crime recorded within 24 hours of the first report',
      source: {
        text: 'Home Office Counting Rules: a crime is recorded within 24 hours of the report (statutory recording standard)',
        kind: 'statutory',
      },
      start: { type: 'ReportReceived', occurrence: 'first' },
      stop: { type: 'CrimeRecorded' },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, duration: 'PT24H' }],
      calendar: 'england-and-wales',
    },
    {
      id: 'referral-to-childrens-social-care',
      title: "Referral to children's social care or the MASH within 24 hours of the first report",
      source: { text: 'Working Together to Safeguard Children: refer immediately; local target', kind: 'local-target' },
      start: { type: 'ReportReceived', occurrence: 'first' },
      stop: { type: 'ReferralMade', where: REFERRED_TO_CHILDRENS_SOCIAL_CARE },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, duration: 'PT24H' }],
      calendar: 'england-and-wales',
    },
    {
      id: 'strategy-discussion',
      title: "Strategy discussion within 3 working days of the first referral to children's social care or the MASH",
      source: { text: 'Working Together to Safeguard Children: "as soon as possible"; local target', kind: 'local-target' },
      start: { type: 'ReferralMade', where: REFERRED_TO_CHILDRENS_SOCIAL_CARE, occurrence: 'first' },
      stop: { type: 'StrategyDiscussionHeld' },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, workingDays: 3 }],
      calendar: 'england-and-wales',
    },
    {
      id: 'first-victim-contact',
      title: 'Victim contacted within 24 hours of the first report',
      source: { text: 'Local target', kind: 'local-target' },
      start: { type: 'ReportReceived', occurrence: 'first' },
      stop: { type: 'ContactMade', where: { with: ['victim'] } },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, duration: 'PT24H' }],
      calendar: 'england-and-wales',
    },
    {
      id: 'victim-support-referral',
      title: 'Victim referred to support services within 2 working days of the crime being recorded',
      source: { text: 'Code of Practice for Victims of Crime (referral to support services)', kind: 'statutory' },
      start: { type: 'CrimeRecorded', occurrence: 'first' },
      stop: { type: 'VictimReferredToSupport' },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, workingDays: 2 }],
      calendar: 'england-and-wales',
    },
    {
      id: 'victim-informed',
      title: 'Victim told of each arrest, interview, bail decision and charging decision within 1 working day',
      source: { text: 'Code of Practice for Victims of Crime: enhanced rights (every child victim)', kind: 'statutory' },
      start: { type: ['SuspectArrested', 'SuspectInterviewed', 'BailDecision', 'ChargingDecisionMade'], occurrence: 'each' },
      stop: { type: 'VictimUpdated', match: 'aboutEventId' },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, workingDays: 1 }],
      calendar: 'england-and-wales',
    },
    {
      id: 'pace-detention',
      title: 'Each arrested suspect charged or released on bail within 24 hours',
      source: { text: 'Police and Criminal Evidence Act 1984, s.41 (limits on detention without charge)', kind: 'statutory' },
      start: { type: 'SuspectArrested', occurrence: 'each' },
      stop: { type: ['BailDecision', 'ChargingDecisionMade'], match: ['suspectRef'] },
      limit: [{ effectiveFrom: SINCE_BEFORE_ANY_CASE, duration: 'PT24H' }],
      calendar: 'england-and-wales',
    },
    {
      id: 'pre-charge-bail',
      title: 'Pre-charge bail ended by a charging decision, an extension or a release within its limit',
      source: {
        text: 'Police and Criminal Evidence Act 1984, as amended by the Policing and Crime Act 2017 (28 days) and the Police, Crime, Sentencing and Courts Act 2022 (three months from 28 October 2022)',
        kind: 'statutory',
      },
      start: { type: 'BailDecision', where: { kind: ['pre-charge-bail'] }, occurrence: 'each' },
      stop: {
        type: ['ChargingDecisionMade', 'BailDecision'],
        where: { 'BailDecision.kind': ['bail-extended', 'released-under-investigation', 'released-no-further-action'] },
        match: ['suspectRef'],
      },
      limit: [
        { effectiveFrom: PRE_CHARGE_BAIL_28_DAYS_FROM, duration: 'P28D' },
        { effectiveFrom: PRE_CHARGE_BAIL_3_MONTHS_FROM, months: 3 },
      ],
      calendar: 'england-and-wales',
    },
    {
      id: 'charging-decision',
      title: 'Time from a request for a CPS charging decision to the decision (measured)',
      source: { text: "CPS Director's Guidance on Charging: no published turnaround", kind: 'measure' },
      start: { type: 'ChargingAdviceRequested', where: { kind: ['charging-decision'] }, occurrence: 'each' },
      stop: { type: 'ChargingDecisionMade', where: { by: ['cps'] }, match: ['suspectRef'] },
      limit: null,
      calendar: 'england-and-wales',
    },
    {
      id: 'first-disruption',
      title: 'Time from the first suspect identified to the first disruption action (measured)',
      source: { text: 'HMICFRS: use of disruption tools', kind: 'measure' },
      start: { type: 'SuspectIdentified', occurrence: 'first' },
      stop: { type: 'DisruptionActionTaken' },
      limit: null,
      calendar: 'england-and-wales',
    },
    {
      id: 'report-to-charge',
      title: 'Time from the first report to the first charge (measured)',
      source: { text: 'Home Office crime outcomes statistics', kind: 'measure' },
      start: { type: 'ReportReceived', occurrence: 'first' },
      stop: { type: 'ChargingDecisionMade', where: { outcome: ['charged'] } },
      limit: null,
      calendar: 'england-and-wales',
    },
  ],
});
