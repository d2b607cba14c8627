/** Feed events as NDJSON text, grouped into chunks so a large page is not one socket write per event. */
import type { FeedCloudEvent } from './cloud-event';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';
const CHUNK_CHARS = 64 * 1024;

export function ndjsonLine(event: FeedCloudEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** Lines joined up to about `chunkChars`; the last chunk holds what is left. */
export async function* ndjsonChunks(events: AsyncIterable<FeedCloudEvent>, chunkChars = CHUNK_CHARS): AsyncGenerator<string> {
  let chunk = '';
  for await (const event of events) {
    chunk += ndjsonLine(event);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
