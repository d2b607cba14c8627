/**
 * The live feed as server-sent events. Each connection holds one store subscription, which reads
 * the next page only when the client has taken the last (the socket's backpressure reaches the
 * subscription through the awaited writes), and is closed the moment the client goes away or the
 * service shuts down, so that no subscription outlives its reader.
 */
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import type { CaseEventType } from '../../cases/domain/events';
import type { FeedCloudEvent } from '../cloud-event';
import { FeedReader, LiveFeed } from '../feed-reader';

export const FEED_LIVE_SETTINGS = Symbol('FEED_LIVE_SETTINGS');

export interface FeedLiveSettings {
  /** A comment line this often keeps proxies from closing a quiet connection. */
  heartbeatMs: number;
  /** How long a client waits before it reconnects (the SSE `retry:` field). */
  retryMs: number;
}

export const DEFAULT_FEED_LIVE_SETTINGS: Readonly<FeedLiveSettings> = { heartbeatMs: 15_000, retryMs: 2_000 };

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** One event per message; its id is the sequence, which the browser sends back as Last-Event-ID. */
export function sseMessage(event: FeedCloudEvent): string {
  return `id: ${event.sequence}\ndata: ${JSON.stringify(event)}\n\n`;
}

@Injectable()
export class FeedLiveService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('FeedLive');
  private readonly connections = new Set<() => void>();

  constructor(
    private readonly reader: FeedReader,
    @Inject(FEED_LIVE_SETTINGS) private readonly settings: FeedLiveSettings,
  ) {}

  /** How many clients are connected now. */
  get openConnections(): number {
    return this.connections.size;
  }

  /** Subscribes (a failure here is still a problem+json answer), then streams in the background. */
  start(reply: FastifyReply, after: string | undefined, types: readonly CaseEventType[] | undefined): void {
    const feed = this.reader.live(after, types);
    const out = new PassThrough();
    let stopped = false;
    const heartbeat = setInterval(() => {
      if (!out.writableNeedDrain) out.write(`: heartbeat\n\n`);
    }, this.settings.heartbeatMs);
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      this.connections.delete(stop);
      feed.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing a live feed subscription failed'));
      out.end();
    };
    this.connections.add(stop);
    out.once('close', stop);

    void reply
      .header('Content-Type', SSE_CONTENT_TYPE)
      .header('Cache-Control', 'no-store')
      // Tells nginx-style proxies not to hold events back in a buffer.
      .header('X-Accel-Buffering', 'no')
      .send(out);
    out.write(`retry: ${this.settings.retryMs}\n\n`);
    void this.pump(feed, out, stop);
  }

  beforeApplicationShutdown(): void {
    for (const stop of [...this.connections]) stop();
  }

  private async pump(feed: LiveFeed, out: PassThrough, stop: () => void): Promise<void> {
    try {
      for await (const event of feed) {
        if (out.destroyed || out.writableEnded) break;
        if (!out.write(sseMessage(event))) await drainedOrClosed(out);
      }
    } catch (error) {
      // Headers are gone: ending the stream is the only way left to say so; the client resumes with Last-Event-ID.
      this.logger.error({ err: error }, 'live feed failed');
    } finally {
      stop();
    }
  }
}

/** Waits until the client has taken what is buffered, or has gone; leaves no listener behind. */
function drainedOrClosed(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}
