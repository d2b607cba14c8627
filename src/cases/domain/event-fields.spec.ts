import { FULL_EVENT_DATA } from '../dto/testing/event-data.examples';
import { EVENT_FIELDS } from './event-fields';
import { CASE_EVENT_TYPES } from './events';

describe('EVENT_FIELDS', () => {
  it('covers every type of the catalogue and nothing else', () => {
    expect(Object.keys(EVENT_FIELDS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it.each([...CASE_EVENT_TYPES])('names exactly the fields of the full example of %s', (type) => {
    expect([...EVENT_FIELDS[type]].sort()).toEqual(Object.keys(FULL_EVENT_DATA[type]).sort());
  });

  it('names no field twice', () => {
    for (const type of CASE_EVENT_TYPES) expect(new Set(EVENT_FIELDS[type]).size).toBe(EVENT_FIELDS[type].length);
  });
});
