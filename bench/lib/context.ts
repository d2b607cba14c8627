/**
 * What the orchestrator hands every part: sizes, fixed seeds and where to work. Everything a run
 * depends on is here, so that two runs with the same options measure the same thing.
 */

export const PART_NAMES = ['http', 'store', 'replay', 'inspection'] as const;
export type PartName = (typeof PART_NAMES)[number];

/** The figures of the final JSON line, in its order. */
export const FIGURES = [
  'httpAppendRps',
  'helloWorldRps',
  'storeAppendEventsPerSec',
  'rawSqliteInsertRowsPerSec',
  'replayEventsPerSec',
  'rawSqliteScanRowsPerSec',
  'inspectionP95Ms',
  'asOfInspectionMs',
  'peakRssMb',
  'cases',
  'events',
] as const;
export type Figure = (typeof FIGURES)[number];

export interface BenchContext {
  quick: boolean;
  workDir: string;
  /** Seeded case histories shared by replay and inspection (kept between runs with --keep). */
  corpusDir: string;
  cases: number;
  seed: number;
  /** The synthetic cases run up to it; the inspection server's clock stands still at it. */
  now: string;
  /** Cases opened over HTTP before the append run, and the run's length. */
  httpCases: number;
  httpSeconds: number;
  httpWarmupSeconds: number;
  httpConnections: number;
  /** Events appended by the store part, on each side. */
  storeEvents: number;
  inspectionSamples: number;
  /** Where --cpu-prof writes, when profiling; undefined otherwise. */
  profileDir?: string;
}

/** One line of the details table: a part's supporting numbers and checks. */
export type Detail = [label: string, value: string];

export interface PartResult {
  figures: Partial<Record<Figure, number>>;
  details: Detail[];
  /** Anything that makes a figure doubtful (errors, non-2xx answers, lost acknowledgements). */
  warnings: string[];
}

/** The secret the bench's servers verify tokens with (HS256 wants at least 32 bytes). */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-at-least-32-bytes-long';

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
