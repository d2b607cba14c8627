/**
 * The real application in a child process, on a real socket: createApp, as `npm start` builds
 * it, with a given data directory. Tells its parent the port; closes the app when told to stop
 * (or when the parent goes away) and then exits by itself, so an open handle would show.
 *   argv[2]: JSON { dataDir, now? }   (now: a clock that stands still, for the inspection part)
 */
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { reportFailure, serveUntilStopped } from '../lib/child';
import { BENCH_JWT_SECRET } from '../lib/context';

interface AppServerOptions {
  dataDir: string;
  now?: string;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as AppServerOptions;
  const config = loadConfig({ DATA_DIR: options.dataDir, JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  const fixed = options.now ? new Date(options.now) : undefined;
  const app: NestFastifyApplication = await createApp(config, { quiet: true, ...(fixed ? { clock: { now: () => new Date(fixed) } } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;

  serveUntilStopped(port, () => app.close());
}

main().catch(reportFailure);
