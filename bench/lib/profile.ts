/**
 * Reads the .cpuprofile files that --cpu-prof wrote and ranks functions by self time, and the
 * service's own functions (src/) by inclusive time, so a run with --profile says where each
 * process spent its CPU without opening DevTools. better-sqlite3 runs SQL synchronously inside
 * the JS function that calls it, so a query's time (and a COMMIT's fsync) shows as that
 * function's self time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function profiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return profiles(path);
    return name.endsWith('.cpuprofile') ? [path] : [];
  });
}

function label(frame: ProfileNode['callFrame']): string {
  const at = frame.url.search(/\/(node_modules|dist-bench)\//);
  const url = at >= 0 ? frame.url.slice(at + 1) : frame.url.replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'}${url ? `  ${url}:${frame.lineNumber + 1}` : ''}`;
}

function ranked(times: Map<string, number>, total: number, top: number): string[] {
  return [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
}

/** Self time of every function and inclusive time of src/ functions, idle left out of the total. */
export function summariseProfile(file: string, top = 15): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const own = label(frame);
    self.set(own, (self.get(own) ?? 0) + us);
    // A recursive function counts once per sample.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (!node.callFrame.url.includes('/dist-bench/src/')) continue;
      const key = label(node.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  });
  if (total === 0) return ['no busy samples'];
  return [
    `busy ${(total / 1e6).toFixed(1)} s; self time:`,
    ...ranked(self, total, top),
    ...(inclusive.size > 0 ? ['inclusive time, src/ only:', ...ranked(inclusive, total, top)] : []),
  ];
}

export function summariseProfiles(dir: string, top = 15): string {
  return profiles(dir)
    .map((file) => [`== ${relative(dir, file)}`, ...summariseProfile(file, top)].join('\n'))
    .join('\n\n');
}
