/**
 * Opens the store's SQLite file as every connection of the adapter uses it: WAL, so that the
 * writer thread and the readers on the event loop never wait for each other; synchronous=FULL, so
 * that a COMMIT returns only once the transaction is on disk.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type SqliteConnection = Database.Database;

export function openSqliteFile(file: string, busyTimeoutMs: number): SqliteConnection {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
