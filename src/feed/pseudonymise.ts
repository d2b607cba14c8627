/**
 * What of an event's payload may leave the service in the analytics feed. Analysts need every
 * enumeration, flag and date to build their models, and need to join on people across events and
 * cases, but must never learn who a child or a suspect is, nor read an officer's free text.
 *
 * Each field of each catalogue type is classified here, once, as data; the mapped type below makes
 * a field added to the catalogue without a decision a compile error, and pseudonymise.spec.ts
 * checks the table against a full example of every type. A field the table does not know (stored
 * before a type gained it, or a future one) is dropped: the feed fails closed.
 */
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import type { CaseEventDataMap, CaseEventType, VictimDetails } from '../cases/domain/events';

/** The kinds of reference that could re-identify someone. Each has its own pseudonym space. */
export type ReferenceKind = 'victim' | 'suspect' | 'target' | 'network' | 'crime' | 'request' | 'correlation';

export type FieldRule =
  /** Enumerations, flags, dates, counts and ids of other events: safe, and what analysts model. */
  | 'keep'
  /** Free text: an officer's words can name anyone. */
  | 'drop'
  | { pseudonymise: ReferenceKind }
  | { object: Readonly<Record<string, FieldRule>> }
  /** EntryCorrected.data: a partial payload of whichever type the corrected entry has. */
  | 'correction';

type RulesOf<T> = { readonly [F in keyof T & string]-?: FieldRule };
type DataRules = { readonly [K in CaseEventType]: RulesOf<CaseEventDataMap[K]> };

const VICTIM: RulesOf<VictimDetails> = {
  ref: { pseudonymise: 'victim' },
  ageAtReport: 'keep',
  sex: 'keep',
  ethnicity: 'keep',
  disability: 'keep',
};

const SUSPECT = { pseudonymise: 'suspect' } as const;
const REQUEST = { pseudonymise: 'request' } as const;

export const FEED_DATA_RULES: DataRules = {
  CaseOpened: { force: 'keep', jurisdiction: 'keep', area: 'keep', victim: { object: VICTIM }, groupBased: 'keep' },
  ReportReceived: { source: 'keep', channel: 'keep', agency: 'keep', indicators: 'keep', summary: 'drop' },
  CrimeRecorded: { crimeRef: { pseudonymise: 'crime' }, offence: 'keep', cseFlag: 'keep', groupBasedFlag: 'keep' },
  RiskAssessed: { level: 'keep', rationale: 'drop' },
  ReferralMade: { to: 'keep', urgency: 'keep' },
  StrategyDiscussionHeld: { agencies: 'keep', section47: 'keep' },
  ContactMade: { with: 'keep', agency: 'keep', method: 'keep', direction: 'keep', purpose: 'keep', notes: 'drop' },
  // Here `purpose` is what the officer typed (ContactMade's is an enumeration).
  InformationRequested: { requestRef: REQUEST, agency: 'keep', purpose: 'drop' },
  InformationShared: { agency: 'keep', direction: 'keep', requestRef: REQUEST },
  VictimReferredToSupport: { service: 'keep' },
  VictimInterviewed: { kind: 'keep', intermediary: 'keep' },
  VictimUpdated: { method: 'keep', aboutEventId: 'keep', notes: 'drop' },
  SuspectIdentified: {
    suspectRef: SUSPECT,
    sex: 'keep',
    ageBand: 'keep',
    ethnicity: 'keep',
    nationality: 'keep',
    networkRef: { pseudonymise: 'network' },
  },
  SuspectArrested: { suspectRef: SUSPECT },
  SuspectInterviewed: { suspectRef: SUSPECT, underCaution: 'keep', voluntary: 'keep' },
  BailDecision: { suspectRef: SUSPECT, kind: 'keep', until: 'keep' },
  DisruptionActionTaken: { tool: 'keep', targetKind: 'keep', targetRef: { pseudonymise: 'target' }, suspectRef: SUSPECT, expiresAt: 'keep' },
  DisruptionBreached: { disruptionEventId: 'keep', response: 'drop' },
  ChargingAdviceRequested: { suspectRef: SUSPECT, kind: 'keep', triage: 'keep' },
  ChargingDecisionMade: { suspectRef: SUSPECT, by: 'keep', outcome: 'keep', test: 'keep', offences: 'keep' },
  RecordQualityFinding: { kind: 'keep', aboutEventId: 'keep', notes: 'drop' },
  CaseClosed: { outcomeCode: 'keep', rationale: 'drop' },
  CaseReopened: { reason: 'drop' },
  EntryCorrected: { correctsEventId: 'keep', occurredAt: 'keep', data: 'correction', reason: 'drop' },
  EntryRetracted: { retractsEventId: 'keep', reason: 'drop' },
};

/**
 * Rules for the partial payload of a correction, whose target type the event does not say: a
 * field name takes the strictest rule any type gives it, so a correction never reveals what the
 * original would have hidden (a corrected ContactMade purpose is dropped along with
 * InformationRequested's free-text one).
 */
export const CORRECTION_DATA_RULES: Readonly<Record<string, FieldRule>> = mergeStrictest(Object.values(FEED_DATA_RULES));

/** Returns the pseudonym of `value`, a reference of `kind` recorded by `force`. */
export type Pseudonymiser = (kind: ReferenceKind, force: string, value: string) => string;

export const PSEUDONYM_PREFIX = 'psn_';

/**
 * HMAC-SHA256 under the feed key. Kind and force are part of the message, so the same string used
 * as a victim ref and as a suspect ref, or by two forces, never gives the same pseudonym; NUL
 * separators keep the parts from running into each other.
 */
export function hmacPseudonymiser(key: string | Buffer | KeyObject): Pseudonymiser {
  const secret = key instanceof KeyObject ? key : createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
  return (kind, force, value) =>
    PSEUDONYM_PREFIX + createHmac('sha256', secret).update(`case-timeline/feed/v1\0${kind}\0${force}\0${value}`, 'utf8').digest('base64url');
}

/** The payload of an event of `type` as the feed publishes it. Unknown types publish nothing. */
export function pseudonymiseData(type: string, data: Record<string, unknown>, force: string, pseudonymise: Pseudonymiser): Record<string, unknown> {
  const rules = (FEED_DATA_RULES as Readonly<Record<string, Readonly<Record<string, FieldRule>>>>)[type];
  if (!rules) return {};
  return applyRules(rules, data, force, pseudonymise, false);
}

function applyRules(
  rules: Readonly<Record<string, FieldRule>>,
  data: Record<string, unknown>,
  force: string,
  pseudonymise: Pseudonymiser,
  insideCorrection: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    if (value === undefined || !Object.prototype.hasOwnProperty.call(rules, field)) continue;
    const rule = rules[field];
    if (rule === 'keep') {
      out[field] = value;
    } else if (rule === 'drop') {
      continue;
    } else if (rule === 'correction') {
      // A correction of a correction is refused by the decider; if one were stored, publish nothing of it.
      if (!insideCorrection && isRecord(value)) out[field] = applyRules(CORRECTION_DATA_RULES, value, force, pseudonymise, true);
    } else if ('pseudonymise' in rule) {
      if (typeof value === 'string') out[field] = pseudonymise(rule.pseudonymise, force, value);
    } else if (isRecord(value)) {
      out[field] = applyRules(rule.object, value, force, pseudonymise, insideCorrection);
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mergeStrictest(tables: ReadonlyArray<Readonly<Record<string, FieldRule>>>): Record<string, FieldRule> {
  const merged: Record<string, FieldRule> = {};
  for (const table of tables) {
    for (const [field, rule] of Object.entries(table)) {
      merged[field] = field in merged ? strictest(merged[field], rule) : rule;
    }
  }
  return merged;
}

/** keep < pseudonymise < drop; two different treatments of the same field name give drop. */
function strictest(a: FieldRule, b: FieldRule): FieldRule {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (a === 'keep') return b;
  if (b === 'keep') return a;
  if (typeof a === 'object' && typeof b === 'object' && 'object' in a && 'object' in b) {
    return { object: mergeStrictest([a.object, b.object]) };
  }
  return 'drop';
}
