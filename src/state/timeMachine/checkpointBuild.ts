import { evolveAll, initialShopState, type ShopState } from '../../domain';
import { CheckpointIndex } from '../../timeline';
import { checkpointWorker } from '../../workers';
import type { ShopRuntime } from '../shopRuntime';
import type { TimelineStore } from '../timelineStore';
import { TimelineDensity, type ZoomHow, type ZoomOutcome } from './densityPlot';
import { PresentSharing } from './presentSharing';

/** Events between checkpoints: the most a jump reads and folds (docs/decisions/003-checkpoints.md). */
const DEFAULT_INTERVAL = 1_000;
/** Events per stored block of the log: one IndexedDB value read per jump. */
const BLOCK_SIZE = 1_000;
/** How long the present must rest before the checkpoints and the plot follow it. */
const FOLLOW_AFTER_MS = 250;

export interface CheckpointBuildOptions {
  interval?: number;
  densityBuckets?: number;
}

/**
 * The timeline's checkpoints: made in a worker where there is one, built in the background after
 * start-up and whenever the present has moved, then the plot redrawn and the present shared.
 */
export class CheckpointBuild {
  readonly checkpoints: CheckpointIndex<ShopState>;
  private readonly density: TimelineDensity;
  private readonly sharing: PresentSharing;
  private readonly folder: ReturnType<typeof checkpointWorker>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly runtime: ShopRuntime,
    store: TimelineStore,
    options: CheckpointBuildOptions = {},
  ) {
    const interval = options.interval ?? DEFAULT_INTERVAL;
    // The log is read in stored blocks: a jump reads a value or two, not a thousand rows.
    const blockSize = interval % BLOCK_SIZE === 0 ? BLOCK_SIZE : interval;
    const source = {
      readInterval: (from: number, to: number) => runtime.log.readRangeViaBlocks(from, to, blockSize),
      readEvent: async (position: number) => (await runtime.log.readRange(position, position))[0],
    };
    // A worker folds the log, so the page allocates only each interval's changes.
    this.folder = checkpointWorker(runtime.log.name, blockSize);
    this.checkpoints = new CheckpointIndex(
      source,
      evolveAll,
      initialShopState(),
      interval,
      (build) => store.setState({ build }),
      this.folder?.feed,
    );
    this.density = new TimelineDensity(runtime.log, this.checkpoints, store, options.densityBuckets);
    this.sharing = new PresentSharing(runtime, this.checkpoints);
  }

  /** The first build, once the present is on screen (its first layout should not share the cores). */
  start(): void {
    void afterNextPaint().then(() => {
      if (!this.disposed) this.buildInBackground();
    });
  }

  /** The present moved: build (and then `settled`) once it has rested a moment. */
  presentMoved(settled: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.buildInBackground();
      settled();
    }, FOLLOW_AFTER_MS);
  }

  /** The log's history after `position` was written anew: checkpoints and plot past it go, and are built again. */
  rewritten(position: number): void {
    this.checkpoints.forgetAfter(position);
    this.density.cutBack();
    this.buildInBackground();
  }

  refreshDensity(): Promise<void> {
    return this.density.refresh();
  }

  zoomTo(start: number, end: number, how: ZoomHow): ZoomOutcome {
    return this.density.zoomTo(start, end, how);
  }

  zoomOut(all: boolean): void {
    this.density.zoomOut(all);
  }

  timeOf(position: number): number | null {
    return this.density.timeOf(position);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.folder?.close();
  }

  /** Extends the checkpoints to the present, then redraws the plot; a closed log just stops it. */
  private buildInBackground(): void {
    this.checkpoints
      .ensureBuilt(this.runtime.store.getState().position)
      .then(() => Promise.all([this.density.refresh(), this.sharing.share()]))
      .catch((error: unknown) => console.warn('Timeline checkpoints not built', error));
  }
}

/** Resolves once the next frame is painted, or soon anyway where there are no frames (a hidden tab, tests). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
