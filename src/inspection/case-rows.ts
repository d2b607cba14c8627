/**
 * Rows of a read-model table held in memory as typed columns, so that an aggregate is one pass
 * over a few arrays instead of a scan of the table. Rows are kept grouped by case: re-deriving a
 * case replaces its rows (the old ones stay in place, dead, until enough of them are dead to be
 * worth compacting away). The order of the live rows is the order they were appended in.
 */

type ColumnType = Float64ArrayConstructor | Int32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
export type ColumnSpec = Record<string, ColumnType>;
export type Columns<S extends ColumnSpec> = { [K in keyof S]: InstanceType<S[K]> };

/** Dead rows are compacted away once they are this share of all rows (and at least MIN_DEAD). */
const DEAD_SHARE = 0.25;
const MIN_DEAD = 4096;

export class CaseRows<S extends ColumnSpec> {
  /** The columns of rows [0, length); a row whose caseOf is -1 is dead and must be skipped. */
  columns: Columns<S>;
  /** The case slot of each row, -1 once its case has been re-derived. */
  caseOf: Int32Array;
  length = 0;
  private dead = 0;
  /** The block of rows of each case slot: its first row and how many. */
  private blockStart = new Int32Array(0);
  private blockLength = new Int32Array(0);

  constructor(
    private readonly spec: S,
    capacity = 1024,
  ) {
    this.columns = allocate(spec, capacity);
    this.caseOf = new Int32Array(capacity);
  }

  /** Rows that count (not dead). */
  get live(): number {
    return this.length - this.dead;
  }

  /** How many rows one case has. */
  rowsOf(slot: number): number {
    return slot < this.blockLength.length ? this.blockLength[slot] : 0;
  }

  /** The first of a case's rows (they follow one another), when it has any. */
  firstRowOf(slot: number): number {
    return this.blockStart[slot];
  }

  /** Drops every row of a case, before its new rows are appended. */
  remove(slot: number): void {
    const count = this.rowsOf(slot);
    if (count === 0) return;
    const start = this.blockStart[slot];
    this.caseOf.fill(-1, start, start + count);
    this.blockLength[slot] = 0;
    this.died(count);
  }

  /**
   * Appends a row to case `slot` and returns its index, to be filled in `columns` (read them after
   * this call: growing replaces the arrays). A case's rows are best appended one after the other:
   * otherwise its earlier rows are first moved up to the end, to keep them together.
   */
  append(slot: number): number {
    if (slot >= this.blockLength.length) this.growSlots(slot + 1);
    if (this.blockLength[slot] > 0 && this.blockStart[slot] + this.blockLength[slot] !== this.length) this.moveToEnd(slot);
    if (this.length === this.caseOf.length) this.grow(this.length * 2);
    const row = this.length++;
    if (this.blockLength[slot]++ === 0) this.blockStart[slot] = row;
    this.caseOf[row] = slot;
    return row;
  }

  /** Gives back the room beyond the rows (and a little more), as after a full load. */
  fit(): void {
    const capacity = Math.max(1024, this.length + (this.length >> 3));
    if (capacity < this.caseOf.length) this.grow(capacity);
  }

  /** Forgets every row. */
  clear(): void {
    this.length = 0;
    this.dead = 0;
    this.blockLength.fill(0);
  }

  private moveToEnd(slot: number): void {
    const start = this.blockStart[slot];
    const count = this.blockLength[slot];
    if (this.length + count > this.caseOf.length) this.grow(Math.max(this.length * 2, this.length + count));
    const names = Object.keys(this.spec) as Array<keyof S>;
    for (let i = 0; i < count; i++) {
      for (const name of names) this.columns[name][this.length + i] = this.columns[name][start + i];
      this.caseOf[this.length + i] = slot;
    }
    this.caseOf.fill(-1, start, start + count);
    this.blockStart[slot] = this.length;
    this.length += count;
    this.died(count);
  }

  private died(count: number): void {
    this.dead += count;
    if (this.dead >= MIN_DEAD && this.dead > this.length * DEAD_SHARE) this.compact();
  }

  /** Moves the live rows down over the dead ones, keeping their order (and so each case's block). */
  private compact(): void {
    const names = Object.keys(this.spec) as Array<keyof S>;
    let to = 0;
    let lastSlot = -1;
    for (let from = 0; from < this.length; from++) {
      const slot = this.caseOf[from];
      if (slot < 0) continue;
      if (slot !== lastSlot) {
        this.blockStart[slot] = to;
        lastSlot = slot;
      }
      if (to !== from) {
        this.caseOf[to] = slot;
        for (const name of names) this.columns[name][to] = this.columns[name][from];
      }
      to++;
    }
    this.length = to;
    this.dead = 0;
  }

  private grow(capacity: number): void {
    const columns = allocate(this.spec, capacity);
    for (const name of Object.keys(this.spec) as Array<keyof S>) columns[name].set(this.columns[name].subarray(0, this.length) as never);
    this.columns = columns;
    const caseOf = new Int32Array(capacity);
    caseOf.set(this.caseOf.subarray(0, this.length));
    this.caseOf = caseOf;
  }

  private growSlots(needed: number): void {
    const size = Math.max(needed, this.blockLength.length * 2, 1024);
    const start = new Int32Array(size);
    start.set(this.blockStart);
    const length = new Int32Array(size);
    length.set(this.blockLength);
    this.blockStart = start;
    this.blockLength = length;
  }
}

function allocate<S extends ColumnSpec>(spec: S, capacity: number): Columns<S> {
  const columns = {} as Columns<S>;
  for (const name of Object.keys(spec) as Array<keyof S>) columns[name] = new spec[name](capacity) as Columns<S>[keyof S];
  return columns;
}

/** Small integer codes for the few distinct values of a text column (null included). */
export class Interner {
  private readonly codes = new Map<string | null, number>();
  readonly values: Array<string | null> = [];

  constructor(private readonly max = 0xffff) {}

  code(value: string | null): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code > this.max) throw new Error(`more than ${this.max + 1} distinct values to intern`);
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of a value already seen, or -1. */
  find(value: string | null): number {
    return this.codes.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
