import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, Public, Roles } from './auth.guard';
import { RoleForbiddenError, UnauthenticatedError } from './errors';
import type { Principal } from './principal';
import type { TokenVerifier } from './token.service';

class InvestigatorRoutes {
  @Roles('investigator', 'supervisor')
  record(): void {}

  list(): void {}
}

@Roles('admin')
class AdminRoutes {
  publish(): void {}

  @Public()
  health(): void {}
}

const tokens: Record<string, Principal> = {
  investigator: { sub: 'officer-1', roles: ['investigator'], force: 'west-yorkshire' },
  analyst: { sub: 'analyst-1', roles: ['analyst'], force: 'west-yorkshire' },
};

const verifier = { verify: async (token: string) => tokens[token] ?? Promise.reject(new UnauthenticatedError('Bearer token refused')) } as unknown as TokenVerifier;

function call(cls: { prototype: object }, method: string, token?: string): { context: ExecutionContext; request: { headers: Record<string, string>; principal?: Principal } } {
  const request = { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } } as { headers: Record<string, string>; principal?: Principal };
  const handler = (cls.prototype as Record<string, () => void>)[method];
  const context = { getHandler: () => handler, getClass: () => cls, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { context, request };
}

describe('the auth guard', () => {
  it('reads a route’s decorators once, and applies them to every request of that route', async () => {
    // Given the guard, and a route that needs the investigator or supervisor role
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const guard = new AuthGuard(reflector, verifier);

    // When it is called three times, by an investigator, an analyst and someone without a token
    const first = call(InvestigatorRoutes, 'record', 'investigator');
    await expect(guard.canActivate(first.context)).resolves.toBe(true);
    await expect(guard.canActivate(call(InvestigatorRoutes, 'record', 'analyst').context)).rejects.toBeInstanceOf(RoleForbiddenError);
    await expect(guard.canActivate(call(InvestigatorRoutes, 'record').context)).rejects.toBeInstanceOf(UnauthenticatedError);

    // Then each request was judged by the route's roles, which were read only the first time
    expect(first.request.principal).toEqual(tokens.investigator);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('tells routes apart: a handler’s own decorators first, then its class’s, a public one needing no token', async () => {
    const guard = new AuthGuard(new Reflector(), verifier);

    // A route without roles of its own, in a class without any: any verified caller
    await expect(guard.canActivate(call(InvestigatorRoutes, 'list', 'analyst').context)).resolves.toBe(true);
    // A route whose class needs admin
    await expect(guard.canActivate(call(AdminRoutes, 'publish', 'investigator').context)).rejects.toBeInstanceOf(RoleForbiddenError);
    // A public route of that class: no token needed, none looked at
    const health = call(AdminRoutes, 'health');
    await expect(guard.canActivate(health.context)).resolves.toBe(true);
    expect(health.request.principal).toBeUndefined();
    // and asked again, each route still answers as its decorators say
    await expect(guard.canActivate(call(AdminRoutes, 'publish', 'investigator').context)).rejects.toBeInstanceOf(RoleForbiddenError);
    await expect(guard.canActivate(call(InvestigatorRoutes, 'list').context)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
