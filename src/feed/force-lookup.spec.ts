import { StreamNotFoundError } from '../event-store/errors';
import type { StoredEvent } from '../event-store/event-store.port';
import { ForceLookup } from './force-lookup';

function fakeStore(forces: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    async readStream(streamId: string): Promise<StoredEvent[]> {
      reads.push(streamId);
      await new Promise((r) => setImmediate(r));
      const force = forces[streamId.slice('case-'.length)];
      if (!force) throw new StreamNotFoundError(streamId);
      return [{ type: 'CaseOpened', data: { force } } as unknown as StoredEvent];
    },
  };
}

describe('looking up the force of a case', () => {
  it('reads the case\'s CaseOpened once, then answers from memory', async () => {
    const store = fakeStore({ a: 'west-yorkshire' });
    const lookup = new ForceLookup(store);
    expect(lookup.cached('a')).toBeUndefined();
    expect(await lookup.forceOf('a')).toBe('west-yorkshire');
    expect(await lookup.forceOf('a')).toBe('west-yorkshire');
    expect(lookup.cached('a')).toBe('west-yorkshire');
    expect(store.reads).toEqual(['case-a']);
  });

  it('shares one read between concurrent lookups of the same case', async () => {
    const store = fakeStore({ a: 'merseyside' });
    const lookup = new ForceLookup(store);
    expect(await Promise.all([lookup.forceOf('a'), lookup.forceOf('a'), lookup.forceOf('a')])).toEqual(['merseyside', 'merseyside', 'merseyside']);
    expect(store.reads).toHaveLength(1);
  });

  it('needs no read for a case whose CaseOpened it has seen go by', async () => {
    const store = fakeStore({});
    const lookup = new ForceLookup(store);
    lookup.remember('b', 'kent');
    expect(await lookup.forceOf('b')).toBe('kent');
    expect(store.reads).toEqual([]);
  });

  it('answers undefined for a case that has no stream', async () => {
    expect(await new ForceLookup(fakeStore({})).forceOf('nope')).toBeUndefined();
  });

  it('stays within its capacity, forgetting the case used least recently', async () => {
    const lookup = new ForceLookup(fakeStore({}), 2);
    lookup.remember('a', 'f1');
    lookup.remember('b', 'f2');
    expect(lookup.cached('a')).toBe('f1');
    lookup.remember('c', 'f3');
    expect(lookup.size).toBe(2);
    expect(lookup.cached('b')).toBeUndefined();
    expect(lookup.cached('a')).toBe('f1');
    expect(lookup.cached('c')).toBe('f3');
  });
});
