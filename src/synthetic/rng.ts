/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32). Synthetic cases must
 * be reproducible byte for byte from a seed, so nothing in src/synthetic may use Math.random.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// Seeding writes millions of UUIDs: byte-to-hex by table is several times faster than toString(16).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` gives independent sequences under one seed: one per case, so a case never depends on the batch it was made in. */
  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed >>> 0) ^ Math.imul(stream >>> 0, 0x2545f491));
    this.a = mix();
    this.b = mix() ^ (stream >>> 0);
    this.c = mix() ^ Math.floor(stream / 0x100000000);
    this.d = mix();
    // sfc32's first outputs still show the seed's structure.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x100000000;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let x = this.next() * total;
    for (const [value, weight] of table) {
      x -= weight;
      if (x < 0) return value;
    }
    return table[table.length - 1][0];
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal around `median`: delays of public services have long right tails. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A version 4 UUID (version nibble 4, variant 8-b) made of this generator's bits. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      HEX[a >>> 24] + HEX[(a >>> 16) & 255] + HEX[(a >>> 8) & 255] + HEX[a & 255] + '-' +
      HEX[b >>> 24] + HEX[(b >>> 16) & 255] + '-' +
      HEX[((b >>> 8) & 0x0f) | 0x40] + HEX[b & 255] + '-' +
      HEX[((c >>> 24) & 0x3f) | 0x80] + HEX[(c >>> 16) & 255] + '-' +
      HEX[(c >>> 8) & 255] + HEX[c & 255] + HEX[d >>> 24] + HEX[(d >>> 16) & 255] + HEX[(d >>> 8) & 255] + HEX[d & 255]
    );
  }
}

/** The generator of case number `caseIndex` under `seed`. */
export function caseRng(seed: number, caseIndex: number): Rng {
  return new Rng(seed, caseIndex + 1);
}
