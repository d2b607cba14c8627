/**
 * The feed's pseudonym key: FEED_PSEUDONYM_KEY when set, otherwise one generated into DATA_DIR on
 * first use and reused after, so `npm start` works without set-up and a pseudonym an analyst has
 * stored still joins after a restart. Losing or changing the key breaks every join downstream.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmacPseudonymiser, Pseudonymiser } from './pseudonymise';

export const PSEUDONYM_KEY_FILE = 'feed-pseudonym-key';

export interface PseudonymKeySource {
  dataDir: string;
  fromEnv?: string;
  /** Told when a key was generated rather than configured. */
  onGenerated?: (file: string) => void;
}

export function loadOrCreatePseudonymKey({ dataDir, fromEnv, onGenerated }: PseudonymKeySource): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, PSEUDONYM_KEY_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  try {
    // 'wx': when the service and the export CLI start together, the first write wins and the other reads it.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    onGenerated?.(file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}

/** A pseudonymiser that reads (or creates) its key the first time it is needed. */
export function lazyPseudonymiser(source: PseudonymKeySource): Pseudonymiser {
  let pseudonymise: Pseudonymiser | undefined;
  return (kind, force, value) => {
    pseudonymise ??= hmacPseudonymiser(loadOrCreatePseudonymKey(source));
    return pseudonymise(kind, force, value);
  };
}
