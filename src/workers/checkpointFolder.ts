import type { EventLog } from '../es';
import { evolveAll, initialShopState, shopChanges, shopReadModel, splitShopChanges, type ShopState } from '../domain';
import { marksOf } from '../timeline';
import type { CheckpointMade } from './checkpointProtocol';
import { toJsonParts } from './jsonBytes';

/**
 * Entries per part of an interval's changes: the page applies each part in a task of its own, so
 * no task allocates enough to stall on the collector (figures in docs/decisions/003-checkpoints.md).
 */
const PART_ENTRIES = 50;

/** Blocks read at a time while a fresh worker folds its way to where the page's checkpoints are. */
const CATCH_UP_BLOCKS = 8;

/** How the folder reads the log (EventLog's block reads). */
export type IntervalReader = Pick<EventLog, 'readRangeViaBlocks' | 'originState'>;

/**
 * The worker's half of the checkpoint build: folds the log interval by interval, keeping only the
 * latest state, and hands over what each interval changed (the registry's collections, through
 * shopChanges). What reading and folding allocate dies here, in the worker's heap, not the page's.
 */
export class CheckpointFolder {
  private position = 0;
  private state: ShopState = initialShopState();
  /** Whether position and state are the log's start (its origin) or later; set on first use. */
  private started = false;

  constructor(
    private readonly log: IntervalReader,
    private readonly partEntries = PART_ENTRIES,
  ) {}

  /**
   * What the interval [from, to] changed; null when the log is shorter. Intervals are asked for in
   * order; a worker started afresh (or asked for an earlier one) first folds its way to `from - 1`.
   */
  async next(from: number, to: number, blockSize: number): Promise<CheckpointMade | null> {
    if (!this.started || from <= this.position) await this.restart();
    if (!(await this.catchUp(from - 1, blockSize))) return null;
    const events = await this.log.readRangeViaBlocks(from, to, blockSize);
    if (events.length < to - from + 1) return null;
    const state = evolveAll(this.state, events);
    const changes = shopChanges(this.state, state);
    this.state = state;
    this.position = to;
    return { parts: toJsonParts(splitShopChanges(changes, this.partEntries)), marks: marksOf(events) };
  }

  /** Folds up to `position` without handing anything over, a few blocks per read; false if the log is shorter. */
  private async catchUp(position: number, blockSize: number): Promise<boolean> {
    while (this.position < position) {
      const to = Math.min(position, this.position + CATCH_UP_BLOCKS * blockSize);
      const events = await this.log.readRangeViaBlocks(this.position + 1, to, blockSize);
      if (events.length < to - this.position) return false;
      this.state = evolveAll(this.state, events);
      this.position = to;
    }
    return true;
  }

  /** Back to where the log starts: its origin's state when its beginning was archived. */
  private async restart(): Promise<void> {
    const origin = await this.log.originState();
    this.position = origin?.position ?? 0;
    this.state = origin ? shopReadModel.deserialize(origin.data) : initialShopState();
    this.started = true;
  }
}
