/**
 * A partially persistent map ("fat node" versioning). Every write is stamped with a version and a
 * reader asks for a key as of a version, so several immutable case states can share one map:
 * a state at version n never sees what was written after n.
 *
 * Why not copy a Map per evolve: a case holds thousands of events, and folding them would copy
 * the map once per event (quadratic). Why not a mutable Map shared by all states: evolving a
 * state would then change what its predecessor answers. Here evolve is O(1) on the usual
 * straight path (fold a stream, then decide), and only a state evolved twice (a branch) pays
 * one copy of the map.
 */
interface Cell<V> {
  readonly version: number;
  /** undefined: the key was removed at this version. */
  readonly value: V | undefined;
}

export class VersionedMap<K, V> {
  private readonly cells = new Map<K, Cell<V>[]>();

  /** The value of `key` as a state at `version` sees it. */
  get(key: K, version: number): V | undefined {
    const history = this.cells.get(key);
    if (!history) return undefined;
    // A key changes a handful of times at most (recorded, corrected, retracted), so a backward
    // scan beats a binary search.
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i].version <= version) return history[i].value;
    }
    return undefined;
  }

  /** Callers write versions in increasing order only (see CaseIndex.writableAt). */
  set(key: K, value: V | undefined, version: number): void {
    const history = this.cells.get(key);
    if (history) history.push({ version, value });
    else this.cells.set(key, [{ version, value }]);
  }

  /** A new map holding only what a state at `version` sees. */
  copyUpTo(version: number): VersionedMap<K, V> {
    const copy = new VersionedMap<K, V>();
    for (const [key, history] of this.cells) {
      const kept = history.filter((cell) => cell.version <= version);
      if (kept.length > 0) copy.cells.set(key, kept);
    }
    return copy;
  }
}
