/**
 * One synthetic CSE case: a plausible history that the catalogue's validation and the decider
 * accept as it stands, recorded as the HTTP write side would have recorded it, and the same for
 * the same generator state. `now` is a parameter, never the wall clock: nothing is recorded after
 * it, and a case reported shortly before it is still in progress.
 */
import type { EventToAppend } from '../event-store/event-store.port';
import { CaseHistory, type Recorder } from './case-history';
import { FORCE_TABLE, INSPECTORATE } from './forces';
import { liveKindOf, placeLive } from './live-cases';
import { DAY, HOUR, MINUTE } from './london-time';
import { closeCase, correctRecord, retractRecord, reviewRecord } from './record-keeping-story';
import { caseRng, type Rng } from './rng';
import { caseOpenedData, reportData, safeguard } from './safeguarding-story';
import type { Story } from './story';
import { suspects } from './suspect-story';

export interface GenerateCaseOptions {
  /** Position of the case in its seed's sequence: every 16th case is live (see live-cases.ts). */
  caseIndex: number;
  now: Date;
  /** Earliest report. Default 2021-01-01, or a year before `now` when that is earlier. */
  from?: Date;
}

export interface GeneratedCase {
  caseId: string;
  /** In stream order, each with its metadata (recordedAt from the generator, not the wall clock). */
  events: EventToAppend[];
}

export const DEFAULT_FROM = new Date('2021-01-01T00:00:00Z');

/** Reports come in through the day, most in the afternoon and evening. */
const REPORT_HOUR: ReadonlyArray<readonly [number, number]> = Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h < 8 ? 2 : h < 16 ? 5 : h < 22 ? 7 : 3] as const);

/** Reporting grows over the years, as it has since IICSA. */
function reportTime(rng: Rng, fromMs: number, nowMs: number): number {
  const x = rng.chance(0.7) ? rng.next() : Math.sqrt(rng.next());
  const day = fromMs + x * (nowMs - fromMs);
  const at = day - (day % DAY) + rng.weighted(REPORT_HOUR) * HOUR + rng.int(0, 59) * MINUTE;
  return at > nowMs ? at - DAY : at;
}

function recorders(rng: Rng, force: { slug: string; code: string }): { investigators: Recorder[]; supervisor: Recorder; inspector: Recorder } {
  const officer = (role: Recorder['role']): Recorder => ({ sub: `${force.code}${rng.int(1000, 9999)}`, role, force: force.slug });
  return {
    investigators: Array.from({ length: rng.int(2, 3) }, () => officer('investigator')),
    supervisor: officer('supervisor'),
    inspector: { sub: `HMI${rng.int(100, 999)}`, role: 'inspector', force: INSPECTORATE },
  };
}

/** The caseId of case `caseIndex` of `seed`, without making the case: generateCase draws it first. */
export function caseIdFor(seed: number, caseIndex: number): string {
  return caseRng(seed, caseIndex).uuid();
}

export function generateCase(rng: Rng, options: GenerateCaseOptions): GeneratedCase {
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid Date');
  const fromMs = options.from?.getTime() ?? Math.min(DEFAULT_FROM.getTime(), nowMs - 365 * DAY);
  const live = liveKindOf(options.caseIndex);

  const caseId = rng.uuid(); // first, for caseIdFor
  const force = rng.weighted(FORCE_TABLE);
  const { investigators, supervisor, inspector } = recorders(rng, force);
  const history = new CaseHistory(rng, investigators, supervisor);
  const groupBased = rng.chance(0.22);
  // A live case is written near now, then moved so that now falls inside the clock it is about.
  const reportMs = live ? nowMs - rng.between(30, 150) * DAY : reportTime(rng, fromMs, nowMs);
  const report = history.open(reportMs, caseOpenedData(rng, force, groupBased, reportMs), reportData(rng));
  const story: Story = { rng, history, force, inspector, groupBased, live, report, suspects: [], charged: false, outOfCourt: false, counters: {} };

  safeguard(story);
  suspects(story);
  retractRecord(story);
  closeCase(story);
  correctRecord(story);
  reviewRecord(story);
  if (live) placeLive(history, live, nowMs, rng);
  // A case exists once its report is recorded: one reported just before now is moved back a little.
  else if (report.recordedMs > nowMs) history.shift(-(Math.ceil((report.recordedMs - nowMs) / MINUTE) + rng.int(1, 90)) * MINUTE);
  return { caseId, events: history.recordedBy(nowMs) };
}
