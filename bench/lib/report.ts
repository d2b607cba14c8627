/** The bench's verdict: the targets of issue 6, the table, and the one-line JSON. */
import { Detail, Figure, FIGURES, fmt } from './context';

export type Figures = Partial<Record<Figure, number>>;

interface Target {
  key: string;
  figure: Figure;
  text: (f: Figures) => string;
  /** The measured ratio (to the baseline, or to the limit); undefined when a figure is missing. */
  ratio: (f: Figures) => number | undefined;
  met: (ratio: number) => boolean;
  ratioText: (ratio: number) => string;
}

const div = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

/** The as-of limit is 30 s for 100,000 cases; a smaller run is held to its share of it. */
export function asOfLimitMs(cases: number | undefined): number | undefined {
  return cases === undefined ? undefined : (30_000 * cases) / 100_000;
}

const relative = (key: string, figure: Figure, baseline: Figure, share: number): Target => ({
  key,
  figure,
  text: () => `>= ${share} x ${baseline}`,
  ratio: (f) => div(f[figure], f[baseline]),
  met: (r) => r >= share,
  ratioText: (r) => `${r.toFixed(2)} x`,
});

const below = (key: string, figure: Figure, limit: (f: Figures) => number | undefined, unit: string): Target => ({
  key,
  figure,
  text: (f) => {
    const l = limit(f);
    return l === undefined ? `< ? ${unit}` : `< ${fmt(l)} ${unit}`;
  },
  ratio: (f) => div(f[figure], limit(f)),
  met: (r) => r < 1,
  ratioText: (r) => `${r.toFixed(2)} of limit`,
});

export const TARGETS: Target[] = [
  relative('httpAppend', 'httpAppendRps', 'helloWorldRps', 0.25),
  relative('storeAppend', 'storeAppendEventsPerSec', 'rawSqliteInsertRowsPerSec', 0.5),
  relative('replay', 'replayEventsPerSec', 'rawSqliteScanRowsPerSec', 0.5),
  below('inspectionP95', 'inspectionP95Ms', () => 100, 'ms'),
  below('asOfInspection', 'asOfInspectionMs', (f) => asOfLimitMs(f.cases), 'ms'),
  below('peakRss', 'peakRssMb', () => 512, 'MB'),
];

const UNITS: Partial<Record<Figure, string>> = {
  httpAppendRps: '/s',
  helloWorldRps: '/s',
  storeAppendEventsPerSec: '/s',
  rawSqliteInsertRowsPerSec: '/s',
  replayEventsPerSec: '/s',
  rawSqliteScanRowsPerSec: '/s',
  inspectionP95Ms: ' ms',
  asOfInspectionMs: ' ms',
  peakRssMb: ' MB',
};

export function targetsMet(f: Figures): Record<string, boolean | null> {
  return Object.fromEntries(TARGETS.map((t) => {
    const r = t.ratio(f);
    return [t.key, r === undefined ? null : t.met(r)];
  }));
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** A markdown table, so the README's Performance section can take it as printed. */
export function figuresTable(f: Figures): string {
  const rows = [['figure', 'value', 'target', 'ratio', 'met?']];
  for (const figure of FIGURES) {
    const value = f[figure];
    const shown = value === undefined ? 'not run' : `${fmt(value, figure === 'inspectionP95Ms' ? 1 : 0)}${UNITS[figure] ?? ''}`;
    const target = TARGETS.find((t) => t.figure === figure);
    const ratio = target?.ratio(f);
    rows.push([
      figure,
      shown,
      target ? target.text(f) : '',
      target && ratio !== undefined ? target.ratioText(ratio) : '',
      target ? (ratio === undefined ? '-' : target.met(ratio) ? 'yes' : 'NO') : '',
    ]);
  }
  return table(rows);
}

export function detailsTable(details: Detail[]): string {
  return table([['detail', 'value'], ...details.map(([a, b]) => [a, b])]);
}

export function jsonLine(f: Figures, extra: Record<string, unknown>): string {
  const figures = Object.fromEntries(FIGURES.map((k) => [k, f[k] ?? null]));
  return JSON.stringify({ ...figures, targets: targetsMet(f), ...extra });
}
