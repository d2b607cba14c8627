/** decide(): opening a case, recording entries on it, and the rules every entry obeys. */
import {
  CaseAlreadyExistsError,
  CaseClosedError,
  CaseNotClosedError,
  CaseNotFoundError,
  DuplicateEventIdError,
  OccurredInFutureError,
  SuspectNotIdentifiedError,
} from './errors';
import {
  anOpenCase,
  at,
  caseClosed,
  caseOpened,
  caseReopened,
  contactMade,
  crimeRecorded,
  entryCorrected,
  entryRetracted,
  event,
  openCase,
  openedDataWithoutJurisdiction,
  recordEntries,
  recordQualityFinding,
  REPORTED_AT,
  reportReceived,
  suspectArrested,
  suspectIdentified,
  victimUpdated,
} from './testing/case-events';
import { given } from './testing/given-when-then';
import { decide, decideAndEvolve, foldCase } from './decider';
import { eventFacts, identifyingEventOf, initialState, type CaseState } from './state';

describe('OpenCase', () => {
  describe('when no case exists', () => {
    it('opens the case at the time of its first report, then records the report', () => {
      const command = openCase();
      given([])
        .when(command)
        .then([
          event('CaseOpened', 'opened', caseOpened().data, REPORTED_AT),
          event('ReportReceived', 'report-1', reportReceived().data, REPORTED_AT),
        ]);
    });

    it('defaults the jurisdiction to england', () => {
      const data = openedDataWithoutJurisdiction();
      const command = openCase();
      command.opened.data = data;
      given([])
        .when(command)
        .then([
          event('CaseOpened', 'opened', { ...data, jurisdiction: 'england' }, REPORTED_AT),
          event('ReportReceived', 'report-1', reportReceived().data, REPORTED_AT),
        ]);
    });

    it('keeps wales when given', () => {
      const command = openCase();
      command.opened.data = caseOpened({ jurisdiction: 'wales' }).data;
      given([])
        .when(command)
        .then([
          event('CaseOpened', 'opened', caseOpened({ jurisdiction: 'wales' }).data, REPORTED_AT),
          event('ReportReceived', 'report-1', reportReceived().data, REPORTED_AT),
        ]);
    });

    it('accepts a report up to five minutes ahead of the server clock', () => {
      const command = openCase();
      command.report.occurredAt = '2024-03-10T12:05:00.000Z';
      const [opened, report] = [caseOpened(), reportReceived()];
      given([])
        .when(command)
        .then([
          { ...opened, occurredAt: '2024-03-10T12:05:00.000Z' },
          { ...report, occurredAt: '2024-03-10T12:05:00.000Z' },
        ]);
    });

    it('refuses a report more than five minutes ahead of the server clock', () => {
      const command = openCase();
      command.report.occurredAt = '2024-03-10T12:05:00.001Z';
      given([]).when(command).thenThrows(OccurredInFutureError, 'report.occurredAt');
    });

    it('refuses the same event id for the opening and the report', () => {
      const command = openCase();
      command.report.eventId = command.opened.eventId;
      given([]).when(command).thenThrows(DuplicateEventIdError, 'report.eventId');
    });
  });

  describe('when the case already exists', () => {
    it('refuses to open it again', () => {
      given(anOpenCase()).when(openCase()).thenThrows(CaseAlreadyExistsError, 'caseId');
    });

    it('refuses to open it again once closed', () => {
      given([...anOpenCase(), caseClosed('closed')])
        .when(openCase())
        .thenThrows(CaseAlreadyExistsError, 'caseId');
    });
  });
});

describe('RecordEntries', () => {
  describe('when no case exists', () => {
    it('refuses: there is no case to record on', () => {
      given([]).when(recordEntries(contactMade('contact-1'))).thenThrows(CaseNotFoundError);
    });
  });

  describe('when the case is open', () => {
    const history = anOpenCase();

    it('records the entries exactly as given, in order', () => {
      const entries = [crimeRecorded('crime-1'), contactMade('contact-1'), suspectIdentified('suspect-1')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });

    it('refuses a CaseOpened entry: a case is opened once', () => {
      given(history)
        .when(recordEntries(contactMade('contact-1'), caseOpened({}, 'opened-again')))
        .thenThrows(CaseAlreadyExistsError, 'events[1].type');
    });

    it('closes it', () => {
      given(history).when(recordEntries(caseClosed('closed'))).then([caseClosed('closed')]);
    });

    it('refuses to reopen it', () => {
      given(history).when(recordEntries(caseReopened('reopened'))).thenThrows(CaseNotClosedError, 'events[0]');
    });

    it('refuses the whole request when its third entry breaks a rule, naming that entry', () => {
      given(history)
        .when(recordEntries(contactMade('contact-1'), crimeRecorded('crime-1'), suspectArrested('arrest-1', 'S-9')))
        .thenThrows(SuspectNotIdentifiedError, 'events[2].data.suspectRef');
    });

    it('refuses an entry recorded after closing the case in the same request', () => {
      given(history)
        .when(recordEntries(caseClosed('closed'), contactMade('contact-1')))
        .thenThrows(CaseClosedError, 'events[1]');
    });
  });

  describe('when the case is closed', () => {
    const history = [...anOpenCase(), contactMade('contact-1'), caseClosed('closed')];

    it.each([
      ['ContactMade', contactMade('contact-2')],
      ['CrimeRecorded', crimeRecorded('crime-1')],
      ['SuspectIdentified', suspectIdentified('suspect-1')],
      ['VictimUpdated', victimUpdated('update-1', 'closed')],
      ['CaseClosed', caseClosed('closed-again')],
    ])('refuses a %s, naming the entry', (_type, entry) => {
      given(history)
        .when(recordEntries(recordQualityFinding('finding-1'), entry))
        .thenThrows(CaseClosedError, 'events[1]');
    });

    it('accepts a record-quality finding', () => {
      given(history)
        .when(recordEntries(recordQualityFinding('finding-1', 'contact-1')))
        .then([recordQualityFinding('finding-1', 'contact-1')]);
    });

    it('accepts a correction and a retraction', () => {
      const entries = [
        entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-02T13:00:00Z' }),
        entryRetracted('retraction-1', 'contact-1'),
      ];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });

    it('corrects the outcome code of the closure', () => {
      const correction = entryCorrected('correction-1', 'closed', { data: { outcomeCode: 16 } });
      given(history).when(recordEntries(correction)).then([correction]);
    });

    it('reopens it, then records on it in the same request', () => {
      const entries = [caseReopened('reopened'), contactMade('contact-2')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });
  });

  describe('when the case was closed and reopened', () => {
    it('records on it again', () => {
      given([...anOpenCase(), caseClosed('closed'), caseReopened('reopened')])
        .when(recordEntries(contactMade('contact-1')))
        .then([contactMade('contact-1')]);
    });

    it('can close it again', () => {
      given([...anOpenCase(), caseClosed('closed'), caseReopened('reopened')])
        .when(recordEntries(caseClosed('closed-2')))
        .then([caseClosed('closed-2')]);
    });
  });

  describe('occurredAt against the server clock (2024-03-10T12:00:00Z)', () => {
    const history = anOpenCase();

    it.each([
      ['exactly five minutes ahead', '2024-03-10T12:05:00.000Z'],
      ['five minutes ahead, in another offset', '2024-03-10T13:05:00+01:00'],
      ['in the past', '2023-12-31T23:59:59Z'],
    ])('accepts an entry %s', (_what, occurredAt) => {
      const entry = at(occurredAt, contactMade('contact-1'));
      given(history).when(recordEntries(entry)).then([entry]);
    });

    it.each([
      ['one millisecond more than five minutes ahead', '2024-03-10T12:05:00.001Z'],
      ['ahead once its offset is counted', '2024-03-10T12:04:00-01:00'],
    ])('refuses an entry %s', (_what, occurredAt) => {
      given(history)
        .when(recordEntries(contactMade('contact-1'), at(occurredAt, contactMade('contact-2'))))
        .thenThrows(OccurredInFutureError, 'events[1].occurredAt');
    });

    it('refuses a correction that moves its target into the future', () => {
      given([...history, contactMade('contact-1')])
        .when(recordEntries(entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-10T12:05:00.001Z' })))
        .thenThrows(OccurredInFutureError, 'events[0].data.occurredAt');
    });

    it('accepts a correction that moves its target to five minutes ahead', () => {
      const correction = entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-10T12:05:00Z' });
      given([...history, contactMade('contact-1')])
        .when(recordEntries(correction))
        .then([correction]);
    });
  });

  describe('event ids', () => {
    const history = [...anOpenCase(), contactMade('contact-1')];

    it.each([
      ['a recorded entry', 'contact-1'],
      ['the case opening', 'opened'],
      ['the first report', 'report-1'],
    ])('refuses an id already used by %s', (_what, eventId) => {
      given(history)
        .when(recordEntries(crimeRecorded('crime-1'), contactMade(eventId)))
        .thenThrows(DuplicateEventIdError, 'events[1].eventId');
    });

    it('refuses an id used twice in the same request', () => {
      given(history)
        .when(recordEntries(contactMade('contact-2'), crimeRecorded('crime-1'), contactMade('contact-2')))
        .thenThrows(DuplicateEventIdError, 'events[2].eventId');
    });

    it('refuses an id used by a retracted entry', () => {
      given([...history, entryRetracted('retraction-1', 'contact-1')])
        .when(recordEntries(contactMade('contact-1')))
        .thenThrows(DuplicateEventIdError, 'events[0].eventId');
    });

    it('refuses an id used by a correction', () => {
      given([...history, entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-02T13:00:00Z' })])
        .when(recordEntries(contactMade('correction-1')))
        .thenThrows(DuplicateEventIdError, 'events[0].eventId');
    });
  });
});

describe('decideAndEvolve', () => {
  /** What the rules can see of a state, for every event id of interest. */
  function seen(state: CaseState, eventIds: string[], suspectRefs: string[]) {
    return {
      status: state.status,
      force: state.force,
      jurisdiction: state.jurisdiction,
      eventCount: state.eventCount,
      facts: eventIds.map((id) => eventFacts(state, id)),
      suspects: suspectRefs.map((ref) => identifyingEventOf(state, ref)),
    };
  }
  const ids = ['opened', 'report-1', 'suspect-1', 'arrest-1', 'correction-1', 'retraction-1', 'closed-1'];

  it('hands back the state that folding the history and the decided events gives', () => {
    const history = [...anOpenCase(), suspectIdentified('suspect-1')];
    const before = foldCase(history);
    const command = recordEntries(
      suspectArrested('arrest-1'),
      entryCorrected('correction-1', 'suspect-1', { occurredAt: '2024-03-02T13:00:00Z' }),
      entryRetracted('retraction-1', 'arrest-1'),
      caseClosed('closed-1'),
    );
    const decision = decideAndEvolve(command, before);
    expect(decision.events).toEqual(decide(command, foldCase(history)));
    expect(seen(decision.state, ids, ['S-1'])).toEqual(seen(foldCase([...history, ...decision.events]), ids, ['S-1']));
    // The state decided on is left as it was: states are values.
    expect(seen(before, ids, ['S-1'])).toEqual(seen(foldCase(history), ids, ['S-1']));
  });

  it('hands back the opened case for OpenCase', () => {
    const decision = decideAndEvolve(openCase(), initialState());
    expect(seen(decision.state, ids, [])).toEqual(seen(foldCase(decision.events), ids, []));
    expect(decision.state.status).toBe('open');
  });
});
