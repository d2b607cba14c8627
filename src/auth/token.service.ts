/**
 * Verifies bearer tokens. Development: HS256 with the dev secret. Production: the force's
 * identity provider, through JWT_JWKS_URL or JWT_PUBLIC_KEY (RS256/ES256).
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey, SignJWT } from 'jose';
import type { AppConfig } from '../config/app-config';
import { loadOrCreateDevSecret } from './dev-secret';
import { UnauthenticatedError } from './errors';
import { isRole, Principal, Role } from './principal';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

type Key = Uint8Array | KeyObject | JWTVerifyGetKey;

/** Verified tokens kept until they expire: a client sends the same token with every request. */
const CACHE_LIMIT = 10_000;

export class TokenVerifier {
  private constructor(
    private readonly key: Key,
    private readonly algorithms: string[],
    readonly mode: 'dev-hs256' | 'jwks' | 'public-key',
    private readonly now: () => number = () => Date.now(),
  ) {}

  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  static fromConfig(config: AppConfig): TokenVerifier {
    if (config.jwt.jwksUrl) {
      return new TokenVerifier(createRemoteJWKSet(new URL(config.jwt.jwksUrl)), ['RS256', 'ES256'], 'jwks');
    }
    if (config.jwt.publicKey) {
      return new TokenVerifier(createPublicKey(config.jwt.publicKey), ['RS256', 'ES256'], 'public-key');
    }
    const secret = loadOrCreateDevSecret(config.dataDir, config.jwt.secret);
    return new TokenVerifier(new TextEncoder().encode(secret), ['HS256'], 'dev-hs256');
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached && this.now() < cached.expiresAtMs) return cached.principal;
    if (cached) this.verified.delete(token);
    let payload: JWTPayload;
    try {
      // jose's overloads differ for a key and a key resolver; both are checked the same way.
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, { algorithms: this.algorithms }));
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is not valid';
      throw new UnauthenticatedError(`Bearer token refused: ${reason}`);
    }
    const principal = principalFromClaims(payload);
    // Only tokens that expire are kept, and only until then (jose checked exp and nbf just now).
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { principal, expiresAtMs: payload.exp * 1000 });
    }
    return principal;
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const sub = payload.sub;
  const rawRoles = (payload as { roles?: unknown }).roles;
  const force = (payload as { force?: unknown }).force;
  if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError('Bearer token refused: no sub claim');
  if (!Array.isArray(rawRoles) || rawRoles.length === 0) {
    throw new UnauthenticatedError('Bearer token refused: the roles claim must be a non-empty array');
  }
  const roles = rawRoles.filter(isRole);
  if (roles.length === 0) throw new UnauthenticatedError('Bearer token refused: no known role in the roles claim');
  if (typeof force !== 'string' || force === '') throw new UnauthenticatedError('Bearer token refused: no force claim');
  return { sub, roles, force };
}

export interface DevTokenClaims {
  sub: string;
  roles: Role[];
  force: string;
}

/** Signs a development token (HS256) as the service expects it, valid from `now` for `lifetimeSeconds`. */
export async function signDevToken(secret: string, claims: DevTokenClaims, lifetimeSeconds = 12 * 3600, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ roles: claims.roles, force: claims.force })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds);
  return jwt.sign(new TextEncoder().encode(secret));
}
