import { DateTime } from 'luxon';
import { CASE_EVENT_TYPES } from '../cases/domain/events';
import type { EventToAppend } from '../event-store/event-store.port';
import { FORCES } from './forces';
import { generateCase } from './generate-case';
import { caseRng } from './rng';
import { generateCases, NOW } from './testing/cases';
import { problemsOf } from './testing/check-history';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY_MS = 86_400_000;

describe('generateCase', () => {
  it('gives the same cases for the same seed, byte for byte', () => {
    expect(JSON.stringify(generateCases(7, 60))).toBe(JSON.stringify(generateCases(7, 60)));
  });

  it('gives other cases for another seed', () => {
    const ids = (seed: number) => generateCases(seed, 60).flatMap((c) => [c.caseId, ...c.events.map((e) => e.eventId)]);
    const one = new Set(ids(1));
    expect(ids(2).filter((id) => one.has(id))).toEqual([]);
  });

  it('makes a case from its own index alone, whatever was made before it', () => {
    const alone = generateCase(caseRng(7, 37), { caseIndex: 37, now: NOW });
    expect(alone).toEqual(generateCases(7, 38)[37]);
  });

  it('refuses an invalid now', () => {
    expect(() => generateCase(caseRng(1, 0), { caseIndex: 0, now: new Date('nonsense') })).toThrow(RangeError);
  });
});

describe('a few hundred generated cases', () => {
  const cases = generateCases(1, 400);
  const events = cases.flatMap((c) => c.events);
  const ofType = (type: string) => events.filter((e) => e.type === type);

  it('pass the catalogue validation and the decider, entry by entry, as the HTTP write side would', () => {
    expect(cases.flatMap((c) => problemsOf(c.caseId, c.events))).toEqual([]);
  });

  it('record each event at or after it happened, by now, in stream order', () => {
    const wrong: string[] = [];
    for (const { caseId, events: history } of cases) {
      let previous = -Infinity;
      history.forEach(({ metadata }, i) => {
        const recorded = Date.parse(metadata.recordedAt);
        const fault =
          metadata.recordedAt !== new Date(recorded).toISOString() ? 'recordedAt is not UTC ISO 8601'
          : recorded < Date.parse(metadata.occurredAt) ? 'recorded before it occurred'
          : recorded > NOW.getTime() ? 'recorded after now'
          : recorded < previous ? 'recorded before the entry before it'
          : undefined;
        if (fault) wrong.push(`${caseId}[${i}]: ${fault}`);
        previous = recorded;
      });
    }
    expect(wrong).toEqual([]);
  });

  it('write occurredAt in Europe/London local time with its offset, +00:00 in winter and +01:00 in summer', () => {
    const offsets = new Set<string>();
    for (const { metadata } of events) {
      const london = DateTime.fromISO(metadata.occurredAt, { zone: 'Europe/London' });
      const offset = metadata.occurredAt.slice(-6);
      expect(offset).toBe(london.toFormat('ZZ'));
      offsets.add(offset);
    }
    expect([...offsets].sort()).toEqual(['+00:00', '+01:00']);
  });

  it('use version 4 UUIDs, unique across cases', () => {
    const ids = [...cases.map((c) => c.caseId), ...events.map((e) => e.eventId)];
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every type of the catalogue', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(CASE_EVENT_TYPES));
  });

  it('spread over the forces of England and Wales, Welsh forces under the law of Wales, and over the years to now', () => {
    const opened = ofType('CaseOpened');
    const forces = new Map(FORCES.map((f) => [f.slug, f]));
    for (const { data } of opened) expect(data.jurisdiction).toBe(forces.get(data.force as string)?.jurisdiction);
    expect(new Set(opened.map((e) => e.data.force)).size).toBeGreaterThanOrEqual(30);
    expect(opened.some((e) => e.data.jurisdiction === 'wales')).toBe(true);
    expect(new Set(opened.map((e) => e.metadata.occurredAt.slice(0, 4)))).toEqual(new Set(['2021', '2022', '2023', '2024', '2025', '2026']));
  });

  it('leave characteristics unrecorded as forces do: victim and suspect ethnicity absent or not stated', () => {
    const victims = ofType('CaseOpened').map((e) => e.data.victim as Record<string, unknown>);
    const suspects = ofType('SuspectIdentified').map((e) => e.data);
    expect(victims.some((v) => v.ethnicity === undefined)).toBe(true);
    expect(victims.some((v) => v.ethnicity === 'not-stated')).toBe(true);
    for (const field of ['ethnicity', 'sex', 'ageBand']) expect(suspects.some((s) => s[field] === undefined)).toBe(true);
    expect(suspects.some((s) => s.ethnicity === 'not-stated')).toBe(true);
  });

  it('record a few events late, days after they happened', () => {
    const late = events.filter((e) => Date.parse(e.metadata.recordedAt) - Date.parse(e.metadata.occurredAt) > DAY_MS);
    expect(late.length / events.length).toBeGreaterThan(0.02);
    expect(late.length / events.length).toBeLessThan(0.12);
  });

  it('flag most crimes as CSE, and use the tools and outcomes an inspection counts', () => {
    const crimes = ofType('CrimeRecorded');
    expect(crimes.filter((e) => e.data.cseFlag === true).length / crimes.length).toBeGreaterThan(0.8);
    expect(crimes.some((e) => e.data.groupBasedFlag === true)).toBe(true);
    expect(new Set(ofType('DisruptionActionTaken').map((e) => e.data.tool)).size).toBeGreaterThanOrEqual(8);
    expect(ofType('ReferralMade').map((e) => e.data.to)).toEqual(expect.arrayContaining(['childrens-social-care', 'mash']));
    expect(new Set(ofType('StrategyDiscussionHeld').map((e) => e.data.section47))).toEqual(new Set([true, false]));
    expect(new Set(ofType('RiskAssessed').map((e) => e.data.level))).toEqual(new Set(['low', 'medium', 'high', 'very-high']));
    const outcomes = ofType('CaseClosed').map((e) => e.data.outcomeCode);
    expect(outcomes.filter((code) => code === 16).length / outcomes.length).toBeGreaterThan(0.1);
    expect(new Set(ofType('RecordQualityFinding').map((e) => e.data.kind))).toContain('victim-blaming-language');
  });

  it('bail suspects under both pre-charge bail regimes, before and after 28 October 2022', () => {
    const bailedAt = ofType('BailDecision')
      .filter((e) => e.data.kind === 'pre-charge-bail')
      .map((e) => Date.parse(e.metadata.occurredAt));
    const change = Date.parse('2022-10-28T00:00:00+01:00');
    expect(bailedAt.some((at) => at < change)).toBe(true);
    expect(bailedAt.some((at) => at >= change)).toBe(true);
  });

  it('tell victims of most arrests, interviews, bail and charging decisions, not of all', () => {
    const told = new Set(ofType('VictimUpdated').map((e) => e.data.aboutEventId));
    const decisions = events.filter((e) => ['SuspectArrested', 'SuspectInterviewed', 'BailDecision', 'ChargingDecisionMade'].includes(e.type));
    const share = decisions.filter((e) => told.has(e.eventId)).length / decisions.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.95);
  });

  it('correct and retract entries, and reopen cases, now and then', () => {
    const changed = (type: string, field: string) => new Set(ofType(type).map((e: EventToAppend) => e.data[field]));
    expect(changed('EntryCorrected', 'correctsEventId').size).toBeGreaterThan(5);
    expect(changed('EntryRetracted', 'retractsEventId').size).toBeGreaterThan(3);
    expect(ofType('CaseReopened').length).toBeGreaterThan(3);
  });
});
