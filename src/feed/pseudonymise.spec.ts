import { CASE_EVENT_TYPES, CaseEventType } from '../cases/domain/events';
import { FULL_EVENT_DATA } from '../cases/dto/testing/event-data.examples';
import { CORRECTION_DATA_RULES, FEED_DATA_RULES, FieldRule, hmacPseudonymiser, pseudonymiseData } from './pseudonymise';

const KEY = 'a-feed-pseudonym-key-of-at-least-32-bytes';
const psn = hmacPseudonymiser(KEY);
const PSEUDONYM = /^psn_[A-Za-z0-9_-]{43}$/;

const example = (type: CaseEventType) => FULL_EVENT_DATA[type] as unknown as Record<string, unknown>;

/** Every leaf of a payload as [path, value]; an array is one leaf (its items share a field's decision). */
function leaves(value: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(value).flatMap(([field, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${prefix}${field}.`) : [[`${prefix}${field}`, v] as [string, unknown]],
  );
}

function ruleAt(type: CaseEventType, path: string): FieldRule | undefined {
  let rules: Readonly<Record<string, FieldRule>> = FEED_DATA_RULES[type];
  const parts = path.split('.');
  for (const [i, part] of parts.entries()) {
    const rule = rules[part];
    if (i === parts.length - 1 || rule === undefined) return rule;
    if (rule === 'correction') rules = CORRECTION_DATA_RULES;
    else if (typeof rule === 'object' && 'object' in rule) rules = rule.object;
    else return undefined;
  }
  return undefined;
}

function describeRule(rule: FieldRule | undefined): string {
  if (rule === undefined) return 'UNCLASSIFIED';
  if (typeof rule === 'string') return rule;
  return 'pseudonymise' in rule ? `pseudonymise:${rule.pseudonymise}` : 'object';
}

describe('which fields the feed publishes (every field of every type is decided)', () => {
  it.each(CASE_EVENT_TYPES)('%s: the table names exactly the fields of the full example', (type) => {
    expect(Object.keys(FEED_DATA_RULES[type]).sort()).toEqual(Object.keys(example(type)).sort());
  });

  it.each(CASE_EVENT_TYPES)('%s: every leaf of the full example is kept, pseudonymised or dropped', (type) => {
    for (const [path] of leaves(example(type))) {
      expect([path, describeRule(ruleAt(type, path))]).toEqual([path, expect.stringMatching(/^(keep|drop|pseudonymise:\w+)$/)]);
    }
  });

  it('pseudonymises the references that could re-identify someone, and drops the free text', () => {
    const decided = CASE_EVENT_TYPES.flatMap((type) =>
      leaves(example(type))
        .map(([path]) => [`${type}.${path}`, describeRule(ruleAt(type, path))])
        .filter(([, rule]) => rule !== 'keep'),
    );
    expect(Object.fromEntries(decided)).toEqual({
      'CaseOpened.victim.ref': 'pseudonymise:victim',
      'ReportReceived.summary': 'drop',
      'CrimeRecorded.crimeRef': 'pseudonymise:crime',
      'RiskAssessed.rationale': 'drop',
      'ContactMade.notes': 'drop',
      'InformationRequested.requestRef': 'pseudonymise:request',
      'InformationRequested.purpose': 'drop',
      'InformationShared.requestRef': 'pseudonymise:request',
      'VictimUpdated.notes': 'drop',
      'SuspectIdentified.suspectRef': 'pseudonymise:suspect',
      'SuspectIdentified.networkRef': 'pseudonymise:network',
      'SuspectArrested.suspectRef': 'pseudonymise:suspect',
      'SuspectInterviewed.suspectRef': 'pseudonymise:suspect',
      'BailDecision.suspectRef': 'pseudonymise:suspect',
      'DisruptionActionTaken.targetRef': 'pseudonymise:target',
      'DisruptionActionTaken.suspectRef': 'pseudonymise:suspect',
      'DisruptionBreached.response': 'drop',
      'ChargingAdviceRequested.suspectRef': 'pseudonymise:suspect',
      'ChargingDecisionMade.suspectRef': 'pseudonymise:suspect',
      'RecordQualityFinding.notes': 'drop',
      'CaseClosed.rationale': 'drop',
      'CaseReopened.reason': 'drop',
      'EntryCorrected.reason': 'drop',
      'EntryRetracted.reason': 'drop',
    });
  });

  it.each(CASE_EVENT_TYPES)('%s: no pseudonymised or dropped value survives, every kept one does', (type) => {
    const data = example(type);
    const out = pseudonymiseData(type, data, 'west-yorkshire', psn);
    const text = JSON.stringify(out);
    for (const [path, value] of leaves(data)) {
      const rule = describeRule(ruleAt(type, path));
      if (rule === 'keep') expect(leaves(out)).toContainEqual([path, value]);
      else if (typeof value === 'string') expect(text).not.toContain(value);
      if (rule.startsWith('pseudonymise')) expect(leaves(out).find(([p]) => p === path)?.[1]).toMatch(PSEUDONYM);
    }
  });
});

describe('pseudonyms', () => {
  const victim = (ref: string, force = 'west-yorkshire', key = psn) =>
    pseudonymiseData('CaseOpened', { force, victim: { ref } }, force, key).victim as { ref: string };
  const suspect = (suspectRef: string, force = 'west-yorkshire') => pseudonymiseData('SuspectArrested', { suspectRef }, force, psn).suspectRef;

  it('are the same for the same reference, so analysts can join across events and cases', () => {
    expect(victim('V-2024-0193').ref).toBe(victim('V-2024-0193').ref);
    expect(suspect('S-01')).toBe(pseudonymiseData('ChargingDecisionMade', { suspectRef: 'S-01', by: 'cps', outcome: 'charged' }, 'west-yorkshire', psn).suspectRef);
  });

  it('differ between kinds, forces and keys, so equal strings never collide', () => {
    expect(victim('X-1').ref).not.toBe(suspect('X-1'));
    expect(suspect('S-01', 'west-yorkshire')).not.toBe(suspect('S-01', 'merseyside'));
    expect(victim('V-1').ref).not.toBe(victim('V-1', 'west-yorkshire', hmacPseudonymiser(`${KEY}-other`)).ref);
    expect(victim('V-1').ref).not.toBe(victim('V-2').ref);
  });
});

describe('a correction', () => {
  it('publishes its partial data under the strictest rule any type gives each field', () => {
    const out = pseudonymiseData(
      'EntryCorrected',
      {
        correctsEventId: 'e1',
        reason: 'Typo in the notes',
        data: { notes: 'named the child', victim: { ref: 'V-9', sex: 'female' }, suspectRef: 'S-3', method: 'phone', purpose: 'Asked about Jane', requestRef: 'IR-1' },
      },
      'west-yorkshire',
      psn,
    );
    const opened = pseudonymiseData('CaseOpened', { victim: { ref: 'V-9' } }, 'west-yorkshire', psn) as { victim: { ref: string } };
    expect(out).toEqual({
      correctsEventId: 'e1',
      data: {
        victim: { ref: opened.victim.ref, sex: 'female' },
        suspectRef: suspect('S-3'),
        method: 'phone',
        requestRef: expect.stringMatching(PSEUDONYM),
      },
    });
  });

  it('of a correction publishes nothing of the inner data', () => {
    const out = pseudonymiseData('EntryCorrected', { correctsEventId: 'e1', reason: 'r', data: { data: { notes: 'x' } } }, 'f', psn);
    expect(out).toEqual({ correctsEventId: 'e1', data: {} });
  });

  function suspect(ref: string): unknown {
    return pseudonymiseData('SuspectArrested', { suspectRef: ref }, 'west-yorkshire', psn).suspectRef;
  }
});

describe('failing closed', () => {
  it('drops a field no decision covers, and a reference that is not a string', () => {
    expect(pseudonymiseData('RiskAssessed', { level: 'high', freeComment: 'named the child' }, 'f', psn)).toEqual({ level: 'high' });
    expect(pseudonymiseData('SuspectArrested', { suspectRef: { name: 'John' } }, 'f', psn)).toEqual({});
  });

  it('publishes no data of a type outside the catalogue', () => {
    expect(pseudonymiseData('SomethingNew', { anything: 'at all' }, 'f', psn)).toEqual({});
  });
});
