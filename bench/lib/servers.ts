/** Starts and stops the bench's server children (bench/servers/*), from the load generator's side. */
import { join } from 'node:path';
import { awaitExit, childExecArgv, forkChild, nextMessage } from './child';

export interface RunningServer {
  baseUrl: string;
  port: number;
  /** Closes the server; a problem on the way out (a handle left open, a crash) comes back as text. */
  stop(): Promise<string | undefined>;
}

export async function startServer(kind: 'app' | 'hello', options: object, profileDir: string | undefined, label: string): Promise<RunningServer> {
  const script = join(__dirname, '..', 'servers', `${kind}-server.js`);
  const child = forkChild(script, [JSON.stringify(options)], childExecArgv(profileDir, label));
  const { port } = await nextMessage<{ port: number }>(child, 'listening', 120_000);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.connected) child.send({ type: 'stop' });
      return awaitExit(child, `${label} server`);
    },
  };
}
