import { ValidationFailedError, type FieldError } from '../../common/app-error';
import { RECORDABLE_EVENT_TYPES } from '../domain/events';
import { parseOpenCaseRequest } from '../open-case/open-case.request.dto';
import { parseRecordEntriesRequest } from '../record-entries/record-entries.request.dto';
import { EXAMPLE_EVENT_ID, FULL_EVENT_DATA } from './testing/event-data.examples';

const AT = '2024-03-01T10:15:00Z';
const risk = (data: unknown = { level: 'high' }, extra: object = {}) => ({ type: 'RiskAssessed', occurredAt: AT, data, ...extra });

/** The errors a refused request reports; fails the test when the request is accepted. */
function refusal(parse: () => unknown): FieldError[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).errors ?? [];
  }
  throw new Error('the request was accepted');
}
const pathsOf = (errors: FieldError[]) => errors.map((e) => e.path);
// Within one object, the order of the errors is not part of the contract.
const byPath = (errors: FieldError[]) => [...errors].sort((a, b) => a.path.localeCompare(b.path));

describe('POST /v1/cases/:caseId/events body', () => {
  it('accepts an entry of every recordable type at once, and gives every payload back unchanged', () => {
    const events = RECORDABLE_EVENT_TYPES.map((type, i) => ({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type,
      occurredAt: AT,
      data: FULL_EVENT_DATA[type],
    }));
    expect(parseRecordEntriesRequest({ events })).toStrictEqual({ events });
  });

  it('leaves out an eventId that was not sent, rather than setting it to undefined', () => {
    const parsed = parseRecordEntriesRequest({ events: [risk()] });
    expect(parsed).toStrictEqual({ events: [{ type: 'RiskAssessed', occurredAt: AT, data: { level: 'high' } }] });
  });

  it('lower-cases the eventId, as the route lower-cases caseId', () => {
    const parsed = parseRecordEntriesRequest({ events: [risk(undefined, { eventId: EXAMPLE_EVENT_ID.toUpperCase() })] });
    expect(parsed.events[0].eventId).toBe(EXAMPLE_EVENT_ID);
  });

  it('accepts 500 entries', () => {
    expect(parseRecordEntriesRequest({ events: Array.from({ length: 500 }, () => risk()) }).events).toHaveLength(500);
  });

  it('refuses 501 entries, at events', () => {
    expect(refusal(() => parseRecordEntriesRequest({ events: Array.from({ length: 501 }, () => risk()) }))).toEqual([
      { path: 'events', message: 'events must have at most 500 entries (it has 501)' },
    ]);
  });

  it('refuses no entries, at events', () => {
    expect(refusal(() => parseRecordEntriesRequest({ events: [] }))).toEqual([{ path: 'events', message: 'events must have at least one entry' }]);
  });

  it.each([[{}], [{ events: null }], [{ events: { 0: risk() } }]])('refuses %p for want of a list of entries', (body) => {
    expect(pathsOf(refusal(() => parseRecordEntriesRequest(body)))).toEqual(['events']);
  });

  it.each([[null], [[risk()]], ['events'], [undefined]])('refuses a body that is %p', (body) => {
    expect(refusal(() => parseRecordEntriesRequest(body))).toEqual([{ path: '', message: 'the request body must be a JSON object' }]);
  });

  it('reports every error of every entry, each at its path, in the order of the entries', () => {
    const body = {
      events: [
        risk({ level: 'extreme' }),
        risk(),
        { type: 'ContactMade', occurredAt: '2024-03-01T10:00:00', data: { with: 'agency', method: 'pigeon', direction: 'outbound', purpose: 'update' } },
        { eventId: 'not-a-uuid', type: 'CrimeRecorded', occurredAt: '2024-02-30T10:00Z', data: { crimeRef: 'C', offence: 'O', cseFlag: 1, groupBasedFlag: true, colour: 'red' } },
        null,
      ],
      dryRun: true,
    };
    expect(pathsOf(refusal(() => parseRecordEntriesRequest(body)))).toEqual([
      'dryRun',
      'events[0].data.level',
      'events[2].occurredAt',
      'events[2].data.agency',
      'events[2].data.method',
      'events[3].eventId',
      'events[3].occurredAt',
      'events[3].data.colour',
      'events[3].data.cseFlag',
      'events[4]',
    ]);
  });

  it('says why an occurredAt is refused', () => {
    const errors = refusal(() =>
      parseRecordEntriesRequest({ events: [risk(undefined, { occurredAt: '2024-03-01T10:00:00' }), risk(undefined, { occurredAt: '2024-02-30T10:00Z' }), risk(undefined, { occurredAt: undefined })] }),
    );
    expect(errors).toEqual([
      { path: 'events[0].occurredAt', message: expect.stringMatching(/^occurredAt must carry an offset or Z/) },
      { path: 'events[1].occurredAt', message: 'occurredAt is not a real calendar date-time: "2024-02-30T10:00Z"' },
      { path: 'events[2].occurredAt', message: 'occurredAt is required' },
    ]);
  });

  it('reports an unknown type at type alone, without judging data it cannot know', () => {
    expect(refusal(() => parseRecordEntriesRequest({ events: [{ type: 'SuspectCharged', occurredAt: AT, data: { anything: 1 } }] }))).toEqual([
      { path: 'events[0].type', message: expect.stringMatching(/^type must be one of: ReportReceived, /) },
    ]);
  });

  it('refuses CaseOpened, which only POST /v1/cases writes', () => {
    const errors = refusal(() => parseRecordEntriesRequest({ events: [{ type: 'CaseOpened', occurredAt: AT, data: FULL_EVENT_DATA.CaseOpened }] }));
    expect(errors).toEqual([{ path: 'events[0].type', message: 'type CaseOpened is not recorded here: a case is opened with POST /v1/cases' }]);
  });

  it('requires type and data on every entry', () => {
    expect(refusal(() => parseRecordEntriesRequest({ events: [{ occurredAt: AT }] }))).toEqual([
      { path: 'events[0].type', message: 'type is required' },
      { path: 'events[0].data', message: 'data is required' },
    ]);
  });

  it('refuses data that is not an object, once', () => {
    expect(refusal(() => parseRecordEntriesRequest({ events: [risk(['high'])] }))).toEqual([{ path: 'events[0].data', message: 'data must be a JSON object' }]);
  });

  it('refuses an unknown field of an entry', () => {
    expect(pathsOf(refusal(() => parseRecordEntriesRequest({ events: [risk(undefined, { recordedAt: AT })] })))).toEqual(['events[0].recordedAt']);
  });

  it('refuses a __proto__ field once, though both the entry and its data are checked', () => {
    const body = JSON.parse(`{"events":[{"type":"RiskAssessed","occurredAt":"${AT}","data":{"level":"low","__proto__":{"admin":true}}}]}`);
    expect(refusal(() => parseRecordEntriesRequest(body))).toEqual([{ path: 'events[0].data.__proto__', message: '__proto__ is not a known field' }]);
  });

  it('checks an EntryCorrected, but leaves the fields of its data to be checked against its target', () => {
    const correction = { correctsEventId: EXAMPLE_EVENT_ID, data: { method: 'phone' }, reason: 'By phone.' };
    expect(parseRecordEntriesRequest({ events: [{ type: 'EntryCorrected', occurredAt: AT, data: correction }] }).events[0].data).toEqual(correction);
    expect(pathsOf(refusal(() => parseRecordEntriesRequest({ events: [{ type: 'EntryCorrected', occurredAt: AT, data: { ...correction, data: 'phone' } }] })))).toEqual([
      'events[0].data.data',
    ]);
  });
});

describe('POST /v1/cases body', () => {
  const report = { occurredAt: AT, source: 'school', channel: 'agency-referral' };
  const minimal = { force: 'west-yorkshire', victim: { ref: 'V-1' }, report };

  it('accepts every field, and gives them back', () => {
    const body = {
      caseId: '5d2f8c3a-1b4e-4f6a-9c7d-8e9f0a1b2c3d',
      eventId: '9b2d4c1e-3f5a-4b6c-8d7e-0f1a2b3c4d5e',
      ...FULL_EVENT_DATA.CaseOpened,
      jurisdiction: 'wales',
      report: { eventId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', occurredAt: AT, ...FULL_EVENT_DATA.ReportReceived },
    };
    expect(parseOpenCaseRequest(body)).toStrictEqual(body);
  });

  it('accepts the required fields alone, with jurisdiction england', () => {
    expect(parseOpenCaseRequest(minimal)).toStrictEqual({ ...minimal, jurisdiction: 'england' });
  });

  it('lower-cases the ids', () => {
    const parsed = parseOpenCaseRequest({ ...minimal, caseId: EXAMPLE_EVENT_ID.toUpperCase(), report: { ...report, eventId: EXAMPLE_EVENT_ID.toUpperCase() } });
    expect([parsed.caseId, parsed.report.eventId]).toEqual([EXAMPLE_EVENT_ID, EXAMPLE_EVENT_ID]);
  });

  it('requires force, victim and report', () => {
    expect(byPath(refusal(() => parseOpenCaseRequest({})))).toEqual([
      { path: 'force', message: 'force is required' },
      { path: 'report', message: 'report is required' },
      { path: 'victim', message: 'victim is required' },
    ]);
  });

  it('applies the ReportReceived rules to the report, and requires its occurredAt', () => {
    const errors = refusal(() => parseOpenCaseRequest({ ...minimal, report: { source: 'neighbour', channel: 'online', indicators: [''], summary: 'x'.repeat(4001) } }));
    expect(pathsOf(errors).sort()).toEqual(['report.indicators', 'report.occurredAt', 'report.source', 'report.summary']);
  });

  it('names every bad field at once, nested ones by their path', () => {
    const body = {
      caseId: 'case-1',
      force: 'West Yorkshire',
      jurisdiction: 'scotland',
      victim: { ref: 'V-1', ageAtReport: 18, name: 'Jane' },
      groupBased: 'yes',
      report: { ...report, occurredAt: '2024-03-01T10:00:00', agency: 'neighbour' },
      notes: 'hello',
    };
    expect(pathsOf(refusal(() => parseOpenCaseRequest(body))).sort()).toEqual([
      'caseId',
      'force',
      'groupBased',
      'jurisdiction',
      'notes',
      'report.agency',
      'report.occurredAt',
      'victim.ageAtReport',
      'victim.name',
    ]);
  });

  it('refuses a report or victim that is not an object', () => {
    expect(byPath(refusal(() => parseOpenCaseRequest({ ...minimal, victim: 'V-1', report: [report] })))).toEqual([
      { path: 'report', message: 'report must be a JSON object' },
      { path: 'victim', message: 'victim must be a JSON object' },
    ]);
  });
});
