/**
 * The median and p90 (as figures.ts defines them) of a set of values and of each of its groups,
 * exactly and without sorting: a request asks for them over up to a million elapsed times, which
 * a sort would take ten times longer to answer.
 *
 * Each value falls in a bucket: the top 16 bits of its IEEE 754 encoding, changed so that their
 * order is the values' order (the sign bit flipped for positives, every bit for negatives): 16
 * buckets per power of two. Counting the values of each bucket, per group, tells the bucket each
 * rank falls in and how many values lie below it; only the values of those few buckets are then
 * copied out, and the ranks selected among them.
 */
import { percentileRanks } from './figures';

export interface Spread {
  median: number | null;
  p90: number | null;
}

const BUCKETS = 1 << 16;
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** Ranks asked per group: the two middle ones and p90's. */
const RANKS = 3;

/** Computed synchronously, one call at a time: one scratch serves them all. */
const countOf = new Int32Array(BUCKETS);
const denseOf = new Uint16Array(BUCKETS);
let keys = new Uint16Array(0);
let picked = new Float64Array(0);

/**
 * The spread of all `values` and of each group (groupOf[i] in [0, groups) is the group of
 * values[i]; without groupOf, of all values only). NaN-free values.
 */
export function percentilesByGroup(values: Float64Array, groupOf: Uint16Array | undefined, groups: number): { total: Spread; groups: Spread[] } {
  const n = values.length;
  if (keys.length < n) keys = new Uint16Array(n);
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);

  // The bucket of each value, how many values each bucket has, and the buckets present.
  const present: number[] = [];
  for (let i = 0; i < n; i++) {
    const high = words[2 * i + HIGH_WORD];
    const bucket = high >= 0x80000000 ? ~high >>> 16 : (high >>> 16) | 0x8000;
    keys[i] = bucket;
    if (countOf[bucket]++ === 0) present.push(bucket);
  }
  // The buckets present, numbered 0, 1, ... in their order: cell 0 (all values) has a row of
  // counts by that number, and so has each group g (cell 1 + g).
  present.sort((a, b) => a - b);
  const width = present.length;
  const cells = 1 + (groupOf ? groups : 0);
  const histogram = new Int32Array(cells * width);
  present.forEach((bucket, dense) => {
    denseOf[bucket] = dense;
    histogram[dense] = countOf[bucket];
    countOf[bucket] = 0;
  });
  if (groupOf !== undefined) for (let i = 0; i < n; i++) histogram[(1 + groupOf[i]) * width + denseOf[keys[i]]]++;

  // For each cell and rank, the bucket it falls in and how many of the cell's values lie below;
  // each (cell, bucket) pair asked for gets a region of `picked`, as long as its count.
  const ranksOf: Array<ReturnType<typeof percentileRanks> | undefined> = new Array(cells);
  const regionOf = new Int32Array(cells * width).fill(-1); // by (cell, bucket)
  const rankRegion = new Int32Array(cells * RANKS);
  const rankBelow = new Int32Array(cells * RANKS);
  const regionStart: number[] = [];
  let size = 0;
  for (let cell = 0; cell < cells; cell++) {
    const row = cell * width;
    let count = 0;
    for (let b = 0; b < width; b++) count += histogram[row + b];
    if (count === 0) continue;
    const ranks = percentileRanks(count);
    ranksOf[cell] = ranks;
    const wanted = [ranks.lower, ranks.upper, ranks.p90];
    let below = 0;
    for (let b = 0, j = 0; j < RANKS; b++) {
      while (j < RANKS && wanted[j] < below + histogram[row + b]) {
        if (regionOf[row + b] < 0) {
          regionOf[row + b] = regionStart.length;
          regionStart.push(size);
          size += histogram[row + b];
        }
        rankRegion[cell * RANKS + j] = regionOf[row + b];
        rankBelow[cell * RANKS + j] = below;
        j++;
      }
      below += histogram[row + b];
    }
  }

  // Copy out the values of those buckets, each (cell, bucket) pair's side by side.
  if (picked.length < size) picked = new Float64Array(size);
  const next = Int32Array.from(regionStart);
  for (let i = 0; i < n; i++) {
    const bucket = denseOf[keys[i]];
    const region = regionOf[bucket];
    if (region >= 0) picked[next[region]++] = values[i];
    if (groupOf !== undefined) {
      const inGroup = regionOf[(1 + groupOf[i]) * width + bucket];
      if (inGroup >= 0) picked[next[inGroup]++] = values[i];
    }
  }

  const spreadOf = (cell: number): Spread => {
    const ranks = ranksOf[cell];
    if (!ranks) return { median: null, p90: null };
    const valueAt = (j: number, rank: number) => {
      const region = rankRegion[cell * RANKS + j];
      const inBucket = picked.subarray(regionStart[region], next[region]);
      const k = rank - rankBelow[cell * RANKS + j];
      select(inBucket, k, 0, inBucket.length - 1);
      return inBucket[k];
    };
    const upper = valueAt(1, ranks.upper);
    const median = ranks.lower === ranks.upper ? upper : (valueAt(0, ranks.lower) + upper) / 2;
    return { median, p90: valueAt(2, ranks.p90) };
  };
  return { total: spreadOf(0), groups: Array.from({ length: cells - 1 }, (_, g) => spreadOf(1 + g)) };
}

/**
 * Puts the k-th smallest of values[left..right] at index k, smaller-or-equal ones before it and
 * larger-or-equal ones after: Floyd and Rivest's selection (Communications of the ACM 18(3),
 * 1975), which first narrows the range around k on a sample. A range still being worked on after
 * many rounds is sorted instead, which bounds the worst case.
 */
function select(values: Float64Array, k: number, left: number, right: number, rounds = 64): void {
  while (right > left) {
    if (rounds-- === 0) {
      values.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(values, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)), rounds);
    }
    const pivot = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else swap(values, ++j, right);
    // values[j] is the pivot, in its place: go on in the side that holds k.
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}
