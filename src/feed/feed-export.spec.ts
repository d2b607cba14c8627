import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { csvField, writeExport } from './feed-export';
import { FeedReader } from './feed-reader';
import { ForceLookup } from './force-lookup';
import { hmacPseudonymiser } from './pseudonymise';
import { appendSyntheticCases, syntheticCases } from './testing/synthetic-cases';

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['{"a":1,"b":"x"}', '"{""a"":1,""b"":""x""}"'],
  ])('%j is written as %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

describe('exporting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ct-export-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const reader = new FeedReader(store, hmacPseudonymiser('k'.repeat(40)), new ForceLookup(store));
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A slow sink, so the export has to wait for it (backpressure) and events can arrive meanwhile. */
  function slowSink(chunks: string[]): Writable {
    return new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        setTimeout(done, 1);
      },
    });
  }

  it('counts first, reports progress up to that total, and stops at the head it started from', async () => {
    await appendSyntheticCases(store, { cases: 150, eventsPerCase: 20, seed: 3 });
    const chunks: string[] = [];
    const progress: Array<['start' | 'update', number]> = [];
    const exporting = writeExport(reader, slowSink(chunks), { format: 'ndjson' }, {
      start: (total) => progress.push(['start', total]),
      update: (done) => progress.push(['update', done]),
      stop: () => undefined,
    });
    // Written while the export runs: not part of this snapshot.
    const late = [...syntheticCases({ cases: 5, eventsPerCase: 4, seed: 99, firstCase: 10_000 })];
    for (const stream of late) await store.append(stream.streamId, stream.events, 'no-stream');

    const result = await exporting;
    const lines = chunks.join('').trimEnd().split('\n');
    expect(result.events).toBe(3000);
    expect(lines).toHaveLength(3000);
    expect(progress[0]).toEqual(['start', 3000]);
    expect(progress.at(-1)).toEqual(['update', 3000]);
    const done = progress.slice(1).map(([, n]) => n);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(result.lastSequence).toBe(JSON.parse(lines[2999]).sequence);
  });
});
