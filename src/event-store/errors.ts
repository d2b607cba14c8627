import type { ExpectedRevision } from './event-store.port';

/** Base of the store's own errors; adapters translate their client's errors into these. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream is not at the revision the appender expected. `actual` is 'no-stream' when absent. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'REVISION_MISMATCH';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
    message?: string,
  ) {
    super(message ?? `Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** The backend cannot be reached or failed; the request may be retried. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
