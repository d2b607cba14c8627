/**
 * Position codecs of the adapters. Positions are opaque strings in the port; each adapter owns its
 * encoding and its ordering, and refuses a position it cannot have produced.
 */

/** The EventStoreDB log position, kept client-free here so this file can be shared. */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

/** A rowid (at most 2^63 - 1, 19 digits), padded so that positions also sort as text. */
const SQLITE_POSITION = /^\d{1,19}$/;
const SQLITE_DIGITS = 19;
const ESDB_POSITION = /^(\d{1,20}):(\d{1,20})$/;
/** 2^64 - 1 has 20 digits: padding to 20 keeps the strings sortable as text too. */
const ESDB_DIGITS = 20;

export class InvalidPositionError extends TypeError {
  constructor(readonly position: string, backend: string) {
    super(`Not a ${backend} position: ${JSON.stringify(position)}`);
    this.name = 'InvalidPositionError';
  }
}

export function parseSqlitePosition(position: string): bigint {
  if (typeof position !== 'string' || !SQLITE_POSITION.test(position)) {
    throw new InvalidPositionError(String(position), 'SQLite');
  }
  return BigInt(position);
}

export function formatSqlitePosition(position: number | bigint): string {
  // Feed consumers compare CloudEvents sequences as strings; unpadded, "9" would sort after "10".
  return String(position).padStart(SQLITE_DIGITS, '0');
}

export function compareSqlitePositions(a: string, b: string): number {
  return compareBigInts(parseSqlitePosition(a), parseSqlitePosition(b));
}

export function encodeLogPosition(position: LogPosition): string {
  return `${pad(position.commit)}:${pad(position.prepare)}`;
}

export function decodeLogPosition(position: string): LogPosition {
  const match = typeof position === 'string' ? ESDB_POSITION.exec(position) : null;
  if (!match) throw new InvalidPositionError(String(position), 'EventStoreDB');
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  return compareBigInts(a.commit, b.commit) || compareBigInts(a.prepare, b.prepare);
}

function compareBigInts(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(value: bigint): string {
  return value.toString(10).padStart(ESDB_DIGITS, '0');
}
