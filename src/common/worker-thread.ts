/**
 * Starts a worker thread on one of the service's own modules, whether the service runs compiled
 * (`dist/`, `npm start`) or from its TypeScript sources (the tests, through ts-jest). Node 20
 * cannot run TypeScript, and ts-jest compiles only for the thread that jest runs: for a worker,
 * the module and the modules it imports from the sources are transpiled here, once per process,
 * and handed over as JavaScript. Compiled, the worker simply loads the module's .js file.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

/** Module path -> JavaScript, for the worker modules this process has started from sources. */
const transpiled = new Map<string, Record<string, string>>();

/**
 * A worker on `moduleFile` (a path without its extension, e.g. join(__dirname, 'x.worker')),
 * compiled as its caller is: `callerFile` is the caller's __filename.
 */
export function startWorker(moduleFile: string, callerFile: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (extname(callerFile) !== '.ts') return new Worker(`${moduleFile}${extname(callerFile)}`, { workerData, resourceLimits });
  const entry = `${moduleFile}.ts`;
  let sources = transpiled.get(entry);
  if (!sources) {
    sources = transpileGraph(entry);
    transpiled.set(entry, sources);
  }
  return new Worker(LOADER, { eval: true, workerData: { loader: { entry, sources }, data: workerData }, resourceLimits });
}

/**
 * Runs in the worker: .ts files are taken from the sources handed over, everything else (node:,
 * packages) is required as usual; the module then reads its own workerData as usual.
 */
const LOADER = `
const workerThreads = require('node:worker_threads');
const { entry, sources } = workerThreads.workerData.loader;
workerThreads.workerData = workerThreads.workerData.data;
require.extensions['.ts'] = (module, filename) => {
  if (!(filename in sources)) throw new Error('No transpiled source for ' + filename + ': import it from ' + entry + ' or its imports');
  module._compile(sources[filename], filename);
};
require(entry);
`;

/** The entry and every .ts module it imports, directly or not, by relative path. */
function transpileGraph(entry: string): Record<string, string> {
  // Needed only when running from sources, where it is installed (ts-jest uses it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const sources: Record<string, string> = {};
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (file in sources) continue;
    const text = readFileSync(file, 'utf8');
    sources[file] = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    }).outputText;
    for (const { fileName } of ts.preProcessFile(text, true, false).importedFiles) {
      if (fileName.startsWith('.')) pending.push(`${resolve(dirname(file), fileName)}.ts`);
    }
  }
  return sources;
}
