import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from './errors';
import { requireAnyRole } from './policy';
import type { Principal, Role } from './principal';
import { TOKEN_VERIFIER, TokenVerifier } from './token.service';

const IS_PUBLIC = 'caseTimeline:isPublic';
const REQUIRED_ROLES = 'caseTimeline:roles';

/** No bearer token needed (health, metrics, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The caller needs at least one of these roles; finer rules (force, entry type) live in policy.ts. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Send Authorization: Bearer <token> (see `npm run token`)');
    const principal = await this.verifier.verify(match[1]);
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0) requireAnyRole(principal, roles);
    return true;
  }
}

/** The verified caller of this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthenticatedError('No authenticated caller');
  return principal;
});
