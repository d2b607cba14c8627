/**
 * The feed in bulk (`npm run export`): the same pseudonymised CloudEvents as GET /v1/feed, as NDJSON
 * or CSV, written with backpressure so memory stays bounded however large the log. The export is a
 * snapshot: it stops at the head of the log as it was when it started, so the progress total is
 * exact and the last sequence it reports is where the next export (or the feed) resumes.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CaseEventType } from '../cases/domain/events';
import type { FeedCloudEvent } from './cloud-event';
import type { FeedReader } from './feed-reader';
import { ndjsonLine } from './ndjson';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_COLUMNS = ['id', 'type', 'subject', 'source', 'time', 'recordedtime', 'sequence', 'data'] as const;

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY = 1000;

export interface ExportRequest {
  format: ExportFormat;
  after?: string;
  types?: readonly CaseEventType[];
}

export interface ExportProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface ExportResult {
  events: number;
  /** The sequence of the last event written: pass it as --after (or the feed's `after`) to continue. */
  lastSequence?: string;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(event: FeedCloudEvent): string {
  const { id, type, subject, source, time, recordedtime, sequence } = event;
  return `${[id, type, subject, source, time, recordedtime, sequence, JSON.stringify(event.data)].map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export async function writeExport(reader: FeedReader, output: Writable, request: ExportRequest, progress?: ExportProgress): Promise<ExportResult> {
  const until = await reader.store.headPosition();
  const range = { after: request.after, until, types: request.types };
  // Counting first costs one more read of the log, but gives the progress bar a true total.
  const total = until === undefined ? 0 : await reader.count(range);
  progress?.start(total);

  const format = request.format === 'csv' ? csvRow : ndjsonLine;
  let chunk = request.format === 'csv' ? csvHeader() : '';
  let events = 0;
  let lastSequence: string | undefined;
  try {
    if (until !== undefined) {
      for await (const event of reader.events(range)) {
        chunk += format(event);
        events += 1;
        lastSequence = event.sequence;
        if (chunk.length >= CHUNK_CHARS) {
          await write(output, chunk);
          chunk = '';
        }
        if (events % PROGRESS_EVERY === 0) progress?.update(events);
      }
    }
    if (chunk.length > 0) await write(output, chunk);
    progress?.update(events);
  } finally {
    progress?.stop();
  }
  return { events, lastSequence };
}

async function write(output: Writable, chunk: string): Promise<void> {
  // `once` rejects if the stream emits 'error' meanwhile (a full disk, a closed pipe).
  if (!output.write(chunk)) await once(output, 'drain');
}
