/** `npm run export` (the built CLI, as a user runs it) against the store of a running service. */
import { CloudEvent } from 'cloudevents';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendSyntheticCases, DEFAULT_MARKER } from '../../src/feed/testing/synthetic-cases';
import { parseCsv } from '../fixtures/csv';
import { recordMarkedCase } from '../fixtures/feed-case';
import { FeedApp } from '../fixtures/feed-app';
import { readFeedPage } from '../fixtures/feed-clients';

const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'export.js');
const MARKER = 'QZMARK';

function runExport(dataDir: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does it first)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run export', () => {
  let service: FeedApp;
  let feedLines: string[];
  const out = (name: string) => join(service.dataDir, name);

  beforeAll(async () => {
    service = await FeedApp.start();
    const send = async (method: 'POST', url: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
      const reply = await fetch(`${service.baseUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: reply.status, body: await reply.json() };
    };
    await recordMarkedCase(send, { investigator: await service.token('investigator', 'west-yorkshire', `${MARKER}-PC`), supervisor: await service.token('supervisor', 'west-yorkshire', `${MARKER}-SGT`) }, MARKER);
    await appendSyntheticCases(service.store, { cases: 120, eventsPerCase: 20, seed: 5 });
    feedLines = (await readFeedPage(`${service.baseUrl}/v1/feed?limit=10000`, await service.token('analyst'))).lines;
    expect(feedLines.length).toBe(26 + 2400);
  });
  afterAll(() => service.close(true));

  it('writes as NDJSON exactly the lines of the feed, each a valid CloudEvent', async () => {
    const run = await runExport(service.dataDir, ['--format', 'ndjson', '--out', out('all.ndjson')]);
    expect(run.code).toBe(0);
    const last = JSON.parse(feedLines.at(-1) as string).sequence;
    expect(run.stderr).toContain(`Exported ${feedLines.length} event(s) to ${out('all.ndjson')}; continue with --after ${last}`);
    const lines = readFileSync(out('all.ndjson'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(feedLines);
    for (const line of lines) expect(new CloudEvent(JSON.parse(line), true).validate()).toBe(true);
  });

  it('writes as CSV the same events, one row each, data as JSON', async () => {
    const run = await runExport(service.dataDir, ['--format', 'csv', '--out', out('all.csv')]);
    expect(run.code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out('all.csv'), 'utf8'));
    expect(header).toEqual(['id', 'type', 'subject', 'source', 'time', 'recordedtime', 'sequence', 'data']);
    expect(rows).toEqual(
      feedLines.map((line) => {
        const e = JSON.parse(line);
        return [e.id, e.type, e.subject, e.source, e.time, e.recordedtime, e.sequence, JSON.stringify(e.data)];
      }),
    );
  });

  it('leaves out every planted reference, free text and officer, in both formats', () => {
    for (const file of ['all.ndjson', 'all.csv']) {
      const text = readFileSync(out(file), 'utf8');
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain(DEFAULT_MARKER);
    }
  });

  it('continues after a sequence, and keeps only the types asked for', async () => {
    const after = JSON.parse(feedLines[999]).sequence;
    expect((await runExport(service.dataDir, ['--format', 'ndjson', '--out', out('rest.ndjson'), '--after', after])).code).toBe(0);
    expect(readFileSync(out('rest.ndjson'), 'utf8').trimEnd().split('\n')).toEqual(feedLines.slice(1000));

    const run = await runExport(service.dataDir, ['--format', 'ndjson', '--out', out('closed.ndjson'), '--types', 'CaseOpened,CaseClosed', '--no-progress']);
    expect(run.code).toBe(0);
    const expected = feedLines.filter((l) => /"type":"uk\.police\.case-timeline\.(CaseOpened|CaseClosed)\.v1"/.test(l));
    expect(readFileSync(out('closed.ndjson'), 'utf8').trimEnd().split('\n')).toEqual(expected);
  });

  it('refuses a position the store does not know, or an unknown type, and writes nothing', async () => {
    const bad = await runExport(service.dataDir, ['--format', 'csv', '--out', out('bad.csv'), '--after', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--after must be the sequence of a feed event');
    const unknown = await runExport(service.dataDir, ['--format', 'csv', '--out', out('bad.csv'), '--types', 'CaseOpened,Gossip']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"Gossip"');
    expect(existsSync(out('bad.csv'))).toBe(false);
  });
});
