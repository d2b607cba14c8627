/**
 * How fast the timeliness engine replays cases: a seeded set of synthetic case histories measured
 * with the shipped ruleset, on one core. Prints a small table and, as its last line, one JSON
 * object with the same figures, for scripts to read. `npm run bench:engine`.
 */
import { measure } from '../src/timeliness/measure';
import type { ClockStatus } from '../src/timeliness/model';
import { ENGLAND_AND_WALES_V1 } from '../src/timeliness/rulesets/england-and-wales.v1';
import { syntheticCases } from './support/synthetic-cases';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
// A fixed T, after every synthetic event, so that two runs measure exactly the same thing.
const NOW = new Date('2026-06-01T00:00:00Z');

function main(): void {
  const cases = syntheticCases(CASES, SEED);
  const events = cases.reduce((n, c) => n + c.length, 0);

  const started = process.hrtime.bigint();
  let clocks = 0;
  const byStatus: Record<ClockStatus, number> = { met: 0, breached: 0, running: 0, overdue: 0, completed: 0, open: 0 };
  for (const history of cases) {
    for (const clock of measure(history, ENGLAND_AND_WALES_V1, { now: NOW })) {
      clocks++;
      byStatus[clock.status]++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const eventsPerSecond = Math.round(events / seconds);

  const rows: [string, string][] = [
    ['cases', CASES.toLocaleString('en-GB')],
    ['events', events.toLocaleString('en-GB')],
    ['seconds', seconds.toFixed(3)],
    ['events/second', eventsPerSecond.toLocaleString('en-GB')],
    ['clocks', clocks.toLocaleString('en-GB')],
    ...Object.entries(byStatus).map(([status, n]): [string, string] => [`  ${status}`, n.toLocaleString('en-GB')]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`timeliness engine, ${ENGLAND_AND_WALES_V1.id}@${ENGLAND_AND_WALES_V1.version}, seed ${SEED}, node ${process.version}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}`);
  console.log(JSON.stringify({ cases: CASES, events, seconds: Number(seconds.toFixed(3)), eventsPerSecond, clocks }));
}

main();
