import type { StoredEvent } from './envelope';

/**
 * A read model the kernel can replay and persist, knowing nothing of what it holds.
 * `evolve` must be pure and must not mutate `state`: checkpoints keep old states alive.
 */
export interface ReadModel<S> {
  /** Bumped whenever the state's shape changes, so stale snapshots are ignored. */
  readonly version: number;
  initial(): S;
  evolve(state: S, event: StoredEvent): S;
  serialize(state: S): unknown;
  deserialize(data: unknown): S;
}
