import { CloudEvent } from 'cloudevents';
import { CASE_EVENT_TYPES, CaseEventType } from '../cases/domain/events';
import { FULL_EVENT_DATA } from '../cases/dto/testing/event-data.examples';
import type { StoredEvent } from '../event-store/event-store.port';
import { toCloudEvent } from './cloud-event';
import { hmacPseudonymiser } from './pseudonymise';

const psn = hmacPseudonymiser('a-feed-pseudonym-key-of-at-least-32-bytes');
const CASE_ID = '6f1c1a3e-2b7d-4c1e-9a55-0d3b8e1f2a40';

function stored(type: CaseEventType, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    eventId: '3d0b6c1a-9e2f-4b7a-8c5d-1e2f3a4b5c6d',
    type,
    streamId: `case-${CASE_ID}`,
    revision: 3,
    position: '1234',
    data: FULL_EVENT_DATA[type] as unknown as Record<string, unknown>,
    metadata: {
      occurredAt: '2024-06-03T10:15:00+01:00',
      recordedAt: '2024-06-03T09:20:00.000Z',
      recordedBy: { sub: 'pc-4567-jane-smith', role: 'investigator', force: 'west-yorkshire' },
      correlationId: 'client-sent-anything',
      causationId: 'req-1',
      schemaVersion: 1,
    },
    ...overrides,
  };
}

describe('a stored case event as a CloudEvent', () => {
  it('carries the event\'s identity, times and position in the attributes the design names', () => {
    const event = toCloudEvent(stored('RiskAssessed'), 'west-yorkshire', psn);
    expect(event).toEqual({
      specversion: '1.0',
      id: '3d0b6c1a-9e2f-4b7a-8c5d-1e2f3a4b5c6d',
      source: '/case-timeline/west-yorkshire',
      type: 'uk.police.case-timeline.RiskAssessed.v1',
      subject: CASE_ID,
      time: '2024-06-03T09:15:00.000Z',
      recordedtime: '2024-06-03T09:20:00.000Z',
      sequence: '1234',
      schemaversion: 1,
      recordedrole: 'investigator',
      correlationid: expect.stringMatching(/^psn_/),
      datacontenttype: 'application/json',
      data: { level: 'very-high' },
    });
  });

  it('never names the officer who recorded it, nor repeats what the client sent as a correlation id', () => {
    const text = JSON.stringify(toCloudEvent(stored('ContactMade'), 'west-yorkshire', psn));
    expect(text).not.toContain('pc-4567');
    expect(text).not.toContain('client-sent-anything');
  });

  it('keeps correlation ids joinable: events of one request share a pseudonym', () => {
    const a = toCloudEvent(stored('CaseOpened'), 'west-yorkshire', psn);
    const b = toCloudEvent(stored('ReportReceived'), 'west-yorkshire', psn);
    expect(a.correlationid).toBe(b.correlationid);
  });

  it.each(CASE_EVENT_TYPES)('%s is a valid CloudEvent by the official SDK', (type) => {
    const json = JSON.parse(JSON.stringify(toCloudEvent(stored(type), 'west-yorkshire', psn))) as Record<string, unknown>;
    const event = new CloudEvent(json, true);
    expect(event.validate()).toBe(true);
    expect(event.recordedtime).toBe('2024-06-03T09:20:00.000Z');
    expect(event.sequence).toBe('1234');
  });

  it('names the source "unknown" when the case\'s force cannot be found', () => {
    expect(toCloudEvent(stored('CaseClosed'), undefined, psn).source).toBe('/case-timeline/unknown');
  });
});
