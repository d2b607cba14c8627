/**
 * The one place where errors become HTTP responses: application/problem+json (RFC 9457) with a
 * stable `code`. Handlers and the domain throw their own errors; nothing else formats responses.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrencyError, StoreUnavailableError, StreamNotFoundError } from '../event-store/errors';
import { AppError, ErrorKind, FieldError } from './app-error';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHENTICATED', 'Authentication required'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  406: ['NOT_ACCEPTABLE', 'Not acceptable'],
  409: ['CONFLICT', 'Conflict'],
  412: ['PRECONDITION_FAILED', 'Precondition failed'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  500: ['INTERNAL_ERROR', 'Internal error'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable'],
};

/** Fastify's own errors (body parsing, limits) keep their meaning under our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

const TOO_LARGE = 'The request body is over the 1 MiB limit: send fewer entries per request';

export function problemType(code: string): string {
  return `urn:case-timeline:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof AppError) {
    return {
      type: problemType(error.code),
      title: error.title,
      status: STATUS_BY_KIND[error.kind],
      detail: error.message,
      code: error.code,
      ...(error.errors && error.errors.length > 0 ? { errors: error.errors } : {}),
      ...(error.extensions ?? {}),
    };
  }
  if (error instanceof ConcurrencyError) {
    return build(409, 'REVISION_MISMATCH', 'The case changed while the request was handled; retry', {
      title: 'Concurrent change',
    });
  }
  if (error instanceof StreamNotFoundError) return build(404, 'NOT_FOUND', error.message);
  if (error instanceof StoreUnavailableError) return build(503, 'STORE_UNAVAILABLE', error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail =
      status === 413
        ? TOO_LARGE
        : typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? error.message);
    return build(status, CODE_BY_STATUS[status]?.[0] ?? `HTTP_${status}`, detail);
  }
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code = (fastify.code && FASTIFY_CODES[fastify.code]) ?? CODE_BY_STATUS[fastify.statusCode]?.[0] ?? `HTTP_${fastify.statusCode}`;
    const detail =
      code === 'PAYLOAD_TOO_LARGE'
        ? TOO_LARGE
        : code === 'MALFORMED_JSON'
          ? `The body is not valid JSON: ${fastify.message ?? ''}`.trim()
          : (fastify.message ?? 'Bad request');
    return build(fastify.statusCode, code, detail);
  }
  return build(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged');
}

function build(status: number, code: string, detail: string, extra: Partial<ProblemDocument> = {}): ProblemDocument {
  return {
    type: problemType(code),
    title: CODE_BY_STATUS[status]?.[1] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown, logger: Pick<Logger, 'error' | 'warn'>): void {
  const problem = { ...toProblem(error), instance: request.url.split('?')[0], requestId: String(request.id) };
  if (problem.status >= 500) {
    logger.error({ err: error, code: problem.code, requestId: problem.requestId }, 'request failed');
  }
  if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
  void reply.status(problem.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(problem);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    sendProblem(context.getResponse<FastifyReply>(), context.getRequest<FastifyRequest>(), exception, this.logger);
  }
}
