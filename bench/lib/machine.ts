/**
 * How much CPU other processes took while a part ran: the machine's busy time (/proc/stat) less
 * this process tree's (our own and our reaped children's, from /proc/self/stat). On a 2-core
 * machine another busy process halves a figure, and the report should say so rather than
 * print a worse number as if it were the code's. Linux only; elsewhere it measures nothing.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: 100 on every Linux that Node supports. */
const TICKS_PER_SECOND = 100;

interface CpuSnapshot {
  machineBusy: number;
  tree: number;
  at: bigint;
}

function readTicks(): { machineBusy: number; tree: number } | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: waiting (idle, iowait) is not busy.
    const machineBusy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu[7] ?? 0);
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 14th field overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const tree = fields[11] + fields[12] + fields[13] + fields[14];
    return { machineBusy, tree };
  } catch {
    return undefined;
  }
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  const ticks = readTicks();
  return ticks && { ...ticks, at: process.hrtime.bigint() };
}

/** Cores' worth of CPU that processes outside the bench used since `before` (children must have exited). */
export function otherProcessesLoad(before: CpuSnapshot | undefined): number | undefined {
  const after = cpuSnapshot();
  if (!before || !after) return undefined;
  const wall = Number(after.at - before.at) / 1e9;
  if (wall <= 0) return undefined;
  const others = (after.machineBusy - before.machineBusy - (after.tree - before.tree)) / TICKS_PER_SECOND;
  return Math.max(0, others / wall);
}
