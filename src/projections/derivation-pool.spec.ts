import { DerivationPool } from './derivation-pool';

describe('DerivationPool', () => {
  it('given a worker that cannot open the store, when cases are asked for, then the request fails and the pool still closes', async () => {
    const pool = new DerivationPool({ dataDir: '/dev/null/no-such-store' }, 1);
    try {
      await expect(pool.deriveInto('/dev/null/read-models.sqlite', ['a-case'], [], false)).rejects.toThrow();
      await expect(pool.deriveInto('/dev/null/read-models.sqlite', ['another'], [], false)).rejects.toThrow();
    } finally {
      await pool.close();
    }
  }, 20000);
});
