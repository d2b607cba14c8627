import { CASE_EVENT_TYPES, type CaseEventType } from '../domain/events';
import { EVENT_DATA_DTOS } from './event-data.dto';
import { EXAMPLE_EVENT_ID, FULL_EVENT_DATA, REQUIRED_EVENT_DATA } from './testing/event-data.examples';
import { validateDto, validateEventData } from './validate';

const FULL = FULL_EVENT_DATA;
const REQUIRED = REQUIRED_EVENT_DATA;
const EVENT_ID = EXAMPLE_EVENT_ID;

const AT = 'events[0].data';
const check = (type: CaseEventType, data: unknown) => validateEventData(type, data, { pathPrefix: AT });
const paths = (type: CaseEventType, data: unknown) => check(type, data).map((e) => e.path);

it('has a DTO for every type of the catalogue', () => {
  expect(Object.keys(EVENT_DATA_DTOS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
});

describe.each(CASE_EVENT_TYPES)('%s data', (type) => {
  it('accepts every field, and gives back exactly what was sent', () => {
    const { value, errors } = validateDto(EVENT_DATA_DTOS[type], FULL[type], AT);
    expect(errors).toEqual([]);
    expect(value).toStrictEqual(FULL[type]);
  });

  it('accepts the required fields alone', () => {
    expect(check(type, REQUIRED[type])).toEqual([]);
  });

  it.each(Object.keys(REQUIRED[type]))('refuses it without %s, naming that field alone', (field) => {
    const data: Record<string, unknown> = { ...REQUIRED[type] };
    delete data[field];
    const errors = check(type, data);
    expect(errors).toEqual([{ path: `${AT}.${field}`, message: expect.stringMatching(new RegExp(`^${field} is required`)) }]);
  });

  it('refuses an unknown field, naming it', () => {
    expect(check(type, { ...FULL[type], colour: 'red' })).toEqual([
      { path: `${AT}.colour`, message: expect.stringMatching(/^colour is not a known field; known fields: /) },
    ]);
  });

  it('refuses data that is not an object', () => {
    for (const data of [null, [], 'ContactMade', 3]) {
      expect(check(type, data)).toEqual([{ path: AT, message: `${AT} must be a JSON object` }]);
    }
  });
});

describe('field rules', () => {
  it.each<[string, CaseEventType, Record<string, unknown>, string, string | RegExp]>([
    ['a bad enum', 'RiskAssessed', { level: 'extreme' }, 'level', 'level must be one of: low, medium, high, very-high'],
    ['null for a required field', 'RiskAssessed', { level: null }, 'level', 'level must not be null'],
    ['null for an optional field', 'ReportReceived', { agency: null }, 'agency', 'agency must not be null'],
    ['a string for a boolean', 'CrimeRecorded', { cseFlag: 'true' }, 'cseFlag', 'cseFlag must be true or false'],
    ['a blank reference', 'CrimeRecorded', { crimeRef: '   ' }, 'crimeRef', 'crimeRef must not be empty or blank'],
    ['an empty reference', 'SuspectArrested', { suspectRef: '' }, 'suspectRef', 'suspectRef must not be empty or blank'],
    ['a reference of 201 characters', 'SuspectArrested', { suspectRef: 'x'.repeat(201) }, 'suspectRef', /at most 200 characters/],
    ['a reference with a trailing space', 'SuspectArrested', { suspectRef: 'S-01 ' }, 'suspectRef', 'suspectRef must not start or end with spaces'],
    ['a number for a reference', 'SuspectArrested', { suspectRef: 7 }, 'suspectRef', 'suspectRef must be a string'],
    ['free text of 4001 characters', 'RiskAssessed', { rationale: 'x'.repeat(4001) }, 'rationale', /at most 4000 characters/],
    ['a blank required reason', 'CaseReopened', { reason: ' ' }, 'reason', 'reason must not be empty or blank'],
    ['outcomeCode 23', 'CaseClosed', { outcomeCode: 23 }, 'outcomeCode', 'outcomeCode must be a whole number from 1 to 22'],
    ['outcomeCode 0', 'CaseClosed', { outcomeCode: 0 }, 'outcomeCode', 'outcomeCode must be a whole number from 1 to 22'],
    ['outcomeCode 1.5', 'CaseClosed', { outcomeCode: 1.5 }, 'outcomeCode', 'outcomeCode must be a whole number from 1 to 22'],
    ['outcomeCode "16"', 'CaseClosed', { outcomeCode: '16' }, 'outcomeCode', 'outcomeCode must be a whole number from 1 to 22'],
    ['a force that is not a slug', 'CaseOpened', { force: 'West Yorkshire' }, 'force', /^force must be lower-case letters/],
    ['a force with a trailing hyphen', 'CaseOpened', { force: 'west-' }, 'force', /^force must be lower-case letters/],
    ['a force of 101 characters', 'CaseOpened', { force: 'a'.repeat(101) }, 'force', /at most 100 characters/],
    ['a bad jurisdiction', 'CaseOpened', { jurisdiction: 'scotland' }, 'jurisdiction', 'jurisdiction must be one of: england, wales'],
    ['an event reference that is no UUID', 'VictimUpdated', { aboutEventId: 'E-1' }, 'aboutEventId', 'aboutEventId must be a UUID'],
    ['a disruption reference that is no UUID', 'DisruptionBreached', { disruptionEventId: 'x' }, 'disruptionEventId', 'disruptionEventId must be a UUID'],
    ['a retraction target that is no UUID', 'EntryRetracted', { retractsEventId: 42 }, 'retractsEventId', 'retractsEventId must be a UUID'],
    ['empty agencies', 'StrategyDiscussionHeld', { agencies: [] }, 'agencies', 'agencies must list at least one agency'],
    ['agencies that is not a list', 'StrategyDiscussionHeld', { agencies: 'mash' }, 'agencies', 'agencies must be a list'],
    ['an unknown agency in agencies', 'StrategyDiscussionHeld', { agencies: ['mash', 'police'] }, 'agencies', /^agencies\[1\] must be one of: school, /],
    ['an agency listed twice', 'StrategyDiscussionHeld', { agencies: ['mash', 'mash'] }, 'agencies', 'agencies lists mash more than once'],
    ['an empty indicator', 'ReportReceived', { indicators: ['ok', ''] }, 'indicators', 'indicators[1] must not be empty or blank'],
    ['51 indicators', 'ReportReceived', { indicators: Array(51).fill('x') }, 'indicators', 'indicators must have at most 50 items (it has 51)'],
    ['an offence of 201 characters', 'ChargingDecisionMade', { offences: ['x'.repeat(201)] }, 'offences', 'offences[0] must be at most 200 characters long (it has 201)'],
    ['a bail end that is no date', 'BailDecision', { until: '01/06/2024' }, 'until', /^until must be a date \(YYYY-MM-DD\) or/],
    ['a bail end on 30 February', 'BailDecision', { until: '2024-02-30' }, 'until', 'until is not a real calendar date: "2024-02-30"'],
    ['an expiry in local time', 'DisruptionActionTaken', { expiresAt: '2026-03-01T00:00' }, 'expiresAt', /^expiresAt must carry an offset or Z/],
    ['a corrected occurredAt in local time', 'EntryCorrected', { occurredAt: '2024-03-01T10:00:00' }, 'occurredAt', /^occurredAt must carry an offset or Z/],
    ['a corrected occurredAt on 30 February', 'EntryCorrected', { occurredAt: '2024-02-30T10:00Z' }, 'occurredAt', /^occurredAt is not a real calendar date-time/],
    ['correction data that is a list', 'EntryCorrected', { data: [{ method: 'phone' }] }, 'data', 'data must be a JSON object'],
    ['correction data with no field', 'EntryCorrected', { data: {} }, 'data', 'data must name at least one field'],
  ])('refuses %s', (_name, type, change, field, message) => {
    expect(check(type, { ...FULL[type], ...change })).toEqual([{ path: `${AT}.${field}`, message: expect.stringMatching(message instanceof RegExp ? message : `^${escape(message)}$`) }]);
  });

  it('refuses a victim aged 18, and one aged -1, at victim.ageAtReport', () => {
    for (const ageAtReport of [18, -1]) {
      expect(check('CaseOpened', { ...FULL.CaseOpened, victim: { ref: 'V-1', ageAtReport } })).toEqual([
        { path: `${AT}.victim.ageAtReport`, message: 'ageAtReport must be a whole number from 0 to 17' },
      ]);
    }
  });

  it('accepts a victim aged 0 and one aged 17', () => {
    for (const ageAtReport of [0, 17]) expect(check('CaseOpened', { ...FULL.CaseOpened, victim: { ref: 'V-1', ageAtReport } })).toEqual([]);
  });

  it('names every bad field of the victim, and an unknown one, each at its own path', () => {
    const victim = { ref: '', sex: 'f', ethnicity: 'british', disability: 'no', name: 'Jane' };
    expect(paths('CaseOpened', { force: 'west-yorkshire', victim }).sort()).toEqual(
      ['victim.disability', 'victim.ethnicity', 'victim.name', 'victim.ref', 'victim.sex'].map((p) => `${AT}.${p}`),
    );
  });

  it('refuses a victim that is not an object, without listing its fields', () => {
    for (const victim of ['V-1', ['V-1'], null]) {
      const errors = check('CaseOpened', { force: 'west-yorkshire', victim });
      expect(errors.map((e) => e.path)).toEqual([`${AT}.victim`]);
    }
  });

  it('lists every bad field of one payload, not only the first', () => {
    expect(paths('ContactMade', { with: 'neighbour', method: 'pigeon', direction: 'sideways', purpose: 'chat', extra: 1 }).sort()).toEqual(
      ['direction', 'extra', 'method', 'purpose', 'with'].map((f) => `${AT}.${f}`),
    );
  });

  it('does not coerce: "1" is not a number and "true" is not a boolean', () => {
    expect(paths('CaseOpened', { force: 'f', victim: { ref: 'V', ageAtReport: '14' }, groupBased: 'true' })).toEqual([
      `${AT}.victim.ageAtReport`,
      `${AT}.groupBased`,
    ]);
  });

  it('refuses __proto__ and constructor fields, which class-transformer would drop silently', () => {
    const data = JSON.parse('{"level":"low","__proto__":{"x":1},"constructor":"y"}');
    expect(check('RiskAssessed', data)).toEqual([
      { path: `${AT}.__proto__`, message: '__proto__ is not a known field' },
      { path: `${AT}.constructor`, message: 'constructor is not a known field' },
    ]);
  });

  it.each(['hasOwnProperty', 'isPrototypeOf', 'toString', 'valueOf', '__defineGetter__'])(
    'refuses a %s field, which class-transformer would drop silently too',
    (name) => {
      expect(check('RiskAssessed', { level: 'low', [name]: 'x' })).toEqual([{ path: `${AT}.${name}`, message: `${name} is not a known field` }]);
    },
  );

  it('names an unknown field whose name is not an identifier with brackets', () => {
    expect(paths('RiskAssessed', { level: 'low', 'risk level': 'low' })).toEqual([`${AT}["risk level"]`]);
  });

  it('lower-cases event ids, as route parameters are', () => {
    const { value } = validateDto(EVENT_DATA_DTOS.VictimUpdated, { method: 'phone', aboutEventId: EVENT_ID.toUpperCase() });
    expect(value).toEqual({ method: 'phone', aboutEventId: EVENT_ID });
  });
});

describe('ContactMade with an agency', () => {
  const contact = { with: 'agency', method: 'phone', direction: 'outbound', purpose: 'update' };

  it('requires agency when with is agency', () => {
    expect(check('ContactMade', contact)).toEqual([{ path: `${AT}.agency`, message: 'agency is required when with is agency' }]);
  });

  it('checks agency when it is given', () => {
    expect(paths('ContactMade', { ...contact, agency: 'neighbour' })).toEqual([`${AT}.agency`]);
    expect(paths('ContactMade', { ...contact, with: 'victim', agency: 'neighbour' })).toEqual([`${AT}.agency`]);
  });

  it('accepts agency beside another with, and no agency beside with = victim', () => {
    expect(check('ContactMade', { ...contact, with: 'parent-carer', agency: 'school' })).toEqual([]);
    expect(check('ContactMade', { ...contact, with: 'victim' })).toEqual([]);
  });
});

describe('ChargingDecisionMade', () => {
  const decision = { suspectRef: 'S-1', by: 'cps', outcome: 'charged' };

  it('requires test when the suspect is charged', () => {
    expect(check('ChargingDecisionMade', decision)).toEqual([{ path: `${AT}.test`, message: 'test is required when outcome is charged' }]);
  });

  it('accepts no test for another outcome, and checks one that is given', () => {
    expect(check('ChargingDecisionMade', { ...decision, outcome: 'nfa-public-interest' })).toEqual([]);
    expect(paths('ChargingDecisionMade', { ...decision, test: 'balance-of-probabilities' })).toEqual([`${AT}.test`]);
  });
});

describe('EntryCorrected', () => {
  it('requires occurredAt, data or both', () => {
    expect(check('EntryCorrected', { correctsEventId: EVENT_ID, reason: 'Typo.' })).toEqual([
      { path: `${AT}.data`, message: 'data is required when occurredAt is not corrected: a correction must replace occurredAt, data or both' },
    ]);
    expect(check('EntryCorrected', { correctsEventId: EVENT_ID, occurredAt: '2024-03-01T09:00Z', reason: 'Time.' })).toEqual([]);
  });

  it('leaves the fields of its data to be checked against the target', () => {
    expect(check('EntryCorrected', { correctsEventId: EVENT_ID, data: { anything: 'goes here' }, reason: 'Later.' })).toEqual([]);
  });
});

describe('partial validation (the data of an EntryCorrected)', () => {
  const partial = (type: CaseEventType, data: unknown) => validateEventData(type, data, { pathPrefix: 'events[2].data.data', partial: true });

  it('accepts any subset of valid fields, and none', () => {
    expect(partial('ContactMade', { method: 'phone' })).toEqual([]);
    expect(partial('CrimeRecorded', { cseFlag: true })).toEqual([]);
    expect(partial('RiskAssessed', {})).toEqual([]);
  });

  it('still refuses bad values, null and unknown fields of what is present', () => {
    expect(partial('ContactMade', { method: 'pigeon', notes: null, colour: 'red' })).toEqual([
      { path: 'events[2].data.data.colour', message: expect.stringMatching(/^colour is not a known field/) },
      { path: 'events[2].data.data.method', message: expect.stringMatching(/^method must be one of: /) },
      { path: 'events[2].data.data.notes', message: 'notes must not be null' },
    ]);
  });

  it('does not require agency for with = agency (the target may have one), but checks one that is given', () => {
    expect(partial('ContactMade', { with: 'agency' })).toEqual([]);
    expect(partial('ContactMade', { agency: 'neighbour' }).map((e) => e.path)).toEqual(['events[2].data.data.agency']);
    expect(partial('ChargingDecisionMade', { outcome: 'charged' })).toEqual([]);
  });

  it('checks a replaced victim in full, since it replaces the whole victim', () => {
    expect(partial('CaseOpened', { victim: { ethnicity: 'arab' } })).toEqual([
      { path: 'events[2].data.data.victim.ref', message: 'ref is required' },
    ]);
  });

  it('refuses correction data that is not an object', () => {
    expect(partial('RiskAssessed', 'high')).toEqual([{ path: 'events[2].data.data', message: 'events[2].data.data must be a JSON object' }]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

it('counts characters as JSON Schema does, so 4000 emoji are not refused as 8000', () => {
  expect(check('RiskAssessed', { level: 'low', rationale: '🙂'.repeat(4000) })).toEqual([]);
  expect(paths('RiskAssessed', { level: 'low', rationale: '🙂'.repeat(4001) })).toEqual([`${AT}.rationale`]);
});
