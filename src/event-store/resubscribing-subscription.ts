/**
 * A live subscription over EventStoreDB's $all that survives dropped connections: the client does
 * not resubscribe by itself, so when its subscription fails or ends this opens a new one from the
 * last position seen, after a short backoff, and drops anything at or before that position so
 * nothing is delivered twice. It is client-free: the adapter passes in how to open and decode.
 */
import type { StoredEvent, Subscription } from './event-store.port';
import { compareLogPositions, LogPosition } from './positions';

export interface LiveSource<Raw> extends AsyncIterable<Raw> {
  unsubscribe(): Promise<void>;
}

export interface ResubscribingOptions<Raw> {
  /** Opens a subscription delivering events after `after` (from the start when undefined). */
  open(after: LogPosition | undefined): LiveSource<Raw>;
  /** The raw event's log position, and the event when it is one the caller should see. */
  decode(raw: Raw): { position: LogPosition; event?: StoredEvent } | undefined;
  after?: LogPosition;
  onError?(error: unknown): void;
}

const CLOSED = Symbol('closed');
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5000;

export class ResubscribingSubscription<Raw> implements Subscription {
  private after: LogPosition | undefined;
  private closed = false;
  private signalClosed!: (value: typeof CLOSED) => void;
  private readonly closing = new Promise<typeof CLOSED>((resolve) => (this.signalClosed = resolve));
  private current?: LiveSource<Raw>;
  private iterator?: AsyncGenerator<StoredEvent>;

  constructor(
    private readonly options: ResubscribingOptions<Raw>,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.after = options.after;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed(CLOSED);
    this.onClose();
    await this.current?.unsubscribe().catch(() => undefined);
  }

  private async *run(): AsyncGenerator<StoredEvent> {
    let failures = 0;
    while (!this.closed) {
      const source = this.options.open(this.after);
      this.current = source;
      const iterator = source[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = iterator.next();
          // Lost to `closing`, this promise may still reject when the stream is torn down.
          next.catch(() => undefined);
          const step = await Promise.race([next, this.closing]);
          if (step === CLOSED || step.done) break;
          failures = 0;
          const decoded = this.options.decode(step.value);
          if (!decoded) continue;
          if (this.after && compareLogPositions(decoded.position, this.after) <= 0) continue;
          this.after = decoded.position;
          if (decoded.event) yield decoded.event;
        }
      } catch (error) {
        if (!this.closed) this.options.onError?.(error);
      } finally {
        this.current = undefined;
        await source.unsubscribe().catch(() => undefined);
      }
      if (this.closed) return;
      await this.sleep(Math.min(MIN_BACKOFF_MS * 2 ** failures, MAX_BACKOFF_MS));
      failures += 1;
    }
  }

  private async sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slept = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    });
    await Promise.race([slept, this.closing]);
    clearTimeout(timer);
  }
}
