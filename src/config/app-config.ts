/**
 * Typed configuration read once from the environment (DESIGN.md section 6, "Configuration").
 * An invalid value stops start-up with a message naming the variable, so a misconfigured
 * deployment never starts half-working.
 */
import { isAbsolute, resolve } from 'node:path';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Unset: the embedded SQLite store in dataDir. */
  eventStoreConnectionString?: string;
  jwt: {
    /** HS256 secret (development); when unset and no JWKS/public key is set, one is generated into dataDir. */
    secret?: string;
    jwksUrl?: string;
    /** PEM-encoded SPKI public key for RS256/ES256. */
    publicKey?: string;
  };
  feedPseudonymKey?: string;
  logLevel: LogLevel;
  /** Request bodies over this many bytes get 413. */
  bodyLimitBytes: number;
  /** Worker threads deriving the read models (0: on the event loop, between requests). */
  projectionWorkers: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];

  let port = 3000;
  const rawPort = nonEmpty(env, 'PORT');
  if (rawPort !== undefined) {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port < 0 || port > 65535) {
      problems.push(`PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
    }
  }

  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';

  const rawDataDir = nonEmpty(env, 'DATA_DIR') ?? './data';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(cwd, rawDataDir);

  const eventStoreConnectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  if (eventStoreConnectionString !== undefined && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(eventStoreConnectionString)) {
    problems.push(
      'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (e.g. esdb://localhost:2113?tls=false)',
    );
  }

  const secret = nonEmpty(env, 'JWT_SECRET');
  if (secret !== undefined && Buffer.byteLength(secret) < 32) {
    problems.push('JWT_SECRET must be at least 32 bytes long (HS256 needs a 256-bit key)');
  }
  const jwksUrl = nonEmpty(env, 'JWT_JWKS_URL');
  if (jwksUrl !== undefined) {
    try {
      const url = new URL(jwksUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    } catch {
      problems.push(`JWT_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
    }
  }
  const publicKey = nonEmpty(env, 'JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  if (publicKey !== undefined && !publicKey.includes('-----BEGIN PUBLIC KEY-----')) {
    problems.push('JWT_PUBLIC_KEY must be a PEM-encoded public key (-----BEGIN PUBLIC KEY-----)');
  }
  if (jwksUrl !== undefined && publicKey !== undefined) {
    problems.push('JWT_JWKS_URL and JWT_PUBLIC_KEY are both set: set only one');
  }

  const feedPseudonymKey = nonEmpty(env, 'FEED_PSEUDONYM_KEY');
  if (feedPseudonymKey !== undefined && Buffer.byteLength(feedPseudonymKey) < 32) {
    problems.push('FEED_PSEUDONYM_KEY must be at least 32 bytes long');
  }

  const rawLevel = (nonEmpty(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(rawLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  let projectionWorkers = 1;
  const rawWorkers = nonEmpty(env, 'PROJECTION_WORKERS');
  if (rawWorkers !== undefined) {
    projectionWorkers = Number(rawWorkers);
    if (!/^\d+$/.test(rawWorkers.trim()) || projectionWorkers > 16) problems.push(`PROJECTION_WORKERS must be a whole number from 0 to 16, got "${rawWorkers}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port,
    host,
    dataDir,
    eventStoreConnectionString,
    jwt: { secret, jwksUrl, publicKey },
    feedPseudonymKey,
    logLevel: rawLevel as LogLevel,
    bodyLimitBytes: 1024 * 1024,
    projectionWorkers,
  };
}
