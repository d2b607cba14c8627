import fc from 'fast-check';
import { foldCase } from './decider';
import type { CaseEvent } from './events';
import { eventFacts, evolve, identifyingEventOf, initialState, type CaseState } from './state';
import {
  anOpenCase,
  caseClosed,
  caseOpened,
  caseReopened,
  contactMade,
  entryCorrected,
  entryRetracted,
  LATER,
  openedDataWithoutJurisdiction,
  suspectIdentified,
} from './testing/case-events';

describe('evolve', () => {
  describe('when no case exists', () => {
    it('has no status, no force and no events', () => {
      const state = initialState();
      expect({ status: state.status, force: state.force, eventCount: state.eventCount }).toEqual({
        status: 'none',
        force: undefined,
        eventCount: 0,
      });
      expect(eventFacts(state, 'opened')).toBeUndefined();
    });

    it('opens the case for its force and jurisdiction', () => {
      const state = evolve(initialState(), caseOpened({ force: 'lancashire', jurisdiction: 'wales' }));
      expect([state.status, state.force, state.jurisdiction]).toEqual(['open', 'lancashire', 'wales']);
    });

    it('reads england for a stored opening that names no jurisdiction', () => {
      const state = evolve(initialState(), { ...caseOpened(), data: openedDataWithoutJurisdiction() });
      expect(state.jurisdiction).toBe('england');
    });
  });

  describe('when the case is open', () => {
    it('closes and reopens it', () => {
      const closed = foldCase([...anOpenCase(), caseClosed('closed')]);
      expect(closed.status).toBe('closed');
      expect(evolve(closed, caseReopened('reopened')).status).toBe('open');
    });

    it('counts the events folded', () => {
      expect(foldCase([...anOpenCase(), contactMade('contact-1')]).eventCount).toBe(3);
    });
  });

  describe('when an entry is corrected', () => {
    const state = foldCase([
      ...anOpenCase(),
      contactMade('contact-1'),
      entryCorrected('correction-1', 'contact-1', { data: { method: 'phone' } }),
      entryCorrected('correction-2', 'contact-1', { occurredAt: '2024-03-02T13:00:00Z', data: { notes: 'n' } }),
    ]);

    it('knows the entry as corrected, every correction applied in turn', () => {
      expect(eventFacts(state, 'contact-1')).toEqual({
        type: 'ContactMade',
        occurredAt: '2024-03-02T13:00:00Z',
        data: { ...contactMade('contact-1').data, method: 'phone', notes: 'n' },
        retracted: false,
      });
    });

    it('follows a corrected jurisdiction of the case', () => {
      const corrected = evolve(state, entryCorrected('correction-3', 'opened', { data: { jurisdiction: 'wales' } }));
      expect([corrected.force, corrected.jurisdiction]).toEqual(['west-yorkshire', 'wales']);
    });
  });

  describe('when an entry is retracted', () => {
    it('knows it as retracted', () => {
      const state = foldCase([...anOpenCase(), contactMade('contact-1'), entryRetracted('retraction-1', 'contact-1')]);
      expect(eventFacts(state, 'contact-1')).toMatchObject({ type: 'ContactMade', retracted: true });
    });

    it('un-identifies a retracted suspect, until identified again', () => {
      const identified = foldCase([...anOpenCase(), suspectIdentified('suspect-1', 'S-1')]);
      const retracted = evolve(identified, entryRetracted('retraction-1', 'suspect-1'));
      const again = evolve(retracted, suspectIdentified('suspect-2', 'S-1'));
      const identifying = [identified, retracted, again].map((state) => identifyingEventOf(state, 'S-1'));
      expect(identifying).toEqual(['suspect-1', undefined, 'suspect-2']);
    });
  });

  describe('purity', () => {
    it('never changes what an earlier state answers', () => {
      const before = foldCase([...anOpenCase(), contactMade('contact-1'), suspectIdentified('suspect-1', 'S-1')]);
      const after = [
        entryRetracted('retraction-1', 'suspect-1'),
        entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-02T11:00:00Z' }),
        contactMade('contact-2'),
        caseClosed('closed'),
      ].reduce(evolve, before);

      expect(after.status).toBe('closed');
      expect(before.status).toBe('open');
      expect(identifyingEventOf(before, 'S-1')).toBe('suspect-1');
      expect(eventFacts(before, 'contact-1')?.occurredAt).toBe(LATER);
      expect(eventFacts(before, 'contact-2')).toBeUndefined();
    });

    it('lets two states evolve from the same one without seeing each other', () => {
      const base = foldCase([...anOpenCase(), suspectIdentified('suspect-1', 'S-1')]);
      const left = evolve(base, entryRetracted('retraction-1', 'suspect-1'));
      const right = evolve(base, contactMade('contact-1'));
      const leftAgain = evolve(left, contactMade('contact-2'));

      expect(identifyingEventOf(right, 'S-1')).toBe('suspect-1');
      expect(eventFacts(right, 'retraction-1')).toBeUndefined();
      expect(eventFacts(left, 'contact-1')).toBeUndefined();
      expect(identifyingEventOf(leftAgain, 'S-1')).toBeUndefined();
      expect(eventFacts(leftAgain, 'contact-1')).toBeUndefined();
      expect(eventFacts(leftAgain, 'contact-2')).toBeDefined();
    });

    const ids = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    const refs = ['S-1', 'S-2'];
    const anEvent: fc.Arbitrary<CaseEvent> = fc.oneof(
      fc.constantFrom(...ids).map(contactMade),
      fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...refs)).map(([id, ref]) => suspectIdentified(id, ref)),
      fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).map(([id, target]) => entryRetracted(id, target)),
      fc
        .tuple(fc.constantFrom(...ids), fc.constantFrom(...ids), fc.string())
        .map(([id, target, notes]) => entryCorrected(id, target, { data: { notes } })),
      fc.constantFrom(...ids).map((id) => caseClosed(id)),
      fc.constantFrom(...ids).map(caseReopened),
      fc.constant(caseOpened()),
    );
    const observe = (state: CaseState) => ({
      status: state.status,
      force: state.force,
      jurisdiction: state.jurisdiction,
      eventCount: state.eventCount,
      events: ids.map((id) => eventFacts(state, id)),
      suspects: refs.map((ref) => identifyingEventOf(state, ref)),
    });

    it('answers, for every state of any branching history, what a fresh fold of its own history answers', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), anEvent), { maxLength: 40 }), (steps) => {
          const states = [initialState()];
          const histories: CaseEvent[][] = [[]];
          for (const [pick, event] of steps) {
            const from = pick % states.length;
            states.push(evolve(states[from], event));
            histories.push([...histories[from], event]);
          }
          states.forEach((state, i) => expect(observe(state)).toEqual(observe(foldCase(histories[i]))));
        }),
        { numRuns: 300 },
      );
    });
  });
});
