import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lazyPseudonymiser, loadOrCreatePseudonymKey, PSEUDONYM_KEY_FILE } from './pseudonym-key';
import { hmacPseudonymiser } from './pseudonymise';

describe('the feed pseudonym key', () => {
  const root = mkdtempSync(join(tmpdir(), 'ct-psn-'));
  let n = 0;
  const newDataDir = () => join(root, String(++n));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is FEED_PSEUDONYM_KEY when set, and then nothing is written', () => {
    const dataDir = newDataDir();
    expect(loadOrCreatePseudonymKey({ dataDir, fromEnv: 'k'.repeat(40) })).toBe('k'.repeat(40));
    expect(existsSync(join(dataDir, PSEUDONYM_KEY_FILE))).toBe(false);
  });

  it('is otherwise generated into DATA_DIR once, readable only by its owner, and reused after', () => {
    const dataDir = newDataDir();
    const generated: string[] = [];
    const first = loadOrCreatePseudonymKey({ dataDir, onGenerated: (file) => generated.push(file) });
    expect(loadOrCreatePseudonymKey({ dataDir, onGenerated: (file) => generated.push(file) })).toBe(first);
    expect(generated).toEqual([join(dataDir, PSEUDONYM_KEY_FILE)]);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, PSEUDONYM_KEY_FILE), 'utf8').trim()).toBe(first);
    expect(statSync(join(dataDir, PSEUDONYM_KEY_FILE)).mode & 0o077).toBe(0);
  });

  it('is created on first use only, and gives the same pseudonyms as the key itself', () => {
    const dataDir = newDataDir();
    const lazy = lazyPseudonymiser({ dataDir });
    expect(existsSync(join(dataDir, PSEUDONYM_KEY_FILE))).toBe(false);
    const pseudonym = lazy('victim', 'west-yorkshire', 'V-1');
    const key = readFileSync(join(dataDir, PSEUDONYM_KEY_FILE), 'utf8').trim();
    expect(pseudonym).toBe(hmacPseudonymiser(key)('victim', 'west-yorkshire', 'V-1'));
    expect(lazyPseudonymiser({ dataDir })('victim', 'west-yorkshire', 'V-1')).toBe(pseudonym);
  });
});
