/**
 * quick-accept must agree with class-validator: never accept what it refuses (that would let a bad
 * field into a stored event), and accept what it accepts (or every request pays for the executor).
 * Checked on the catalogue's examples and on many random mutations of them.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { CASE_EVENT_TYPES, type CaseEventType } from '../domain/events';
import { OpenCaseRequestDto } from '../open-case/open-case.request.dto';
import { RecordEntriesRequestDto } from '../record-entries/record-entries.request.dto';
import { EVENT_DATA_DTOS } from './event-data.dto';
import { acceptedInstance, accepts } from './quick-accept';
import { EXAMPLE_EVENT_ID, FULL_EVENT_DATA, REQUIRED_EVENT_DATA } from './testing/event-data.examples';

type Cls = new () => object;

function classValidatorAccepts(cls: Cls, plain: unknown): boolean {
  return validateSync(plainToInstance(cls, plain) as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).length === 0;
}

function quickAccepts(cls: Cls, plain: unknown): boolean {
  return accepts(plainToInstance(cls, plain) as object);
}

const AT = '2024-03-01T10:15:00Z';

/** Values a client might put anywhere, good and bad. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, 14, -1, 1.5, 18, '', ' ', 'x', 'S-01', 'high', 'school', 'phone', 'england', AT, '2024-03-01T10:15:00', '2024-02-30T10:00:00Z'),
  fc.constantFrom('2024-06-01', EXAMPLE_EVENT_ID, EXAMPLE_EVENT_ID.toUpperCase(), 'not-a-uuid', 'west-yorkshire', 'West Yorkshire'),
  fc.constantFrom([], ['school'], ['school', 'school'], ['x'], [1], {}, { ref: 'V-1' }, { ref: '' }, { ref: 'V-1', extra: 1 }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);

/** A mutation of a JSON object: a field removed, replaced, added, or changed deeper down. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  const known = ['level', 'rationale', 'suspectRef', 'ref', 'agency', 'agencies', 'method', 'with', 'occurredAt', 'data', 'until', 'expiresAt'];
  return fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...(keys.length ? keys : ['x'])) }),
      fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys, ...known, 'unknown'), value: anyValue }),
    ),
    { maxLength: 3 },
  ).map((ops) => {
    const copy: Record<string, unknown> = structuredClone(base);
    for (const op of ops) {
      if (op.op === 'delete') delete copy[op.key];
      else copy[op.key] = op.value;
    }
    return copy;
  });
}

const examples = (type: CaseEventType) => [FULL_EVENT_DATA[type], REQUIRED_EVENT_DATA[type]] as Array<Record<string, unknown>>;

describe('quick acceptance of a DTO', () => {
  it.each(CASE_EVENT_TYPES)('accepts the examples of %s, as class-validator does', (type) => {
    for (const data of examples(type)) {
      expect(classValidatorAccepts(EVENT_DATA_DTOS[type], data)).toBe(true);
      expect(quickAccepts(EVENT_DATA_DTOS[type], data)).toBe(true);
    }
  });

  it('agrees with class-validator on mutated event data of every type', () => {
    const cases = fc.constantFrom(...CASE_EVENT_TYPES).chain((type) =>
      fc.constantFrom(...examples(type)).chain((data) => mutated(data).map((mutant) => ({ type, mutant }))),
    );
    fc.assert(
      fc.property(cases, ({ type, mutant }) => {
        expect(quickAccepts(EVENT_DATA_DTOS[type], mutant)).toBe(classValidatorAccepts(EVENT_DATA_DTOS[type], mutant));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with class-validator on mutated nested objects (a case opening and its victim)', () => {
    const opening = { ...FULL_EVENT_DATA.CaseOpened, report: { occurredAt: AT, ...FULL_EVENT_DATA.ReportReceived } } as Record<string, unknown>;
    const cases = fc.oneof(
      mutated(opening),
      mutated(FULL_EVENT_DATA.CaseOpened.victim as unknown as Record<string, unknown>).map((victim) => ({ ...opening, victim })),
      mutated(opening.report as Record<string, unknown>).map((report) => ({ ...opening, report })),
    );
    fc.assert(
      fc.property(cases, (body) => {
        expect(quickAccepts(OpenCaseRequestDto, body)).toBe(classValidatorAccepts(OpenCaseRequestDto, body));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with class-validator on mutated envelopes of entries', () => {
    const entry = { eventId: EXAMPLE_EVENT_ID, type: 'RiskAssessed', occurredAt: AT, data: { level: 'high' } };
    const cases = fc.oneof(
      fc.array(mutated(entry), { minLength: 0, maxLength: 3 }).map((events) => ({ events })),
      mutated({ events: [entry] }),
      fc.constantFrom<unknown>({ events: [entry, 'x'] }, { events: [null] }, { events: [[entry]] }, { events: {} }, { events: entry }),
    );
    fc.assert(
      fc.property(cases, (body) => {
        expect(quickAccepts(RecordEntriesRequestDto, body)).toBe(classValidatorAccepts(RecordEntriesRequestDto, body));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a class without validation metadata to class-validator', () => {
    class Unknown {}
    expect(accepts(new Unknown())).toBe(false);
    expect(classValidatorAccepts(Unknown, {})).toBe(false);
  });
});

/**
 * acceptedInstance stands in for class-transformer and class-validator together on valid bodies:
 * whatever it makes must be exactly the instance class-transformer makes, and one class-validator
 * accepts; and it must make one for every valid example, or requests would not gain from it.
 */
describe('an accepted instance, made without class-transformer', () => {
  function agrees(cls: Cls, plain: unknown): void {
    const made = acceptedInstance(cls, plain);
    if (made === undefined) return;
    expect(classValidatorAccepts(cls, plain)).toBe(true);
    expect(made).toStrictEqual(plainToInstance(cls, plain));
  }

  it.each(CASE_EVENT_TYPES)('is made for the examples of %s, as class-transformer makes it', (type) => {
    for (const data of examples(type)) {
      // Given a valid payload, when it is made, then it is class-transformer's instance
      expect(acceptedInstance(EVENT_DATA_DTOS[type], data)).toBeDefined();
      agrees(EVENT_DATA_DTOS[type], data);
    }
  });

  it('is made for a valid envelope, with its entries as instances and their event ids in lower case', () => {
    const body = { events: [{ eventId: EXAMPLE_EVENT_ID.toUpperCase(), type: 'RiskAssessed', occurredAt: AT, data: { level: 'high', nested: { a: [1] } } }] };
    const made = acceptedInstance(RecordEntriesRequestDto, body) as RecordEntriesRequestDto;
    expect(made.events[0].eventId).toBe(EXAMPLE_EVENT_ID.toLowerCase());
    expect(made.events[0].data).not.toBe(body.events[0].data);
    agrees(RecordEntriesRequestDto, body);
  });

  it('is never made where class-validator refuses, and is class-transformer’s instance where made (mutated bodies)', () => {
    const entry = { eventId: EXAMPLE_EVENT_ID, type: 'RiskAssessed', occurredAt: AT, data: { level: 'high' } };
    const opening = { ...FULL_EVENT_DATA.CaseOpened, report: { occurredAt: AT, ...FULL_EVENT_DATA.ReportReceived } } as Record<string, unknown>;
    const data = fc.constantFrom(...CASE_EVENT_TYPES).chain((type) =>
      fc.constantFrom(...examples(type)).chain((example) => mutated(example).map((mutant) => ({ cls: EVENT_DATA_DTOS[type] as Cls, body: mutant as unknown }))),
    );
    const cases = fc.oneof(
      data,
      fc.array(mutated(entry), { minLength: 0, maxLength: 3 }).map((events) => ({ cls: RecordEntriesRequestDto as Cls, body: { events } as unknown })),
      fc.constantFrom<unknown>({ events: [entry, 'x'] }, { events: [null] }, { events: [[entry]] }, { events: {} }, { events: entry }, JSON.parse('{"events":[],"__proto__":{}}'), { events: [{ ...entry, toString: 'x' }] })
        .map((body) => ({ cls: RecordEntriesRequestDto as Cls, body })),
      mutated(opening).map((body) => ({ cls: OpenCaseRequestDto as Cls, body: body as unknown })),
      mutated(opening.report as Record<string, unknown>).map((report) => ({ cls: OpenCaseRequestDto as Cls, body: { ...opening, report } as unknown })),
    );
    fc.assert(
      fc.property(cases, ({ cls, body }) => agrees(cls, body)),
      { numRuns: 4000 },
    );
  });
});
