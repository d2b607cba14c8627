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

interface RouteAccess {
  isPublic: boolean;
  roles?: Role[];
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  /**
   * What the decorators of each route say, by handler and class: they are read when the route is
   * first called rather than on every request (decorators run once, when their class is defined).
   */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.accessOf(context.getHandler(), context.getClass());
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError('Send Authorization: Bearer <token> (see `npm run token`)');
    const principal = await this.verifier.verify(match[1]);
    request.principal = principal;

    if (roles && roles.length > 0) requireAnyRole(principal, roles);
    return true;
  }

  private accessOf(handler: object, cls: object): RouteAccess {
    let byClass = this.access.get(handler);
    if (!byClass) this.access.set(handler, (byClass = new WeakMap()));
    let access = byClass.get(cls);
    if (!access) {
      const targets = [handler, cls] as Array<() => unknown>;
      access = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
      };
      byClass.set(cls, access);
    }
    return access;
  }
}

/** The verified caller of this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthenticatedError('No authenticated caller');
  return principal;
});
