import type { UnchainedEvent } from './envelope';

/**
 * A read model the kernel can replay and persist, knowing nothing of what it holds.
 * `evolve` must be pure and must not mutate `state`: checkpoints keep old states alive.
 */
export interface ReadModel<S> {
  /** Bumped whenever the state's shape changes, so stale snapshots are ignored. */
  readonly version: number;
  initial(): S;
  evolve(state: S, event: UnchainedEvent): S;
  /**
   * Optional: folds many events at once, with the same result as `evolve` one by one (e.g. by
   * editing the state's collections in place while folding, leaving `state` itself untouched).
   */
  evolveAll?(state: S, events: readonly UnchainedEvent[]): S;
  serialize(state: S): unknown;
  deserialize(data: unknown): S;
  /**
   * Optional, for large states: the state as keyed rows, and with `previous` (the state saved
   * last) only the rows that differ and the keys that are gone, so a snapshot rewrites what
   * changed since the last one instead of the whole state. Finding what changed can take time in
   * proportion to the state: a generator that yields now and then lets the caller give the
   * browser a turn between steps (the result is the generator's return value).
   */
  snapshotRows?(state: S, previous: S | null): SnapshotRows | Generator<void, SnapshotRows, void>;
  fromSnapshotRows?(rows: ReadonlyArray<readonly [string, unknown]>): S;
}

export interface SnapshotRows {
  put: Array<[string, unknown]>;
  remove: string[];
}
