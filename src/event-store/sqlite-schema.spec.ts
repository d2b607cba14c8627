import fc from 'fast-check';
import { metadataTimes } from './sqlite-schema';

const times = (text: string) => {
  const parsed = JSON.parse(text) as { occurredAt: string; recordedAt: string };
  return { occurredAt: parsed.occurredAt, recordedAt: parsed.recordedAt };
};

describe('metadataTimes', () => {
  it('given metadata as the store writes it, then it reads the two times as JSON.parse does', () => {
    const text = JSON.stringify({
      occurredAt: '2024-11-30T09:44:00+00:00',
      recordedAt: '2024-11-30T10:13:27.110Z',
      recordedBy: { sub: 'CU2334', role: 'investigator', force: 'cumbria' },
      correlationId: '67fb89d8-6205-485c-949e-632911453b08',
      schemaVersion: 1,
    });
    expect(metadataTimes(text)).toStrictEqual({ occurredAt: '2024-11-30T09:44:00+00:00', recordedAt: '2024-11-30T10:13:27.110Z' });
  });

  it.each([
    ['a key repeated later', '{"occurredAt":"a","recordedAt":"b","recordedBy":{},"occurredAt":"c"}'],
    ['a repeated key spelt with an escape', '{"occurredAt":"a","recordedAt":"b","recorded\\u0041t":"c"}'],
    ['an escaped value', '{"occurredAt":"a\\"b","recordedAt":"c"}'],
    ['another key order', '{"recordedAt":"b","occurredAt":"a"}'],
    ['white space', '{ "occurredAt": "a", "recordedAt": "b" }'],
    ['a nested repeated key', '{"occurredAt":"a","recordedAt":"b","recordedBy":{"recordedAt":"x"}}'],
  ])('given %s, then it reads what JSON.parse reads', (_, text) => {
    expect(metadataTimes(text)).toStrictEqual(times(text));
  });

  it('given any metadata object, then it reads the times JSON.parse reads from its JSON', () => {
    const key = fc.constantFrom('occurredAt', 'recordedAt', 'recordedBy', 'correlationId', 'schemaVersion', 'At', 'x');
    const value = fc.oneof(fc.string(), fc.integer(), fc.dictionary(key, fc.string(), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.dictionary(key, value, { maxKeys: 4 }), fc.boolean(), (occurredAt, recordedAt, rest, first) => {
        const text = first ? JSON.stringify({ occurredAt, recordedAt, ...rest }) : JSON.stringify({ ...rest, occurredAt, recordedAt });
        expect(metadataTimes(text)).toStrictEqual(times(text));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
