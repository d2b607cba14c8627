import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { UnauthenticatedError } from '../auth/errors';
import type { RequestContext } from './request-context';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Who is asking, and the ids that tie the events this request writes to it. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new UnauthenticatedError('No authenticated caller');
  const header = request.headers['x-correlation-id'];
  const requestId = String(request.id);
  const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : requestId;
  return { principal: request.principal, correlationId, requestId };
});
