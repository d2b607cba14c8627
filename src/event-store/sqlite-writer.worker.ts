/**
 * The SQLite store's writer thread: owns the one connection that writes. Whenever it is free, it
 * takes every write request that has arrived (up to maxBatchSize appends) and writes them as one
 * transaction (see sqlite-writer.ts), in the order sent, then answers for them. Requests that come
 * in while a transaction commits make the next one, which starts as soon as COMMIT has returned:
 * the thread does not wait for the event loop to collect its answer first. Started by
 * SqliteEventStore.
 *   workerData: { file, busyTimeoutMs, maxBatchSize }
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openSqliteFile, WAL_AUTOCHECKPOINT_PAGES } from './sqlite-connection';
import { SqliteStatements } from './sqlite-schema';
import { SqliteWriter, type WriterReply, type WriterRequest } from './sqlite-writer';

type WriteRequest = Extract<WriterRequest, { type: 'write' }>;

const { file, busyTimeoutMs, maxBatchSize } = workerData as { file: string; busyTimeoutMs: number; maxBatchSize: number };
const port = parentPort!;
const db = openSqliteFile(file, busyTimeoutMs);
db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
const writer = new SqliteWriter(new SqliteStatements(db), () => db.inTransaction);

function reply(message: WriterReply): void {
  port.postMessage(message);
}

/** The next request already waiting on the port, if any, taken without going back to the event loop. */
function waiting(): WriterRequest | undefined {
  return receiveMessageOnPort(port)?.message as WriterRequest | undefined;
}

function close(): void {
  db.close();
  reply({ type: 'closed' });
  port.close();
}

port.on('message', (first: WriterRequest) => {
  let next: WriterRequest | undefined = first;
  while (next) {
    if (next.type === 'close') return close();
    const group: WriteRequest[] = [next];
    let appends = next.count;
    next = undefined;
    while (appends < maxBatchSize) {
      next = waiting();
      if (!next || next.type === 'close') break;
      group.push(next);
      appends += next.count;
      next = undefined;
    }
    reply(writer.writeGroup(group));
    next ??= waiting();
  }
});
