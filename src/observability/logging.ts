/**
 * Structured JSON logs (pino; Nest's own logger through nestjs-pino). One line per request, with
 * its id; nothing from bodies or headers is logged, so no victim or suspect reference and no free
 * text (summaries, notes) ever reaches a log.
 *
 * The request line is written by a Fastify hook once the answer has gone, from what Fastify
 * already knows (id, method, route, status, time taken), rather than by pino-http as a Nest
 * middleware: that middleware made a child logger for every request, ran Express-style middleware
 * through @fastify/middie, and kept the request in an AsyncLocalStorage, which hooks every promise
 * the request creates. Log lines written while serving a request name its id themselves (see the
 * problem-details filter).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Params } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Routes polled by machines: a line per poll would bury the requests people make. */
const NOT_LOGGED = new Set(['/metrics', '/health']);

/** Fastify's genReqId: the caller's X-Request-Id when sane, else a UUID. */
export function requestIdOf(raw: IncomingMessage): string {
  const header = raw.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

export function createLogger(config: AppConfig): Logger {
  return pino({ level: config.logLevel });
}

/**
 * nestjs-pino for Nest's own log lines (start-up, shutdown, errors), on `logger`. It takes its
 * root logger from pinoHttp; forRoutes is empty because the request line is the hook's below.
 */
export function loggerModuleParams(logger: Logger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}

/** Writes the request line of every request but the polled routes, at a level set by its status. */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const statusCode = reply.statusCode;
    const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
    const path = logger.isLevelEnabled(level) ? request.url.split('?')[0] : undefined;
    if (path !== undefined && !NOT_LOGGED.has(path)) {
      logger[level](
        { req: { id: String(request.id), method: request.method, path }, res: { statusCode }, responseTime: Math.round(reply.elapsedTime) },
        'request completed',
      );
    }
    done();
  });
}
