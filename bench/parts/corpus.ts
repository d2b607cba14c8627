/**
 * The seeded store that replay and inspection read: the shipped ruleset published first (as the
 * service does on its first start, so the rebuild measures every clock), then `cases` synthetic
 * cases through seedStore, interleaved as a real log is. Seeding 100,000 cases takes minutes, so
 * a finished corpus is marked and reused by a later run in the same --keep directory.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE_FILE } from '../../src/event-store/event-store.module';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { publishShippedRuleset } from '../../src/rulesets/ruleset-store';
import { seedStore } from '../../src/synthetic/seed-store';
import { BenchContext, fmt, PartResult } from '../lib/context';
import { seconds } from '../lib/measure';

export const CORPUS_MARKER = 'bench-corpus.json';

export interface CorpusMarker {
  cases: number;
  seed: number;
  now: string;
  /** Events in the log: the cases' and the ruleset's. */
  events: number;
}

export function readCorpusMarker(ctx: BenchContext): CorpusMarker | undefined {
  const file = join(ctx.corpusDir, CORPUS_MARKER);
  if (!existsSync(file)) return undefined;
  const marker = JSON.parse(readFileSync(file, 'utf8')) as CorpusMarker;
  return marker.cases === ctx.cases && marker.seed === ctx.seed && marker.now === ctx.now ? marker : undefined;
}

export async function run(ctx: BenchContext): Promise<PartResult> {
  const found = readCorpusMarker(ctx);
  if (found) {
    return { figures: {}, details: [['corpus', `reused ${ctx.corpusDir} (${fmt(found.cases)} cases, ${fmt(found.events)} events)`]], warnings: [] };
  }
  rmSync(ctx.corpusDir, { recursive: true, force: true });
  const store = new SqliteEventStore({ file: join(ctx.corpusDir, EVENT_STORE_FILE) });
  const now = new Date(ctx.now);
  const started = process.hrtime.bigint();
  let events = 0;
  try {
    await publishShippedRuleset(store, now);
    let reported = 0;
    const result = await seedStore(store, {
      cases: ctx.cases,
      seed: ctx.seed,
      now,
      onProgress: (p) => {
        if (p.cases - reported < ctx.cases / 10 && p.cases < ctx.cases) return;
        reported = p.cases;
        process.stderr.write(`bench corpus: ${fmt(p.cases)} / ${fmt(ctx.cases)} cases, ${fmt(p.events)} events, ${seconds(started).toFixed(0)} s\n`);
      },
    });
    events = result.events + 1;
  } finally {
    await store.close();
  }
  const took = seconds(started);
  const marker: CorpusMarker = { cases: ctx.cases, seed: ctx.seed, now: ctx.now, events };
  writeFileSync(join(ctx.corpusDir, CORPUS_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  return {
    figures: {},
    details: [['corpus: seeded (seedStore, through the port)', `${fmt(ctx.cases)} cases, ${fmt(events)} events in ${took.toFixed(1)} s (${fmt(events / took)} events/s)`]],
    warnings: [],
  };
}
