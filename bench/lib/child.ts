/**
 * Child processes of the bench: each part runs in its own process (a clean heap, so its RSS and
 * GC are its own, and a --cpu-prof of just that part), and every server runs apart from the
 * load generator that drives it, so the two do not share one core's event loop.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const children = new Set<ChildProcess>();

/** Node flags for a child: the parent's (e.g. --expose-gc), with profiling into its own directory. */
export function childExecArgv(profileDir: string | undefined, label: string): string[] {
  const inherited = process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'));
  if (!profileDir) return inherited;
  const dir = join(profileDir, label);
  mkdirSync(dir, { recursive: true });
  return [...inherited, '--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * Forks `script` with an IPC channel. Its stdout goes to our stderr: the bench's own stdout
 * carries only the table and the JSON line, whatever a child (or a library in it) prints.
 */
export function forkChild(script: string, args: string[], execArgv: string[]): ChildProcess {
  const child = fork(script, args, { execArgv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout?.pipe(process.stderr);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The next IPC message of a given type, or the child's death as an error. */
export function nextMessage<T>(child: ChildProcess, type: string, timeoutMs = 0): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; error?: string };
      if (m.type === 'error') finish(() => reject(new Error(m.error)));
      else if (m.type === type) finish(() => resolve(message as T));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`child ${child.pid} exited (${signal ?? code}) before sending "${type}"`)));
    const finish = (settle: () => void) => {
      if (timer) clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (timeoutMs > 0) timer = setTimeout(() => finish(() => reject(new Error(`no "${type}" from child ${child.pid} within ${timeoutMs} ms`))), timeoutMs);
  });
}

/**
 * Waits for a child to exit by itself; one that does not within the grace period left a handle
 * open (a server, a timer), which is a bug to report, and is killed.
 */
export async function awaitExit(child: ChildProcess, label: string, graceMs = 30_000): Promise<string | undefined> {
  if (child.exitCode !== null || child.signalCode !== null) return exitProblem(child, label);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
    return `${label} did not exit within ${graceMs / 1000} s of finishing (a handle left open): killed`;
  }
  return exitProblem(child, label);
}

function exitProblem(child: ChildProcess, label: string): string | undefined {
  if (child.exitCode === 0) return undefined;
  return `${label} exited with ${child.signalCode ?? child.exitCode}`;
}

/** On an interrupt or a crash of the bench, no child outlives it. */
export function killAllChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** For child entries: report a failure to the parent instead of dying silently. */
export function reportFailure(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ type: 'error', error: text }, () => process.exit(1));
  else {
    process.stderr.write(`${text}\n`);
    process.exit(1);
  }
}

/**
 * The lifecycle every bench server shares: tell the parent the port, close when told to stop or
 * when the parent goes away, then say so and let the process exit by itself (an open handle shows).
 */
export function serveUntilStopped(port: number, close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await close();
    if (process.connected) process.send?.({ type: 'stopped' }, () => process.disconnect());
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') void stop().catch(reportFailure);
  });
  process.once('disconnect', () => void stop().catch(reportFailure));
  process.send?.({ type: 'listening', port });
}
