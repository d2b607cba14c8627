import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { logRequests, requestIdOf } from './logging';

async function served(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = pino({ level }, sink);
  const app = Fastify({ genReqId: requestIdOf });
  logRequests(app, logger);
  app.post('/v1/cases', async (_request, reply) => reply.code(201).send({ ok: true }));
  app.get('/v1/cases/:caseId', async (_request, reply) => reply.code(404).send({ code: 'CASE_NOT_FOUND' }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  app.get('/health', async () => ({ ok: true }));
  app.get('/metrics', async () => 'metrics');
  await app.ready();
  return { app, logs: () => lines.map((line) => JSON.parse(line) as Record<string, any>) }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the request log line', () => {
  it('names the request by its id, method and path, with the status and time taken, and nothing from the body or headers', async () => {
    const { app, logs } = await served();
    await app.inject({
      method: 'POST',
      url: '/v1/cases?force=west-yorkshire',
      headers: { 'x-request-id': 'req-7', authorization: 'Bearer SECRET-TOKEN-MARKER' },
      payload: { victim: { ref: 'VICTIM-MARKER' } },
    });
    expect(logs()).toEqual([
      expect.objectContaining({
        level: 30,
        req: { id: 'req-7', method: 'POST', path: '/v1/cases' },
        res: { statusCode: 201 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      }),
    ]);
    expect(JSON.stringify(logs())).not.toMatch(/MARKER|force=/);
  });

  it('is a warning for a refused request and an error for a failed one', async () => {
    const { app, logs } = await served();
    await app.inject({ method: 'GET', url: '/v1/cases/123' });
    await app.inject({ method: 'GET', url: '/boom' });
    expect(logs().map((log) => [log.res?.statusCode, log.level])).toEqual([
      [404, 40],
      [500, 50],
    ]);
  });

  it('is left out for the routes machines poll, and when logging is off', async () => {
    const polled = await served();
    await polled.app.inject({ method: 'GET', url: '/health' });
    await polled.app.inject({ method: 'GET', url: '/metrics' });
    expect(polled.logs()).toEqual([]);
    const silent = await served('silent');
    await silent.app.inject({ method: 'POST', url: '/v1/cases' });
    expect(silent.logs()).toEqual([]);
  });

  it('carries a made-up id when the caller sends none, or one that is not sane', async () => {
    const { app, logs } = await served();
    await app.inject({ method: 'POST', url: '/v1/cases' });
    await app.inject({ method: 'POST', url: '/v1/cases', headers: { 'x-request-id': 'bad id with spaces' } });
    for (const log of logs()) expect(log.req.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
