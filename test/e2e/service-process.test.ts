/** The built service as a user starts it: configuration errors, the token command, and logs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaseBody } from '../fixtures/requests';
import { ServiceProcess } from '../fixtures/service-process';

const DIST = join(__dirname, '..', '..', 'dist');

describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'case-timeline-process-'));
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on invalid configuration, naming the variable', () => {
    const result = spawnSync(process.execPath, [join(DIST, 'main.js')], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: 'eighty', LOG_LEVEL: 'loud' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
  });

  it('accepts a token from `npm run token` signed with the secret it generated into DATA_DIR', async () => {
    const token = execFileSync(process.execPath, [join(DIST, 'cli', 'token.js'), '--role', 'investigator', '--force', 'west-yorkshire'], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);

    service = await ServiceProcess.start({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const body = openCaseBody({
      victim: { ref: 'VICTIM-REF-MARKER-7731', ageAtReport: 13 },
      report: { ...openCaseBody().report, occurredAt: '2024-01-01T10:00:00Z', summary: 'FREE-TEXT-MARKER-5512' },
    });
    const reply = await service.request('POST', '/v1/cases', token.trim(), body, { 'x-request-id': 'req-marker-1' });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-request-id')).toBe('req-marker-1');
    const bad = await service.request('POST', '/v1/cases', token.trim(), { ...body, victim: { ref: 'VICTIM-REF-MARKER-7731', ageAtReport: 99 } });
    expect(bad.status).toBe(400);

    // Let the log lines of both requests reach us.
    await new Promise((r) => setTimeout(r, 200));
    const lines = service.output.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const requestLines = lines.map((line) => JSON.parse(line)).filter((log) => log.req?.id === 'req-marker-1');
    expect(requestLines.length).toBeGreaterThan(0);
    expect(service.output).not.toContain('VICTIM-REF-MARKER-7731');
    expect(service.output).not.toContain('FREE-TEXT-MARKER-5512');
    expect(service.output).not.toContain(token.trim());
  });
});
