import { categoryOf, type ShopState } from '../../domain';
import { DensityPlot, type CheckpointIndex } from '../../timeline';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';

const DEFAULT_BUCKETS = 120;

/** The density plot: every event the checkpoint build passes, plus the tail beyond it. */
export class TimelineDensity {
  private readonly plot = new DensityPlot(categoryOf);

  constructor(
    private readonly log: ShopRuntime['log'],
    private readonly checkpoints: CheckpointIndex<ShopState>,
    private readonly store: TimelineStore,
    private readonly bucketCount = DEFAULT_BUCKETS,
  ) {
    checkpoints.observe((marks) => this.plot.add(marks));
  }

  async refresh(): Promise<void> {
    const tail = await this.log.readRange(this.checkpoints.builtUpTo + 1);
    this.store.setState({ density: this.plot.buckets(this.bucketCount, tail) });
  }
}
