/** Rows in columns, grouped by case: replaced case by case, in the order they were appended. */
import { CaseRows } from './case-rows';

const COLUMNS = { value: Float64Array };

/** The live rows as [slot, value], in order. */
function liveRows(rows: CaseRows<typeof COLUMNS>): Array<[number, number]> {
  const live: Array<[number, number]> = [];
  for (let i = 0; i < rows.length; i++) if (rows.caseOf[i] >= 0) live.push([rows.caseOf[i], rows.columns.value[i]]);
  return live;
}

function add(rows: CaseRows<typeof COLUMNS>, slot: number, value: number): void {
  const row = rows.append(slot);
  rows.columns.value[row] = value; // the columns after append(): growing replaces them
}

function put(rows: CaseRows<typeof COLUMNS>, slot: number, values: number[]): void {
  rows.remove(slot);
  for (const value of values) add(rows, slot, value);
}

describe('rows grouped by case', () => {
  it('given cases appended one after the other, when one is replaced, then its new rows come last and the others keep their order', () => {
    const rows = new CaseRows(COLUMNS, 2);
    put(rows, 0, [1, 2]);
    put(rows, 1, [3]);
    put(rows, 2, [4, 5]);
    put(rows, 1, [6, 7, 8]);
    expect(liveRows(rows)).toEqual([[0, 1], [0, 2], [2, 4], [2, 5], [1, 6], [1, 7], [1, 8]]);
    expect(rows.live).toBe(7);
    expect(rows.rowsOf(1)).toBe(3);
    put(rows, 2, []);
    expect(rows.rowsOf(2)).toBe(0);
    expect(liveRows(rows)).toEqual([[0, 1], [0, 2], [1, 6], [1, 7], [1, 8]]);
  });

  it('given a case whose rows come apart, when more are appended to it, then they are kept together at the end', () => {
    const rows = new CaseRows(COLUMNS);
    add(rows, 0, 1);
    add(rows, 1, 2);
    add(rows, 0, 3);
    expect(liveRows(rows)).toEqual([[1, 2], [0, 1], [0, 3]]);
    put(rows, 0, [9]);
    expect(liveRows(rows)).toEqual([[1, 2], [0, 9]]);
  });

  it('given many replacements, when the dead rows are compacted away, then the live ones keep their order and cases their rows', () => {
    const rows = new CaseRows(COLUMNS);
    const expected = new Map<number, number[]>();
    for (let round = 0; round < 5; round++) {
      for (let slot = 0; slot < 3000; slot++) {
        const values = Array.from({ length: (slot + round) % 4 }, (_, i) => round * 10 + i);
        put(rows, slot, values);
        expected.set(slot, values);
      }
    }
    expect(rows.length).toBeLessThan(rows.live * 1.5);
    const bySlot = new Map<number, number[]>();
    for (const [slot, value] of liveRows(rows)) bySlot.set(slot, [...(bySlot.get(slot) ?? []), value]);
    expect(new Map([...expected].filter(([, v]) => v.length > 0))).toEqual(bySlot);
    // Each case's rows are still together: removing one leaves no row of it behind.
    put(rows, 7, []);
    expect(liveRows(rows).some(([slot]) => slot === 7)).toBe(false);
  });
});
