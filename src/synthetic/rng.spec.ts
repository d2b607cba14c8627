import { caseRng, Rng } from './rng';

const draws = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('repeats its sequence for the same seed and stream, and not for another', () => {
    expect(draws(new Rng(1, 5))).toEqual(draws(new Rng(1, 5)));
    expect(draws(new Rng(1, 5))).not.toEqual(draws(new Rng(2, 5)));
    expect(draws(caseRng(1, 0))).not.toEqual(draws(caseRng(1, 1)));
  });

  it('draws uniformly enough for case generation', () => {
    const rng = new Rng(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(rng.next() * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('makes version 4 UUIDs with all variants', () => {
    const rng = new Rng(3);
    const ids = Array.from({ length: 400 }, () => rng.uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
  });

  it('picks by weight', () => {
    const rng = new Rng(4);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([['light', 1], ['heavy', 3]] as const) === 'heavy') heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
  });
});
