import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { DEV_SECRET_FILE, loadOrCreateDevSecret } from './dev-secret';
import { UnauthenticatedError } from './errors';
import { signDevToken, TokenVerifier } from './token.service';

describe('development tokens', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-token-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a secret into DATA_DIR once, readable only by its owner, and reuses it', () => {
    const first = loadOrCreateDevSecret(dataDir);
    expect(loadOrCreateDevSecret(dataDir)).toBe(first);
    expect(readFileSync(join(dataDir, DEV_SECRET_FILE), 'utf8').trim()).toBe(first);
    expect(statSync(join(dataDir, DEV_SECRET_FILE)).mode & 0o077).toBe(0);
  });

  it('verifies a token signed for that secret into the caller', async () => {
    const token = await signDevToken(loadOrCreateDevSecret(dataDir), { sub: 'pc-123', roles: ['investigator'], force: 'west-yorkshire' });
    await expect(TokenVerifier.fromConfig(config).verify(token)).resolves.toEqual({
      sub: 'pc-123',
      roles: ['investigator'],
      force: 'west-yorkshire',
    });
  });

  it('refuses a token signed with another secret, an expired one, and garbage', async () => {
    const verifier = TokenVerifier.fromConfig(config);
    const other = await signDevToken('x'.repeat(48), { sub: 'a', roles: ['admin'], force: 'f' });
    const expired = await signDevToken(loadOrCreateDevSecret(dataDir), { sub: 'a', roles: ['admin'], force: 'f' }, 1, new Date('2020-01-01T00:00:00Z'));
    await expect(verifier.verify(other)).rejects.toThrow(UnauthenticatedError);
    await expect(verifier.verify(expired)).rejects.toThrow(UnauthenticatedError);
    await expect(verifier.verify('not-a-token')).rejects.toThrow(UnauthenticatedError);
  });

  it('answers a token it verified before from memory, until the token expires', async () => {
    const verifier = TokenVerifier.fromConfig(config);
    const issued = new Date();
    const token = await signDevToken(loadOrCreateDevSecret(dataDir), { sub: 'pc-7', roles: ['investigator'], force: 'f' }, 60, issued);
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    jest.useFakeTimers({ now: issued.getTime() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await expect(verifier.verify(token)).rejects.toThrow('expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token without a known role or a force', async () => {
    const secret = loadOrCreateDevSecret(dataDir);
    const verifier = TokenVerifier.fromConfig(config);
    const noRole = await signDevToken(secret, { sub: 'a', roles: ['janitor' as never], force: 'f' });
    const noForce = await signDevToken(secret, { sub: 'a', roles: ['admin'], force: '' });
    await expect(verifier.verify(noRole)).rejects.toThrow('no known role');
    await expect(verifier.verify(noForce)).rejects.toThrow('no force claim');
  });
});
