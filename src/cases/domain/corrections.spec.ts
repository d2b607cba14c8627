import { correctionTargetType, foldCase } from './decider';
import { CorrectionNotAllowedError, EventReferenceError } from './errors';
import {
  anOpenCase,
  caseClosed,
  caseReopened,
  contactMade,
  disruptionActionTaken,
  disruptionBreached,
  entryCorrected,
  entryRetracted,
  informationRequested,
  recordEntries,
  suspectArrested,
  suspectIdentified,
  victimUpdated,
} from './testing/case-events';
import { given } from './testing/given-when-then';

const history = [
  ...anOpenCase(),
  contactMade('contact-1'),
  suspectIdentified('suspect-1', 'S-1'),
  suspectArrested('arrest-1', 'S-1'),
  victimUpdated('update-1', 'arrest-1'),
  disruptionActionTaken('disruption-1', 'S-1'),
  disruptionBreached('breach-1', 'disruption-1'),
  informationRequested('request-1', 'REQ-1'),
  entryCorrected('correction-1', 'contact-1', { occurredAt: '2024-03-02T13:00:00Z' }),
  contactMade('contact-2'),
  entryRetracted('retraction-1', 'contact-2'),
];

describe.each([
  [
    'EntryCorrected',
    (targetId: string) => entryCorrected('new-1', targetId, { data: { notes: 'late entry' } }),
    'correctsEventId',
  ],
  ['EntryRetracted', (targetId: string) => entryRetracted('new-1', targetId), 'retractsEventId'],
])('%s targets', (_type, build, field) => {
  describe('when the target is an original, live entry', () => {
    it('is recorded', () => {
      given(history).when(recordEntries(build('contact-1'))).then([build('contact-1')]);
    });

    it('is recorded about an entry earlier in the same request', () => {
      const entries = [contactMade('contact-3'), build('contact-3')];
      given(history)
        .when(recordEntries(...entries))
        .then(entries);
    });
  });

  describe('when the target is not a valid target', () => {
    it.each([
      ['an unknown event', 'nothing-1'],
      ['a correction', 'correction-1'],
      ['a retraction', 'retraction-1'],
      ['a retracted entry', 'contact-2'],
    ])('is refused on %s', (_what, targetId) => {
      given(history)
        .when(recordEntries(contactMade('contact-3'), build(targetId)))
        .thenThrows(EventReferenceError, `events[1].data.${field}`);
    });

    it('is refused on an entry retracted earlier in the same request', () => {
      given(history)
        .when(recordEntries(entryRetracted('retraction-2', 'contact-1'), build('contact-1')))
        .thenThrows(EventReferenceError, `events[1].data.${field}`);
    });
  });
});

describe('EntryRetracted', () => {
  describe('when the target changed the status of the case', () => {
    it.each(['opened', 'closed', 'reopened'])('refuses to retract %s: close or reopen instead', (targetId) => {
      given([...history, caseClosed('closed'), caseReopened('reopened')])
        .when(recordEntries(entryRetracted('retraction-2', targetId)))
        .thenThrows(CorrectionNotAllowedError, 'events[0].data.retractsEventId');
    });
  });

  describe('when the target is the first report', () => {
    it('retracts it', () => {
      given(history)
        .when(recordEntries(entryRetracted('retraction-2', 'report-1')))
        .then([entryRetracted('retraction-2', 'report-1')]);
    });
  });
});

describe('EntryCorrected', () => {
  describe('when it changes a reference that other entries hang on', () => {
    it.each([
      ['suspectRef of a SuspectIdentified', 'suspect-1', 'suspectRef', 'S-2'],
      ['suspectRef of a SuspectArrested', 'arrest-1', 'suspectRef', 'S-2'],
      ['suspectRef of a disruption', 'disruption-1', 'suspectRef', 'S-2'],
      ['aboutEventId of a VictimUpdated', 'update-1', 'aboutEventId', 'contact-1'],
      ['disruptionEventId of a breach', 'breach-1', 'disruptionEventId', 'disruption-2'],
      ['force of the case', 'opened', 'force', 'south-yorkshire'],
    ])('refuses to change the %s: retract and record again', (_what, targetId, fieldName, value) => {
      given(history)
        .when(recordEntries(entryCorrected('new-1', targetId, { data: { notes: 'x', [fieldName]: value } })))
        .thenThrows(CorrectionNotAllowedError, `events[0].data.data.${fieldName}`);
    });

    it('refuses to add a reference that was left out', () => {
      given([...history, victimUpdated('update-2')])
        .when(recordEntries(entryCorrected('new-1', 'update-2', { data: { aboutEventId: 'arrest-1' } })))
        .thenThrows(CorrectionNotAllowedError, 'events[0].data.data.aboutEventId');
    });

    it('accepts a reference repeated unchanged beside a real change', () => {
      const correction = entryCorrected('new-1', 'arrest-1', {
        occurredAt: '2024-03-02T16:00:00Z',
        data: { suspectRef: 'S-1' },
      });
      given(history).when(recordEntries(correction)).then([correction]);
    });
  });

  describe('when it changes a reference nothing hangs on', () => {
    it('corrects the requestRef of an information request', () => {
      const correction = entryCorrected('new-1', 'request-1', { data: { requestRef: 'REQ-2' } });
      given(history).when(recordEntries(correction)).then([correction]);
    });

    it('corrects the details of an identified suspect', () => {
      const correction = entryCorrected('new-1', 'suspect-1', { data: { ethnicity: 'pakistani', ageBand: '35-44' } });
      given(history).when(recordEntries(correction)).then([correction]);
    });

    it('corrects the jurisdiction of the case', () => {
      const correction = entryCorrected('new-1', 'opened', { data: { jurisdiction: 'wales' } });
      given(history).when(recordEntries(correction)).then([correction]);
    });
  });

  describe('when it changes nothing', () => {
    it.each([
      ['names no field and no time', {}],
      ['names an empty data', { data: {} }],
      ['repeats the current values', { data: { method: 'in-person', purpose: 'safeguarding' } }],
      ['repeats the corrected time', { occurredAt: '2024-03-02T13:00:00Z' }],
      ['gives the same instant in another offset', { occurredAt: '2024-03-02T14:00:00+01:00' }],
    ])('is refused when it %s', (_what, change) => {
      given(history)
        .when(recordEntries(entryCorrected('new-1', 'contact-1', change)))
        .thenThrows(CorrectionNotAllowedError, 'events[0].data');
    });

    it('is refused when it repeats what an earlier correction of the same request set', () => {
      given(history)
        .when(
          recordEntries(
            entryCorrected('new-1', 'contact-1', { data: { notes: 'first' } }),
            entryCorrected('new-2', 'contact-1', { data: { notes: 'first' } }),
          ),
        )
        .thenThrows(CorrectionNotAllowedError, 'events[1].data');
    });
  });

  describe('when it changes something', () => {
    it.each([
      ['the time', { occurredAt: '2024-03-02T12:00:00Z' }],
      ['the time back to the original', { occurredAt: '2024-03-02T14:00:00Z' }],
      ['a field', { data: { method: 'phone' } }],
      ['a field and repeats another', { data: { method: 'phone', purpose: 'safeguarding' } }],
    ])('corrects %s', (_what, change) => {
      const correction = entryCorrected('new-1', 'contact-1', change);
      given(history).when(recordEntries(correction)).then([correction]);
    });
  });

  describe('when the case is closed', () => {
    it('corrects the outcome code of the closure', () => {
      const correction = entryCorrected('new-1', 'closed', { data: { outcomeCode: 16 } });
      given([...history, caseClosed('closed', 1)])
        .when(recordEntries(correction))
        .then([correction]);
    });

    it('refuses to "correct" the outcome code to the one recorded', () => {
      given([...history, caseClosed('closed', 16)])
        .when(recordEntries(entryCorrected('new-1', 'closed', { data: { outcomeCode: 16 } })))
        .thenThrows(CorrectionNotAllowedError, 'events[0].data');
    });
  });
});

describe('correctionTargetType', () => {
  const state = foldCase(history);

  it('names the type of the target, so its partial data can be validated', () => {
    expect(correctionTargetType(state, 'arrest-1')).toBe('SuspectArrested');
    expect(correctionTargetType(state, 'opened')).toBe('CaseOpened');
  });

  it('still names it when the target may not be corrected: decide refuses that, with the reason', () => {
    expect(correctionTargetType(state, 'contact-2')).toBe('ContactMade');
    expect(correctionTargetType(state, 'correction-1')).toBe('EntryCorrected');
  });

  it('knows no type for an unknown event', () => {
    expect(correctionTargetType(state, 'nothing-1')).toBeUndefined();
  });
});
