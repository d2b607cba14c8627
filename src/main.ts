import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const store = config.eventStoreConnectionString ? 'EventStoreDB' : `SQLite in ${config.dataDir}`;
  // One plain line for the person who ran `npm start`, beside the JSON logs for machines.
  process.stderr.write(`Case Timeline listening on http://${config.host}:${config.port} (store: ${store}; API docs at /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Case Timeline failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
