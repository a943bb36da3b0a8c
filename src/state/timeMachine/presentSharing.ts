import { sameSizes, type ShopState } from '../../domain';
import type { CheckpointIndex } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';

/**
 * Intervals the present must have moved (start-up, an import, a long session) before it is
 * swapped for the equal state folded from the checkpoints; each swap re-renders the open view.
 */
const SHARE_AFTER_INTERVALS = 4;

/**
 * Lets the present read model share the checkpoints' structure: loaded from a snapshot (or folded
 * by an import), it would otherwise be a second full copy of the shop in the heap. The state
 * folded from the checkpoints is equal by the rule the fold's tests check (state at k == replay of
 * the first k events); see docs/decisions/003-checkpoints.md.
 */
export class PresentSharing {
  /** Where the present last took the state folded from the checkpoints. */
  private sharedAt = 0;

  constructor(
    private readonly runtime: Pick<ShopRuntime, 'store' | 'engine'>,
    private readonly checkpoints: CheckpointIndex<ShopState>,
  ) {}

  async share(): Promise<void> {
    const position = this.runtime.store.getState().position;
    const { builtUpTo, interval } = this.checkpoints;
    if (position - this.sharedAt < SHARE_AFTER_INTERVALS * interval || builtUpTo + interval <= position) return;
    const state = await this.checkpoints.stateAt(position);
    const { engine } = this.runtime;
    // A cheap guard: a shop with other sizes would be a bug in a fold, not a reason to show it.
    if (!sameSizes(state, engine.projection.state)) {
      console.warn(`The state folded from checkpoints at #${position} differs from the present; keeping the present.`);
      return;
    }
    if (await engine.adoptEqualState(state, position)) this.sharedAt = position;
  }
}
