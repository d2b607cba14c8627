/**
 * The baseline of the HTTP figure: bare Fastify (no Nest, no auth, no validation, no store) with
 * one POST route at the same path that parses the same JSON body and answers 201 with a body
 * shaped like the real one. Run, stopped and measured exactly as the app server is.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { reportFailure, serveUntilStopped } from '../lib/child';

interface Entry {
  eventId: string;
  type: string;
}

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.post<{ Params: { caseId: string }; Body: { events: Entry[] } }>('/v1/cases/:caseId/events', async (request, reply) => {
    const events = request.body.events.map((e, i) => ({ eventId: e.eventId, type: e.type, revision: i, position: String(i + 1) }));
    void reply.code(201).header('Location', `/v1/cases/${request.params.caseId}`).header('ETag', `"${events.length - 1}"`);
    return { caseId: request.params.caseId, revision: events.length - 1, events };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  serveUntilStopped(port, () => app.close());
}

main().catch(reportFailure);
