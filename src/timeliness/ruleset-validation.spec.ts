import { FULL_EVENT_DATA } from '../cases/dto/testing/event-data.examples';
import { CASE_EVENT_TYPES } from '../cases/domain/events';
import { ENGLAND_AND_WALES_V1 } from './rulesets/england-and-wales.v1';
import { validateRulesetDefinition } from './ruleset-validation';
import { NON_SCALAR_FIELDS } from './ruleset-validation.support';

type Json = Record<string, unknown>;

const aRule = (): Json => ({
  id: 'r1',
  title: 'A rule',
  source: { text: 'Local target', kind: 'local-target' },
  start: { type: 'ReportReceived', occurrence: 'first' },
  stop: { type: 'CrimeRecorded' },
  limit: [{ effectiveFrom: '2024-01-01', duration: 'PT24H' }],
  calendar: 'england-and-wales',
});
const withRule = (change: (rule: Json) => void): Json => {
  const rule = aRule();
  change(rule);
  return { id: 'local', version: 1, title: 'Local', rules: [rule] };
};
const pathsOf = (def: unknown) => validateRulesetDefinition(def).map((e) => e.path);

describe('validateRulesetDefinition', () => {
  it('accepts the shipped ruleset, as it is and as JSON read back', () => {
    expect(validateRulesetDefinition(ENGLAND_AND_WALES_V1)).toEqual([]);
    expect(validateRulesetDefinition(JSON.parse(JSON.stringify(ENGLAND_AND_WALES_V1)))).toEqual([]);
    expect(validateRulesetDefinition(withRule(() => undefined))).toEqual([]);
  });

  it('refuses what is not an object', () => {
    for (const def of [null, [], 'england-and-wales', 1]) expect(pathsOf(def)).toEqual(['']);
  });

  it('refuses a bad id, version, title or list of rules, and unknown fields', () => {
    expect(pathsOf({ id: 'England and Wales', version: 0, title: ' ', rules: [], owner: 'x' })).toEqual(['owner', 'id', 'version', 'title', 'rules']);
    expect(pathsOf({ id: 'e-and-w', version: 1.5, title: 'T', rules: [aRule()] })).toEqual(['version']);
    expect(pathsOf({ id: 'e-and-w', version: '1', title: 'T' })).toEqual(['version', 'rules']);
  });

  it('refuses missing and duplicate rule ids', () => {
    const def = { id: 'local', version: 1, title: 'Local', rules: [aRule(), aRule(), { ...aRule(), id: undefined }] };
    expect(validateRulesetDefinition(def)).toEqual([
      { path: 'rules[1].id', message: 'id "r1" is the id of an earlier rule: rule ids must be unique' },
      { path: 'rules[2].id', message: expect.stringMatching(/^id must be lower-case/) },
    ]);
  });

  it('refuses unknown event types, and corrections, which are applied rather than measured', () => {
    expect(pathsOf(withRule((r) => ((r.start as Json).type = 'ReportTeleported')))).toEqual(['rules[0].start.type']);
    expect(pathsOf(withRule((r) => ((r.stop as Json).type = ['CrimeRecorded', 'Nope', 'CrimeRecorded'])))).toEqual(['rules[0].stop.type[1]', 'rules[0].stop.type[2]']);
    expect(pathsOf(withRule((r) => ((r.stop as Json).type = [])))).toEqual(['rules[0].stop.type']);
    expect(pathsOf(withRule((r) => ((r.stop as Json).type = 'EntryCorrected')))).toEqual(['rules[0].stop.type']);
  });

  it('refuses a where field that a type does not have, naming the field', () => {
    const errors = validateRulesetDefinition(withRule((r) => ((r.stop as Json).where = { colour: ['red'] })));
    expect(errors).toEqual([{ path: 'rules[0].stop.where.colour', message: 'colour is not a field of CrimeRecorded' }]);
    expect(pathsOf(withRule((r) => ((r.start as Json).where = { to: ['mash'] })))).toEqual(['rules[0].start.where.to']);
  });

  it('requires a where field of several types to be on each, unless it names its type', () => {
    const stop = (where: Json) =>
      withRule((r) => {
        r.start = { type: 'SuspectArrested', occurrence: 'each' };
        r.stop = { type: ['ChargingDecisionMade', 'BailDecision'], where, match: ['suspectRef'] };
      });
    const errors = validateRulesetDefinition(stop({ kind: ['bail-extended'] }));
    expect(errors).toEqual([
      { path: 'rules[0].stop.where.kind', message: 'kind is not a field of ChargingDecisionMade; to hold for BailDecision only, write "BailDecision.kind"' },
    ]);
    expect(validateRulesetDefinition(stop({ 'BailDecision.kind': ['bail-extended'] }))).toEqual([]);
    expect(pathsOf(stop({ 'SuspectArrested.suspectRef': ['S-1'] }))).toEqual(['rules[0].stop.where["SuspectArrested.suspectRef"]']);
    expect(pathsOf(stop({ 'ChargingDecisionMade.kind': ['x'] }))).toEqual(['rules[0].stop.where["ChargingDecisionMade.kind"]']);
  });

  it('refuses where values that are not a non-empty list of single values, and where on a list field', () => {
    const where = (w: unknown) => withRule((r) => (r.stop = { type: 'StrategyDiscussionHeld', where: w }));
    expect(pathsOf(where({ section47: true }))).toEqual(['rules[0].stop.where.section47']);
    expect(pathsOf(where({ section47: [] }))).toEqual(['rules[0].stop.where.section47']);
    expect(pathsOf(where({ section47: [{ yes: true }] }))).toEqual(['rules[0].stop.where.section47[0]']);
    expect(pathsOf(where({ agencies: ['mash'] }))).toEqual(['rules[0].stop.where.agencies']);
    expect(pathsOf(where(['section47']))).toEqual(['rules[0].stop.where']);
  });

  it('refuses an unknown occurrence', () => {
    expect(pathsOf(withRule((r) => ((r.start as Json).occurrence = 'every')))).toEqual(['rules[0].start.occurrence']);
    expect(pathsOf(withRule((r) => delete (r.start as Json).occurrence))).toEqual(['rules[0].start.occurrence']);
  });

  it('refuses a match that is neither fields of the start and the stop nor aboutEventId', () => {
    const arrestTo = (match: unknown, stopType: unknown = 'BailDecision') =>
      withRule((r) => {
        r.start = { type: 'SuspectArrested', occurrence: 'each' };
        r.stop = { type: stopType, match };
      });
    expect(validateRulesetDefinition(arrestTo(['suspectRef']))).toEqual([]);
    expect(pathsOf(arrestTo('suspectRef'))).toEqual(['rules[0].stop.match']);
    expect(pathsOf(arrestTo([]))).toEqual(['rules[0].stop.match']);
    expect(pathsOf(arrestTo(['suspectRef', 'suspectRef']))).toEqual(['rules[0].stop.match[1]']);
    expect(validateRulesetDefinition(arrestTo(['kind']))).toEqual([
      { path: 'rules[0].stop.match[0]', message: "match[0] names kind, which is not a field of SuspectArrested: a match field must be on the start's types and the stop's" },
    ]);
    expect(pathsOf(arrestTo('aboutEventId'))).toEqual(['rules[0].stop.match']);
    expect(validateRulesetDefinition(arrestTo('aboutEventId', 'VictimUpdated'))).toEqual([]);
  });

  it('refuses a limit that is not null nor a non-empty list', () => {
    for (const limit of [undefined, [], 'PT24H', {}]) expect(pathsOf(withRule((r) => (r.limit = limit)))).toEqual(['rules[0].limit']);
    expect(validateRulesetDefinition(withRule((r) => (r.limit = null)))).toEqual([]);
  });

  it('refuses a limit with no unit, several, or a bad one', () => {
    const limit = (...items: unknown[]) => withRule((r) => (r.limit = items));
    expect(pathsOf(limit({ effectiveFrom: '2024-01-01' }))).toEqual(['rules[0].limit[0]']);
    expect(validateRulesetDefinition(limit({ effectiveFrom: '2024-01-01', duration: 'PT24H', months: 3 }))).toEqual([
      { path: 'rules[0].limit[0]', message: 'limit[0] gives duration and months: give only one' },
    ]);
    for (const duration of ['PT0H', 'P1.5D', '24h', 'PT-1H', 24]) expect(pathsOf(limit({ effectiveFrom: '2024-01-01', duration }))).toEqual(['rules[0].limit[0].duration']);
    for (const months of [0, 1.5, '3', 1201]) expect(pathsOf(limit({ effectiveFrom: '2024-01-01', months }))).toEqual(['rules[0].limit[0].months']);
    for (const workingDays of [0, -1, 2.5]) expect(pathsOf(limit({ effectiveFrom: '2024-01-01', workingDays }))).toEqual(['rules[0].limit[0].workingDays']);
    expect(pathsOf(limit({ effectiveFrom: '2024-01-01', hours: 24 }))).toEqual(['rules[0].limit[0].hours', 'rules[0].limit[0]']);
    expect(validateRulesetDefinition(limit({ effectiveFrom: '2024-01-01', duration: 'P1Y2M3W4DT5H6M7S' }))).toEqual([]);
  });

  it('refuses an effectiveFrom that is not a real date, and two limits from the same day', () => {
    const from = (...dates: unknown[]) => withRule((r) => (r.limit = dates.map((effectiveFrom) => ({ effectiveFrom, workingDays: 1 }))));
    for (const date of ['2023-02-29', '2024-1-1', '2024-01-01T00:00:00Z', 20240101]) expect(pathsOf(from(date))).toEqual(['rules[0].limit[0].effectiveFrom']);
    expect(validateRulesetDefinition(from('2024-02-29', '2020-01-01'))).toEqual([]);
    expect(pathsOf(from('2024-02-29', '2020-01-01', '2024-02-29'))).toEqual(['rules[0].limit[2].effectiveFrom']);
  });

  it('refuses an unknown calendar, a bad source and unknown fields at every level', () => {
    expect(pathsOf(withRule((r) => (r.calendar = 'scotland')))).toEqual(['rules[0].calendar']);
    expect(pathsOf(withRule((r) => (r.source = { text: '', kind: 'law' })))).toEqual(['rules[0].source.text', 'rules[0].source.kind']);
    expect(pathsOf(withRule((r) => delete r.source))).toEqual(['rules[0].source']);
    const extra = withRule((r) => {
      r.colour = 'red';
      (r.source as Json).url = 'x';
      (r.start as Json).until = 'x';
      (r.stop as Json).occurrence = 'each';
      (r.limit as Json[])[0].hours = 1;
    });
    expect(pathsOf(extra).sort()).toEqual(
      ['rules[0].colour', 'rules[0].source.url', 'rules[0].start.until', 'rules[0].stop.occurrence', 'rules[0].limit[0].hours'].sort(),
    );
  });

  it('names every problem of a rule that cannot work at once', () => {
    const def = {
      id: 'local-targets',
      version: 1,
      title: 'Broken',
      rules: [
        {
          ...aRule(),
          start: { type: 'ReportTeleported', occurrence: 'first' },
          stop: { type: 'ReferralMade', where: { colour: ['red'] } },
          limit: [
            { effectiveFrom: '2024-01-01', duration: 'PT24H' },
            { effectiveFrom: '2024-01-01', duration: 'PT12H' },
          ],
        },
      ],
    };
    expect(pathsOf(def)).toEqual(['rules[0].start.type', 'rules[0].stop.where.colour', 'rules[0].limit[1].effectiveFrom']);
  });
});

describe('NON_SCALAR_FIELDS', () => {
  it('lists exactly the fields whose full example is a list or an object', () => {
    for (const type of CASE_EVENT_TYPES) {
      const example: Record<string, unknown> = { ...FULL_EVENT_DATA[type] };
      const listy = Object.keys(example).filter((field) => typeof example[field] === 'object');
      expect([type, [...(NON_SCALAR_FIELDS[type] ?? [])].sort()]).toEqual([type, listy.sort()]);
    }
  });
});
