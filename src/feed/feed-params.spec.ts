import { ValidationFailedError } from '../common/app-error';
import { compareSqlitePositions } from '../event-store/positions';
import { parseFeedLimit, parseFeedPosition, parseFeedTypes } from './feed-params';

const store = { comparePositions: compareSqlitePositions };

function fieldErrors(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).errors ?? [];
  }
  throw new Error('expected a ValidationFailedError');
}

describe('feed parameters', () => {
  it('types: catalogue names, comma-separated or repeated, each once', () => {
    expect(parseFeedTypes(undefined)).toBeUndefined();
    expect(parseFeedTypes('CaseOpened, ContactMade,CaseOpened')).toEqual(['CaseOpened', 'ContactMade']);
    expect(parseFeedTypes(['CaseOpened', 'CaseClosed'])).toEqual(['CaseOpened', 'CaseClosed']);
  });

  it('types: an unknown or empty name is refused, naming the parameter and the culprit', () => {
    expect(fieldErrors(() => parseFeedTypes('CaseOpened,CaseAccessed'))).toEqual([{ path: 'types', message: expect.stringContaining('"CaseAccessed"') }]);
    expect(fieldErrors(() => parseFeedTypes(''))).toEqual([{ path: 'types', message: expect.any(String) }]);
    expect(fieldErrors(() => parseFeedTypes('caseopened'))[0].path).toBe('types');
  });

  it('limit: 1000 by default, 1 to 10000', () => {
    expect(parseFeedLimit(undefined)).toBe(1000);
    expect(parseFeedLimit('1')).toBe(1);
    expect(parseFeedLimit('10000')).toBe(10000);
    for (const bad of ['0', '10001', '-5', '2.5', 'ten', '']) expect(fieldErrors(() => parseFeedLimit(bad))[0].path).toBe('limit');
  });

  it('after: a position the store understands; the store judges', () => {
    expect(parseFeedPosition(store, undefined)).toBeUndefined();
    expect(parseFeedPosition(store, '42')).toBe('42');
    expect(fieldErrors(() => parseFeedPosition(store, 'abc'))[0].path).toBe('after');
    expect(fieldErrors(() => parseFeedPosition(store, '00000000000000000042:00000000000000000042', 'Last-Event-ID'))[0].path).toBe('Last-Event-ID');
  });
});
