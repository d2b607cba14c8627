import { CaseStateCache } from './case-state-cache';
import { foldCase } from './domain/decider';
import type { CaseEvent } from './domain/events';
import type { CaseState } from './domain/state';

const opened: CaseEvent = {
  type: 'CaseOpened',
  eventId: '00000000-0000-4000-8000-000000000000',
  occurredAt: '2024-06-03T08:30:00Z',
  data: { force: 'west-yorkshire', jurisdiction: 'england', victim: { ref: 'V-1' } },
};

function risk(n: number): CaseEvent {
  return { type: 'RiskAssessed', eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, occurredAt: '2024-06-03T09:00:00Z', data: { level: 'high' } };
}

/** A case of `events` events (revision events - 1). */
function caseOf(events: number): CaseState {
  return foldCase([opened, ...Array.from({ length: events - 1 }, (_, i) => risk(i + 1))]);
}

describe('the cache of folded case states', () => {
  it('gives back what it was given, at its revision', () => {
    const cache = new CaseStateCache();
    const state = caseOf(3);
    cache.remember('a', state, 2);
    expect(cache.get('a')).toEqual({ state, revision: 2 });
    expect(cache.get('b')).toBeUndefined();
  });

  it('refuses a state that is not the revision it is said to be', () => {
    expect(() => new CaseStateCache().remember('a', caseOf(3), 3)).toThrow(/not revision 3/);
  });

  describe('when a case is already held', () => {
    it('moves forward only: an older revision never replaces a newer one', () => {
      const cache = new CaseStateCache();
      const newer = caseOf(5);
      cache.remember('a', newer, 4);
      cache.remember('a', caseOf(3), 2);
      expect(cache.get('a')?.revision).toBe(4);
      cache.remember('a', caseOf(6), 5);
      expect(cache.get('a')?.revision).toBe(5);
    });

    it('forgets it after a refused append that expected its revision or an earlier one, not a later one', () => {
      const cache = new CaseStateCache();
      cache.remember('a', caseOf(5), 4);
      cache.forget('a', 3);
      expect(cache.get('a')?.revision).toBe(4);
      cache.forget('a', 4);
      expect(cache.get('a')).toBeUndefined();
      cache.remember('a', caseOf(5), 4);
      cache.forget('a');
      expect(cache.get('a')).toBeUndefined();
    });
  });

  describe('when full', () => {
    it('lets go of the least recently used case first', () => {
      const cache = new CaseStateCache({ maxCases: 2, maxEvents: 1000 });
      cache.remember('a', caseOf(2), 1);
      cache.remember('b', caseOf(2), 1);
      cache.get('a');
      cache.remember('c', caseOf(2), 1);
      expect(cache.size).toBe(2);
      expect(cache.get('b')).toBeUndefined();
      expect(cache.get('a')).toBeDefined();
      expect(cache.get('c')).toBeDefined();
    });

    it('holds no more events than allowed, and never a case larger than that', () => {
      const cache = new CaseStateCache({ maxCases: 100, maxEvents: 10 });
      cache.remember('a', caseOf(4), 3);
      cache.remember('b', caseOf(4), 3);
      cache.remember('c', caseOf(4), 3);
      expect(cache.get('a')).toBeUndefined();
      expect(cache.size).toBe(2);
      cache.remember('big', caseOf(11), 10);
      expect(cache.get('big')).toBeUndefined();
      // A case that grows is counted at its new size.
      cache.remember('b', caseOf(9), 8);
      expect(cache.get('c')).toBeUndefined();
      expect(cache.get('b')?.revision).toBe(8);
    });
  });
});
