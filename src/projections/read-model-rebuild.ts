/**
 * A full rebuild of the read models (`npm run rebuild`, and the benchmark's replay): built from the
 * whole log into a file of their own beside the live one, which replaces the live file only once it
 * is complete and on disk. Until then the old read models stay as they were: a rebuild that fails,
 * or is killed, leaves them untouched, and the next rebuild removes its half-built file.
 *
 * Nothing reads the new file while it is built, so it is built as SqliteReadStore's `scratch`: no
 * journal on disk and no syncs, every page written once. It is synced as a whole before the move.
 * The service is to be stopped meanwhile (it projects into the live file).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '../event-store/event-store.port';
import type { StoreLocation } from '../event-store/open-event-store';
import { DerivationPool } from './derivation-pool';
import { ProjectionRunner } from './projection-runner';
import { SqliteReadStore } from './sqlite-read-store';

export interface RebuildOptions {
  /** Where the event store is, for the deriving workers to open it. */
  location: StoreLocation;
  /** The live read database, replaced at the end. */
  file: string;
  /** Worker threads deriving cases; 0 derives them on this thread. */
  workers: number;
  /** Events per transaction, reading the log after the listing of its streams. */
  batchSize?: number;
  /** A drain of at least this many cases loads rows first and indexes after (ProjectionRunner's). */
  bulkLoadCases?: number;
  onBatch?: (events: number, position: string | undefined) => void;
  /** After each chunk of cases derived: how many so far, of how many. */
  onDerived?: (done: number, of: number) => void;
}

/** SQLite's files beside a database: a hot journal or a WAL left there would be applied to whatever file then has the name. */
const SIDE_FILES = ['-journal', '-wal', '-shm'];

function removeDatabase(file: string, withFile: boolean): void {
  for (const suffix of withFile ? ['', ...SIDE_FILES] : SIDE_FILES) rmSync(file + suffix, { force: true });
}

function sync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Rebuilds the read models from the log into `file`; resolves with the number of cases derived. */
export async function rebuildReadModels(store: EventStore, options: RebuildOptions): Promise<{ cases: number }> {
  const building = `${options.file}.rebuilding`;
  removeDatabase(building, true);
  const readStore = new SqliteReadStore(building, { scratch: true });
  try {
    const pool = options.workers > 0 ? new DerivationPool(options.location, options.workers) : undefined;
    try {
      await new ProjectionRunner(store, readStore, {
        batchSize: options.batchSize,
        bulkLoadCases: options.bulkLoadCases,
        pool,
        onBatch: options.onBatch,
        onDerived: options.onDerived,
      }).catchUp();
    } finally {
      // Every worker's connection is closed before the file moves.
      await pool?.close();
    }
    const cases = readStore.db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
    readStore.close();
    sync(building);
    // The live file's WAL belongs to it alone: left beside the new file, it would be applied to it.
    // Should this stop here, the old file is as of its last checkpoint, which its projection checkpoint matches.
    removeDatabase(options.file, false);
    renameSync(building, options.file);
    sync(dirname(options.file));
    return { cases };
  } catch (error) {
    readStore.close();
    removeDatabase(building, true);
    throw error;
  }
}
