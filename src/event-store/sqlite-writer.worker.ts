/**
 * The SQLite store's writer thread: owns the one connection that writes, and writes each batch
 * it is sent (see sqlite-writer.ts), one at a time, in the order sent. Started by SqliteEventStore.
 *   workerData: { file, busyTimeoutMs }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from './sqlite-connection';
import { SqliteStatements } from './sqlite-schema';
import { SqliteWriter, type WriterReply, type WriterRequest } from './sqlite-writer';

const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const port = parentPort!;
const db = openSqliteFile(file, busyTimeoutMs);
const writer = new SqliteWriter(new SqliteStatements(db), () => db.inTransaction);

function reply(message: WriterReply): void {
  port.postMessage(message);
}

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    reply({ type: 'closed' });
    port.close();
    return;
  }
  try {
    reply({ type: 'written', id: request.id, outcomes: writer.write(request.batch) });
  } catch (error) {
    reply({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
});
