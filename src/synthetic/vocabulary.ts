/**
 * What forces write in CSE cases, with rough frequencies. The weights are plausible rather than
 * official: they make inspection aggregates look like a national caseload (mostly girls aged 13
 * to 16, referrals mostly from schools and children's services, many ethnicities unrecorded).
 */
import type {
  Agency,
  AgeBand,
  Channel,
  ChargingOutcome,
  DisruptionTool,
  Ethnicity,
  ReportSource,
  RiskLevel,
  Sex,
  TargetKind,
} from '../cases/domain/enums';
import type { Weighted } from './rng';

export const VICTIM_AGE: Weighted<number> = [
  [10, 1], [11, 2], [12, 5], [13, 12], [14, 18], [15, 20], [16, 16], [17, 9],
];

export const VICTIM_SEX: Weighted<Sex> = [['female', 80], ['male', 16], ['other', 1], ['not-known', 3]];

/** Roughly the ONS 2021 population of England and Wales under 18; absent and not-stated are drawn apart. */
export const ETHNICITY: Weighted<Ethnicity> = [
  ['white-british', 68], ['other-white', 5], ['white-irish', 0.5], ['gypsy-or-irish-traveller', 0.4], ['roma', 0.3],
  ['pakistani', 4], ['indian', 3], ['bangladeshi', 1.5], ['chinese', 0.6], ['other-asian', 1.6],
  ['african', 3], ['caribbean', 1], ['other-black', 0.6],
  ['white-and-black-caribbean', 1.6], ['white-and-black-african', 0.8], ['white-and-asian', 1.3], ['other-mixed', 1.3],
  ['arab', 0.7], ['other-ethnic-group', 1.3],
];

export const SUSPECT_AGE: Weighted<AgeBand> = [
  ['under-18', 14], ['18-24', 30], ['25-34', 26], ['35-44', 15], ['45-54', 8], ['55-plus', 4], ['not-known', 3],
];

export const NATIONALITIES: Weighted<string> = [
  ['British', 82], ['Polish', 2], ['Romanian', 2], ['Irish', 1], ['Pakistani', 2], ['Albanian', 1], ['Iraqi', 1],
  ['Afghan', 1], ['Eritrean', 0.5], ['Lithuanian', 0.5], ['Other', 3],
];

export const REPORTS: Weighted<{ source: ReportSource; channel: Channel; agency?: Agency }> = [
  [{ source: 'school', channel: 'agency-referral', agency: 'school' }, 20],
  [{ source: 'childrens-social-care', channel: 'agency-referral', agency: 'childrens-social-care' }, 17],
  [{ source: 'mash', channel: 'agency-referral', agency: 'mash' }, 9],
  [{ source: 'parent-carer', channel: 'non-emergency-call' }, 13],
  [{ source: 'parent-carer', channel: 'emergency-call' }, 6],
  [{ source: 'victim', channel: 'in-person' }, 5],
  [{ source: 'victim', channel: 'online' }, 4],
  [{ source: 'health', channel: 'agency-referral', agency: 'health' }, 7],
  [{ source: 'police', channel: 'intelligence' }, 8],
  [{ source: 'voluntary-sector', channel: 'agency-referral', agency: 'voluntary-sector' }, 4],
  [{ source: 'other-agency', channel: 'agency-referral', agency: 'nca-ceop' }, 3],
  [{ source: 'other-agency', channel: 'agency-referral', agency: 'hotel-or-transport' }, 1],
  [{ source: 'anonymous', channel: 'online' }, 2],
  [{ source: 'other', channel: 'other' }, 1],
];

export const INDICATORS = [
  'missing-from-home', 'older-boyfriend', 'unexplained-gifts', 'unexplained-money', 'substance-misuse',
  'online-grooming', 'sexual-health-concerns', 'school-absence', 'association-with-older-adults', 'hotel-use',
  'taxi-use', 'going-missing-overnight', 'self-harm', 'change-in-behaviour', 'new-mobile-phone', 'in-care',
] as const;

export const SUMMARIES = [
  'Pupil seen getting into cars driven by adult males after school.',
  'Parent found sexual messages from an adult on the child\'s phone.',
  'Child returned from a missing episode with alcohol and a new phone.',
  'Residential care staff report the child is collected late at night by unknown adults.',
  'Child disclosed to a school nurse that she is being made to have sex with older men.',
  'Intelligence links the child to an address used for parties with adults.',
  'Child found in a hotel room with an adult male.',
  'Online images of the child shared by an older contact.',
] as const;

export const RISK_LEVEL: Weighted<RiskLevel> = [['low', 8], ['medium', 34], ['high', 40], ['very-high', 18]];

export const OFFENCES: Weighted<string> = [
  ['Sexual activity with a child (SOA 2003 s.9)', 22],
  ['Causing or inciting a child to engage in sexual activity (SOA 2003 s.10)', 12],
  ['Sexual communication with a child (SOA 2003 s.15A)', 11],
  ['Meeting a child following sexual grooming (SOA 2003 s.15)', 6],
  ['Rape of a child under 13 (SOA 2003 s.5)', 5],
  ['Rape (SOA 2003 s.1)', 8],
  ['Sexual assault of a child under 13 (SOA 2003 s.7)', 4],
  ['Paying for the sexual services of a child (SOA 2003 s.47)', 3],
  ['Causing or inciting sexual exploitation of a child (SOA 2003 s.48)', 5],
  ['Arranging or facilitating sexual exploitation of a child (SOA 2003 s.50)', 4],
  ['Trafficking for sexual exploitation (Modern Slavery Act 2015 s.2)', 3],
  ['Taking, making or distributing indecent images of a child (PCA 1978 s.1)', 12],
  ['Possession of indecent images of a child (CJA 1988 s.160)', 5],
];

export const CHARGING_OUTCOME: Weighted<ChargingOutcome> = [
  ['charged', 36], ['nfa-evidential', 34], ['nfa-public-interest', 4], ['further-evidence-required', 14],
  ['out-of-court-disposal', 3], ['administratively-finalised', 9],
];

/** Each tool with what it is aimed at, so targetKind and the references always agree. */
export const DISRUPTION_TOOLS: Weighted<{ tool: DisruptionTool; target: TargetKind; expiresInMonths?: number }> = [
  [{ tool: 'child-abduction-warning-notice', target: 'person', expiresInMonths: 24 }, 30],
  [{ tool: 'arrest-other-offence', target: 'person' }, 12],
  [{ tool: 'sexual-risk-order', target: 'person', expiresInMonths: 24 }, 6],
  [{ tool: 'interim-sexual-risk-order', target: 'person', expiresInMonths: 3 }, 3],
  [{ tool: 'sexual-harm-prevention-order', target: 'person', expiresInMonths: 60 }, 4],
  [{ tool: 'interim-sexual-harm-prevention-order', target: 'person', expiresInMonths: 3 }, 2],
  [{ tool: 'criminal-behaviour-order', target: 'person', expiresInMonths: 24 }, 2],
  [{ tool: 'slavery-and-trafficking-prevention-order', target: 'person', expiresInMonths: 60 }, 1],
  [{ tool: 'community-protection-notice', target: 'business' }, 4],
  [{ tool: 'closure-notice', target: 'premises', expiresInMonths: 0 }, 4],
  [{ tool: 'closure-order', target: 'premises', expiresInMonths: 3 }, 3],
  [{ tool: 'licensing-action', target: 'business' }, 5],
  [{ tool: 'hotel-information-notice', target: 'business', expiresInMonths: 6 }, 6],
  [{ tool: 'vehicle-marker', target: 'vehicle' }, 8],
  [{ tool: 'other', target: 'premises' }, 2],
];

export const STRATEGY_AGENCIES: readonly Agency[] = ['health', 'school', 'voluntary-sector', 'youth-justice', 'housing'];

export const OTHER_REFERRALS: Weighted<Agency> = [
  ['health', 4], ['school', 3], ['voluntary-sector', 4], ['youth-justice', 1], ['nca-ceop', 1], ['housing', 1],
];

export const VICTIM_BLAMING_NOTES = [
  'Notes describe the child as "putting herself at risk".',
  'Entry says the child "chose to go" with the adults.',
  'Risk rationale calls the relationship "consensual".',
  'Contact note describes the child as "promiscuous".',
] as const;

export const REOPEN_REASONS = [
  'New disclosure by the victim.',
  'New evidence from a linked investigation.',
  'Case review by the force CSE team.',
  'Suspect linked to a new report.',
] as const;
