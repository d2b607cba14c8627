import { DerivationPool } from './derivation-pool';

describe('DerivationPool', () => {
  it('given a worker that cannot open the store, when cases are asked for, then the request fails and the pool still closes', async () => {
    const pool = new DerivationPool({ dataDir: '/dev/null/no-such-store' }, 1);
    try {
      await expect(pool.derive(['a-case'], [])).rejects.toThrow();
      await expect(pool.derive(['another'], [])).rejects.toThrow();
    } finally {
      await pool.close();
    }
  }, 20000);
});
