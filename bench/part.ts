/**
 * Runs one part of the bench in this (child) process and sends its result to the orchestrator.
 * Parts are loaded lazily, so a part's process holds only the modules it uses: the replay's RSS
 * is not inflated by the HTTP stack.
 *   argv[2]: the part's name; argv[3]: the BenchContext as JSON.
 */
import { reportFailure } from './lib/child';
import type { BenchContext, PartResult } from './lib/context';

type Part = { run(ctx: BenchContext): Promise<PartResult> };

function load(name: string): Promise<Part> {
  switch (name) {
    case 'corpus':
      return import('./parts/corpus');
    case 'http':
      return import('./parts/http');
    case 'store':
      return import('./parts/store');
    case 'replay':
      return import('./parts/replay');
    case 'inspection':
      return import('./parts/inspection');
    default:
      return Promise.reject(new Error(`no bench part "${name}"`));
  }
}

let finished = false;
// An orchestrator that died (Ctrl-C, a crash) must not leave its parts running, nor their servers.
process.once('disconnect', () => {
  if (!finished) process.exit(1);
});

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const part = await load(name);
  const result = await part.run(JSON.parse(json) as BenchContext);
  // Disconnecting lets the process end by itself: if it does not, a part left something running.
  finished = true;
  process.send?.({ type: 'result', result }, () => process.disconnect());
}

main().catch(reportFailure);
