/**
 * Opens the store's SQLite file as every connection of the adapter uses it: WAL, so that the
 * writer thread and the readers on the event loop never wait for each other; synchronous=FULL, so
 * that a COMMIT returns only once the transaction is on disk.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type SqliteConnection = Database.Database;

/**
 * Pages the WAL may hold before a commit copies them into the file (SQLite's default: 1000), as
 * the writer thread sets it on the one connection that writes. Appends to many streams write pages all over the indexes, and a checkpoint copies each page the
 * WAL holds once, however often it was written since the last one: at ten times the default, the
 * copying and its syncs cost about a fifth of what they did per append (2,000 streams written in
 * turn), and the WAL file grows to about 40 MB. Durability is the same: every COMMIT still syncs
 * the WAL before it returns (synchronous=FULL), and a checkpoint syncs the file before the WAL is
 * reused.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

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
