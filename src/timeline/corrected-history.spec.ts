import { correctedHistory, HistoryEvent } from './corrected-history';

const by = { sub: 'pc-1', role: 'investigator', force: 'west-yorkshire' };
const sgt = { sub: 'sgt-2', role: 'supervisor', force: 'west-yorkshire' };

function event(eventId: string, type: string, occurredAt: string, recordedAt: string, data: Record<string, unknown> = {}, recordedBy = by): HistoryEvent {
  return { eventId, type, occurredAt, recordedAt, recordedBy, data };
}

const opened = event('e1', 'CaseOpened', '2024-03-04T09:00:00Z', '2024-03-04T09:05:00Z', { force: 'west-yorkshire' });
const report = event('e2', 'ReportReceived', '2024-03-04T09:00:00Z', '2024-03-04T09:05:00Z', { source: 'school', channel: 'online' });
const contact = event('e3', 'ContactMade', '2024-03-05T15:00:00Z', '2024-03-05T15:10:00Z', { with: 'victim', method: 'phone' });
const correction = event(
  'e4',
  'EntryCorrected',
  '2024-03-06T10:00:00Z',
  '2024-03-06T10:00:00Z',
  { correctsEventId: 'e3', occurredAt: '2024-03-04T20:00:00Z', data: { method: 'in-person' }, reason: 'Pocket notebook' },
  sgt,
);
const retraction = event('e5', 'EntryRetracted', '2024-03-07T10:00:00Z', '2024-03-07T10:00:00Z', { retractsEventId: 'e2', reason: 'Duplicate' }, sgt);

describe('the corrected history of a case', () => {
  describe('given a correction of a contact', () => {
    const history = correctedHistory([opened, report, contact, correction]);

    it('applies the corrected time and fields, and keeps the original beside them', () => {
      const entry = history.find((e) => e.eventId === 'e3')!;
      expect(entry).toMatchObject({
        occurredAt: '2024-03-04T20:00:00Z',
        data: { with: 'victim', method: 'in-person' },
        original: { occurredAt: '2024-03-05T15:00:00Z', data: { with: 'victim', method: 'phone' } },
        corrections: [{ eventId: 'e4', recordedBy: sgt, reason: 'Pocket notebook', occurredAt: '2024-03-04T20:00:00Z', data: { method: 'in-person' } }],
      });
    });

    it('orders entries by when things happened, the stream order breaking ties, and lists no correction as an entry', () => {
      expect(history.map((e) => e.eventId)).toEqual(['e1', 'e2', 'e3']);
    });
  });

  describe('when the correction was recorded after the cut', () => {
    it('shows the entry as it stood then', () => {
      const entry = correctedHistory([opened, report, contact, correction], Date.parse('2024-03-06T09:59:59Z')).find((e) => e.eventId === 'e3')!;
      expect(entry).toMatchObject({ occurredAt: '2024-03-05T15:00:00Z', data: { method: 'phone' }, corrections: [] });
    });
  });

  describe('given a retraction', () => {
    it('keeps the entry, marked, with who retracted it and why', () => {
      const entry = correctedHistory([opened, report, retraction]).find((e) => e.eventId === 'e2')!;
      expect(entry).toMatchObject({ retracted: true, retraction: { eventId: 'e5', recordedBy: sgt, reason: 'Duplicate' } });
    });

    it('applies no correction that was itself retracted', () => {
      const retractCorrection = event('e6', 'EntryRetracted', '2024-03-08T10:00:00Z', '2024-03-08T10:00:00Z', { retractsEventId: 'e4', reason: 'Wrong entry corrected' }, sgt);
      const entry = correctedHistory([opened, report, contact, correction, retractCorrection]).find((e) => e.eventId === 'e3')!;
      expect(entry).toMatchObject({ occurredAt: '2024-03-05T15:00:00Z', corrections: [] });
    });
  });

  describe('given several corrections of one entry', () => {
    it('applies them in the order they were recorded, the later winning', () => {
      const second = event('e7', 'EntryCorrected', '2024-03-09T10:00:00Z', '2024-03-09T10:00:00Z', { correctsEventId: 'e3', data: { method: 'video' }, reason: 'Checked the log' }, sgt);
      const entry = correctedHistory([opened, second, contact, correction]).find((e) => e.eventId === 'e3')!;
      expect(entry.data.method).toBe('video');
      expect(entry.occurredAt).toBe('2024-03-04T20:00:00Z');
      expect(entry.corrections.map((c) => c.eventId)).toEqual(['e4', 'e7']);
    });
  });
});
