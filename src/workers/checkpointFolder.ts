import type { ReplayEvent } from '../es';
import { evolveAll, initialShopState, shopChanges, splitShopChanges, type ShopState } from '../domain';
import { marksOf } from '../timeline';
import type { CheckpointMade } from './checkpointProtocol';
import { toJsonBytes } from './jsonBytes';

/**
 * Entries per part of an interval's changes. The page takes each part in a task of its own: what
 * a task allocates is what V8 paces its marking steps by, and an interval's changes at a million
 * events (~260 KB of JSON) taken at once ran into 60–80 ms of marking at the end of a collection.
 */
const PART_ENTRIES = 100;

/** How the folder reads the log (EventLog's block reads). */
export interface IntervalReader {
  readRangeViaBlocks(from: number, to: number, blockSize: number): Promise<ReplayEvent[]>;
}

/**
 * The worker's half of the checkpoint build: folds the log interval by interval, keeping only the
 * latest state, and hands over what each interval changed. Reading and folding a million events
 * allocates gigabytes that die young; here they die in the worker's heap, not the page's.
 */
export class CheckpointFolder {
  private position = 0;
  private state: ShopState = initialShopState();

  constructor(
    private readonly log: IntervalReader,
    private readonly partEntries = PART_ENTRIES,
  ) {}

  /** The interval [from, to], after the one asked for last (or from 1); null when the log is shorter. */
  async next(from: number, to: number, blockSize: number): Promise<CheckpointMade | null> {
    if (from === 1) this.restart();
    else if (from !== this.position + 1) {
      throw new Error(`Checkpoints asked for #${from}–#${to} while the worker has folded up to #${this.position}.`);
    }
    const events = await this.log.readRangeViaBlocks(from, to, blockSize);
    if (events.length < to - from + 1) return null;
    const state = evolveAll(this.state, events);
    const changes = shopChanges(this.state, state);
    this.state = state;
    this.position = to;
    return { parts: splitShopChanges(changes, this.partEntries).map(toJsonBytes), marks: marksOf(events) };
  }

  private restart(): void {
    this.position = 0;
    this.state = initialShopState();
  }
}
