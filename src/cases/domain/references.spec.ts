import { EventReferenceError, SuspectAlreadyIdentifiedError, SuspectNotIdentifiedError } from './errors';
import type { CaseEvent } from './events';
import {
  anOpenCase,
  bailDecision,
  caseClosed,
  chargingAdviceRequested,
  chargingDecisionMade,
  contactMade,
  disruptionActionTaken,
  disruptionBreached,
  entryCorrected,
  entryRetracted,
  recordEntries,
  recordQualityFinding,
  suspectArrested,
  suspectIdentified,
  suspectInterviewed,
  victimUpdated,
} from './testing/case-events';
import { given } from './testing/given-when-then';

/** Every entry that must name an identified suspect, built for suspect S-1. */
const suspectScoped: [string, (eventId: string, suspectRef?: string) => CaseEvent][] = [
  ['SuspectArrested', suspectArrested],
  ['SuspectInterviewed', suspectInterviewed],
  ['BailDecision', bailDecision],
  ['ChargingAdviceRequested', chargingAdviceRequested],
  ['ChargingDecisionMade', chargingDecisionMade],
  ['DisruptionActionTaken with a suspect', disruptionActionTaken],
];

describe('suspects', () => {
  describe('when the suspect has not been identified', () => {
    const history = [...anOpenCase(), suspectIdentified('suspect-2', 'S-2')];

    it.each(suspectScoped)('refuses a %s', (_type, build) => {
      given(history)
        .when(recordEntries(contactMade('contact-1'), build('entry-1', 'S-1')))
        .thenThrows(SuspectNotIdentifiedError, 'events[1].data.suspectRef');
    });

    it('accepts a disruption with no suspect (premises, vehicles)', () => {
      given(history)
        .when(recordEntries(disruptionActionTaken('disruption-1')))
        .then([disruptionActionTaken('disruption-1')]);
    });

    it('identifies the suspect and records their arrest in the same request', () => {
      const entries = [suspectIdentified('suspect-1', 'S-1'), suspectArrested('arrest-1', 'S-1')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });
  });

  describe('when the suspect has been identified', () => {
    const history = [...anOpenCase(), suspectIdentified('suspect-1', 'S-1')];

    it.each(suspectScoped)('accepts a %s', (_type, build) => {
      given(history)
        .when(recordEntries(build('entry-1', 'S-1')))
        .then([build('entry-1', 'S-1')]);
    });

    it('refuses to identify the same suspect again', () => {
      given(history)
        .when(recordEntries(suspectIdentified('suspect-2', 'S-1')))
        .thenThrows(SuspectAlreadyIdentifiedError, 'events[0].data.suspectRef');
    });

    it('refuses the same suspect identified twice in one request', () => {
      given(anOpenCase())
        .when(recordEntries(suspectIdentified('suspect-1', 'S-3'), suspectIdentified('suspect-2', 'S-3')))
        .thenThrows(SuspectAlreadyIdentifiedError, 'events[1].data.suspectRef');
    });

    it('identifies another suspect', () => {
      given(history)
        .when(recordEntries(suspectIdentified('suspect-2', 'S-2')))
        .then([suspectIdentified('suspect-2', 'S-2')]);
    });
  });

  describe("when the suspect's identification was retracted", () => {
    const history = [
      ...anOpenCase(),
      suspectIdentified('suspect-1', 'S-1'),
      suspectArrested('arrest-1', 'S-1'),
      entryRetracted('retraction-1', 'suspect-1'),
    ];

    it('refuses an arrest of that suspect', () => {
      given(history)
        .when(recordEntries(suspectArrested('arrest-2', 'S-1')))
        .thenThrows(SuspectNotIdentifiedError, 'events[0].data.suspectRef');
    });

    it('refuses an arrest after retracting the identification in the same request', () => {
      given([...anOpenCase(), suspectIdentified('suspect-1', 'S-1')])
        .when(recordEntries(entryRetracted('retraction-1', 'suspect-1'), suspectArrested('arrest-1', 'S-1')))
        .thenThrows(SuspectNotIdentifiedError, 'events[1].data.suspectRef');
    });

    it('identifies the suspect again, then records their arrest', () => {
      const entries = [suspectIdentified('suspect-2', 'S-1'), suspectArrested('arrest-2', 'S-1')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });
  });
});

describe('disruption breaches', () => {
  describe('when the disruption was recorded', () => {
    const history = [...anOpenCase(), disruptionActionTaken('disruption-1')];

    it('records a breach of it', () => {
      given(history)
        .when(recordEntries(disruptionBreached('breach-1', 'disruption-1')))
        .then([disruptionBreached('breach-1', 'disruption-1')]);
    });

    it('records a disruption and its breach in the same request', () => {
      const entries = [disruptionActionTaken('disruption-2'), disruptionBreached('breach-1', 'disruption-2')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });
  });

  describe('when the disruption does not exist', () => {
    it.each([
      ['an unknown event', 'nothing-1'],
      ['an event that is not a disruption', 'contact-1'],
    ])('refuses a breach of %s', (_what, disruptionEventId) => {
      given([...anOpenCase(), contactMade('contact-1')])
        .when(recordEntries(disruptionBreached('breach-1', disruptionEventId)))
        .thenThrows(EventReferenceError, 'events[0].data.disruptionEventId');
    });
  });

  describe('when the disruption was retracted', () => {
    it('refuses a breach of it', () => {
      given([...anOpenCase(), disruptionActionTaken('disruption-1'), entryRetracted('retraction-1', 'disruption-1')])
        .when(recordEntries(disruptionBreached('breach-1', 'disruption-1')))
        .thenThrows(EventReferenceError, 'events[0].data.disruptionEventId');
    });
  });
});

describe.each([
  ['VictimUpdated', victimUpdated],
  ['RecordQualityFinding', recordQualityFinding],
])('%s about an event', (_type, build) => {
  const history = [...anOpenCase(), suspectIdentified('suspect-1'), suspectArrested('arrest-1')];

  describe('when the event exists', () => {
    it('is recorded', () => {
      given(history)
        .when(recordEntries(build('entry-1', 'arrest-1')))
        .then([build('entry-1', 'arrest-1')]);
    });

    it('is recorded about an entry earlier in the same request', () => {
      const entries = [bailDecision('bail-1'), build('entry-1', 'bail-1')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });

    it('is recorded about a corrected event', () => {
      const correction = entryCorrected('correction-1', 'arrest-1', { occurredAt: '2024-03-02T15:00:00Z' });
      given([...history, correction])
        .when(recordEntries(build('entry-1', 'arrest-1')))
        .then([build('entry-1', 'arrest-1')]);
    });
  });

  describe('when no event is named', () => {
    it('is recorded', () => {
      given(history)
        .when(recordEntries(build('entry-1')))
        .then([build('entry-1')]);
    });
  });

  describe('when the event does not exist', () => {
    it.each([
      ['an unknown event', 'nothing-1'],
      ['itself', 'entry-1'],
      ['a later entry of the same request', 'bail-1'],
    ])('is refused about %s', (_what, aboutEventId) => {
      given(history)
        .when(recordEntries(contactMade('contact-1'), build('entry-1', aboutEventId), bailDecision('bail-1')))
        .thenThrows(EventReferenceError, 'events[1].data.aboutEventId');
    });
  });

  describe('when the event was retracted', () => {
    it('is refused', () => {
      given([...history, entryRetracted('retraction-1', 'arrest-1')])
        .when(recordEntries(build('entry-1', 'arrest-1')))
        .thenThrows(EventReferenceError, 'events[0].data.aboutEventId');
    });
  });
});

describe('RecordQualityFinding on a closed case', () => {
  const history = [...anOpenCase(), contactMade('contact-1'), caseClosed('closed')];

  it('is recorded about an event of the case', () => {
    given(history)
      .when(recordEntries(recordQualityFinding('finding-1', 'contact-1')))
      .then([recordQualityFinding('finding-1', 'contact-1')]);
  });

  it('is refused about an unknown event', () => {
    given(history)
      .when(recordEntries(recordQualityFinding('finding-1', 'nothing-1')))
      .thenThrows(EventReferenceError, 'events[0].data.aboutEventId');
  });
});
