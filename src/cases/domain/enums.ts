/** Enumerations of the event catalogue (DESIGN.md section 4). Stored values: never rename one. */

export const AGENCIES = [
  'school',
  'health',
  'childrens-social-care',
  'mash',
  'voluntary-sector',
  'housing',
  'licensing',
  'youth-justice',
  'cps',
  'nca-ceop',
  'other-police-force',
  'hotel-or-transport',
  'other',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const REPORT_SOURCES = [
  'victim',
  'parent-carer',
  'school',
  'health',
  'childrens-social-care',
  'mash',
  'police',
  'voluntary-sector',
  'other-agency',
  'anonymous',
  'other',
] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

export const CHANNELS = [
  'emergency-call',
  'non-emergency-call',
  'in-person',
  'online',
  'agency-referral',
  'intelligence',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEXES = ['female', 'male', 'other', 'not-known'] as const;
export type Sex = (typeof SEXES)[number];

/** ONS 2021 ethnic group categories. */
export const ETHNICITIES = [
  'indian',
  'pakistani',
  'bangladeshi',
  'chinese',
  'other-asian',
  'african',
  'caribbean',
  'other-black',
  'white-and-black-caribbean',
  'white-and-black-african',
  'white-and-asian',
  'other-mixed',
  'white-british',
  'white-irish',
  'gypsy-or-irish-traveller',
  'roma',
  'other-white',
  'arab',
  'other-ethnic-group',
  'not-stated',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

export const AGE_BANDS = ['under-18', '18-24', '25-34', '35-44', '45-54', '55-plus', 'not-known'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const JURISDICTIONS = ['england', 'wales'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const REFERRAL_URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const CONTACT_WITH = ['victim', 'parent-carer', 'suspect', 'witness', 'agency'] as const;
export type ContactWith = (typeof CONTACT_WITH)[number];

export const CONTACT_METHODS = ['in-person', 'phone', 'video', 'written', 'digital'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

export const CONTACT_PURPOSES = [
  'safeguarding',
  'welfare-check',
  'update',
  'information-request',
  'interview-arrangement',
  'other',
] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export const SHARE_DIRECTIONS = ['to-agency', 'from-agency'] as const;
export type ShareDirection = (typeof SHARE_DIRECTIONS)[number];

export const SUPPORT_SERVICES = ['isva', 'chisva', 'specialist-cse-service', 'camhs', 'other'] as const;
export type SupportService = (typeof SUPPORT_SERVICES)[number];

export const INTERVIEW_KINDS = ['abe-video', 'written-statement'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const BAIL_KINDS = [
  'pre-charge-bail',
  'bail-extended',
  'released-under-investigation',
  'released-no-further-action',
] as const;
export type BailKind = (typeof BAIL_KINDS)[number];

export const DISRUPTION_TOOLS = [
  'child-abduction-warning-notice',
  'sexual-risk-order',
  'interim-sexual-risk-order',
  'sexual-harm-prevention-order',
  'interim-sexual-harm-prevention-order',
  'closure-notice',
  'closure-order',
  'community-protection-notice',
  'criminal-behaviour-order',
  'slavery-and-trafficking-prevention-order',
  'licensing-action',
  'hotel-information-notice',
  'vehicle-marker',
  'arrest-other-offence',
  'other',
] as const;
export type DisruptionTool = (typeof DISRUPTION_TOOLS)[number];

export const TARGET_KINDS = ['person', 'premises', 'vehicle', 'business'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const CHARGING_ADVICE_KINDS = ['early-advice', 'charging-decision'] as const;
export type ChargingAdviceKind = (typeof CHARGING_ADVICE_KINDS)[number];

export const TRIAGES = ['red', 'green', 'green-priority'] as const;
export type Triage = (typeof TRIAGES)[number];

export const DECIDED_BY = ['cps', 'police'] as const;
export type DecidedBy = (typeof DECIDED_BY)[number];

export const CHARGING_OUTCOMES = [
  'charged',
  'nfa-evidential',
  'nfa-public-interest',
  'out-of-court-disposal',
  'further-evidence-required',
  'administratively-finalised',
] as const;
export type ChargingOutcome = (typeof CHARGING_OUTCOMES)[number];

export const CHARGING_TESTS = ['full-code', 'threshold'] as const;
export type ChargingTest = (typeof CHARGING_TESTS)[number];

export const QUALITY_FINDING_KINDS = ['victim-blaming-language', 'victim-criminalised', 'missing-data', 'other'] as const;
export type QualityFindingKind = (typeof QUALITY_FINDING_KINDS)[number];
