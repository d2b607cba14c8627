/**
 * A consumer that reads the feed in pages of 100, saves its position after each page, and is
 * stopped at random points (mid-page, losing what it read since its last save), sometimes with the
 * service restarted too, while new cases keep arriving. It must end with every event exactly once
 * after dedupe on id, in log order, equal to the store's log mapped independently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_STREAM_PREFIX } from '../../src/cases/domain/events';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { toCloudEvent } from '../../src/feed/cloud-event';
import { PSEUDONYM_KEY_FILE } from '../../src/feed/pseudonym-key';
import { hmacPseudonymiser } from '../../src/feed/pseudonymise';
import { appendSyntheticCases, seededRandom } from '../../src/feed/testing/synthetic-cases';
import { FeedApp } from '../fixtures/feed-app';
import { readFeedPage } from '../fixtures/feed-clients';

const PAGE = 100;

describe('a consumer paging through the feed, stopped and restarted at random points', () => {
  let service: FeedApp;
  afterAll(() => service.close(true));

  it('ends with every event once, in order, equal to the store\'s log', async () => {
    service = await FeedApp.start();
    const random = seededRandom(20240603);
    let nextCase = 0;
    const write = async (cases: number, eventsPerCase: number) => {
      await appendSyntheticCases(service.store, { cases, eventsPerCase, seed: 1000 + nextCase, firstCase: nextCase });
      nextCase += cases;
    };
    await write(100, 24);

    // What the consumer keeps between runs: its saved position, and what it has handed on (deduped on id).
    let saved: string | undefined;
    const sink: Array<Record<string, unknown>> = [];
    const seen = new Set<string>();
    let duplicates = 0;
    let stops = 0;
    let restarts = 0;
    let pendingWrites = 6;

    for (let round = 0; round < 500; round += 1) {
      const token = await service.token('analyst');
      const crash = random() < 0.3;
      const stopAfter = crash ? 1 + Math.floor(random() * PAGE) : undefined;
      // Sometimes new cases are written while the page streams: the page must neither miss nor cut into them.
      let writing: Promise<void> | undefined;
      if (pendingWrites > 0 && random() < 0.15) {
        pendingWrites -= 1;
        writing = write(3 + Math.floor(random() * 5), 5 + Math.floor(random() * 20));
      }
      const page = await readFeedPage(`${service.baseUrl}/v1/feed?limit=${PAGE}${saved ? `&after=${saved}` : ''}`, token, stopAfter);
      await writing;
      expect(page.status).toBe(200);
      for (const line of page.lines) {
        const event = JSON.parse(line) as Record<string, unknown>;
        if (seen.has(event.id as string)) {
          duplicates += 1;
          continue;
        }
        seen.add(event.id as string);
        sink.push(event);
      }
      if (page.stopped) {
        stops += 1;
        if (random() < 0.5) {
          restarts += 1;
          const dataDir = service.dataDir;
          await service.close();
          service = await FeedApp.start({ dataDir });
        }
      } else {
        if (page.lines.length > 0) saved = page.headers['x-next-after'] as string;
        // A short page is the end of the log for now; the consumer is done once the writers are.
        if (page.lines.length < PAGE && pendingWrites === 0) break;
      }
    }
    expect(pendingWrites).toBe(0);
    expect(stops).toBeGreaterThan(3);
    expect(restarts).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);

    // The store's log, mapped here from the raw events with the key the service generated.
    const log: StoredEvent[] = [];
    for await (const e of service.store.readAll(undefined, { filter: { streamPrefixes: [CASE_STREAM_PREFIX] } })) log.push(e);
    const pseudonymise = hmacPseudonymiser(readFileSync(join(service.dataDir, PSEUDONYM_KEY_FILE), 'utf8').trim());
    const forces = new Map(log.filter((e) => e.type === 'CaseOpened').map((e) => [e.streamId, e.data.force as string]));
    const expected = log.map((e) => JSON.parse(JSON.stringify(toCloudEvent(e, forces.get(e.streamId), pseudonymise))));

    expect(sink.length).toBe(log.length);
    expect(sink.map((e) => e.id)).toEqual(log.map((e) => e.eventId));
    expect(sink).toEqual(expected);
  });
});
