import type { ReplayEvent, StoredEvent } from '../es';
import { marksOf, type EventMarks } from './density';

/** The part of the log a what-if replay reads: ranges of global positions. */
export interface EventSource {
  readRange(from: number, to?: number, limit?: number): Promise<StoredEvent[]>;
}

/** Folds need only an event's replay part, so whole events and replay parts both fold. */
export type Fold<S> = (state: S, event: ReplayEvent) => S;

/** Folds events in order, with the same result as a `Fold` one by one (but free to be cheaper). */
export type FoldAll<S> = (state: S, events: readonly ReplayEvent[]) => S;

/** How the index reads the log. */
export interface CheckpointSource {
  /**
   * The replay parts of the events in [from, to]: only ever a range inside one interval (between
   * two neighbouring checkpoints), so a source can serve each interval as one or two stored blocks.
   */
  readInterval(from: number, to: number): Promise<ReplayEvent[]>;
  /** The whole event at a position (what the cursor shows: its ids, causation and tags too). */
  readEvent(position: number): Promise<StoredEvent | undefined>;
}

/**
 * Makes checkpoints somewhere else (a worker that reads and folds the log itself) and hands each
 * one over, so that the page allocates only what it keeps.
 */
export interface CheckpointFeed<S> {
  /**
   * The state at `to`, given `previous`, the state at `from - 1` (asked for in order, from 1), with
   * the marks of the events in between; null when the log does not reach `to` yet.
   */
  next(previous: S, from: number, to: number): Promise<{ state: S; marks: EventMarks } | null>;
  /** The build caught up for now: let go of what the feed holds (a worker and its state). */
  release(): void;
}

/**
 * Intervals a build must have ahead of it to be fed (at start-up, after an import); fewer (events
 * appended while the app runs) are folded here, a few milliseconds each, rather than wake a worker
 * that may first have to fold its way through the whole log.
 */
const FEED_FROM_INTERVALS = 4;

export interface BuildProgress {
  built: number;
  total: number;
}

/** Gives the browser a turn (input, paint) between slices of work. */
export const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Scheduler {
  yield?: () => Promise<void>;
  postTask?: (callback: () => void, options: { priority: 'user-blocking' | 'user-visible' | 'background' }) => Promise<void>;
}

const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;

/**
 * The same, without the 4 ms that nested timeouts wait: where the browser has scheduler.yield(),
 * input and paint still go first, but many short slices in a row do not idle between them.
 */
export const nextTurn: () => Promise<void> = scheduler?.yield ? () => scheduler.yield!() : yieldToBrowser;

/**
 * Resolves once the page has nothing more urgent to run: a background-priority task waits for
 * the tasks of higher priority already queued, among them the young-generation collection that V8
 * schedules as a task of its own when its nursery is nearly full. Without scheduler.postTask, a
 * turn as above.
 */
const afterPendingTasks: () => Promise<void> = scheduler?.postTask
  ? () => scheduler.postTask!(() => undefined, { priority: 'background' })
  : yieldToBrowser;

/**
 * Leaves the main thread idle for as long as the last interval took. Building checkpoints
 * grows a big heap fast; with no idle time the garbage collector's concurrent marking fell behind
 * and V8 finished it on the main thread in 100–300 ms steps (traced at a million events). Resting
 * half the time roughly doubles the build (6 → 10 s at 1M) and left one or two such pauses.
 */
const restAsLongAs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, ms)));

/**
 * States of the read model every `interval` events, kept side by side. They share structure
 * (persistent maps), so each costs roughly what changed in its interval. The state at any k is
 * the checkpoint at or below k plus at most `interval - 1` events read from the log.
 */
export class CheckpointIndex<S> {
  private readonly states: S[] = [];
  /** Positions covered by checkpoints: states[i] is the state at i * interval. */
  private builtTo = 0;
  private building: Promise<void> | null = null;
  private target = 0;
  /** The furthest position someone waits on (a jump), as opposed to a build in the background. */
  private awaited = 0;
  /**
   * The state last asked for: stepping forward from it folds only the events in between. (A state,
   * not the events read for it: it is alive anyway, being shown, whereas events kept between
   * jumps would be copied by every scavenge of the young generation.)
   */
  private last: { position: number; state: S } | null = null;
  private readonly observers = new Set<(marks: EventMarks) => void>();

  constructor(
    private readonly source: CheckpointSource,
    private readonly foldAll: FoldAll<S>,
    initial: S,
    readonly interval: number,
    private readonly onProgress: (progress: BuildProgress) => void = () => undefined,
    private feed: CheckpointFeed<S> | null = null,
  ) {
    this.states.push(initial);
  }

  /** Sees the marks of every event the build passes, once, in order (e.g. to plot their density). */
  observe(observer: (marks: EventMarks) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  get builtUpTo(): number {
    return this.builtTo;
  }

  /** Builds checkpoints up to `position` in short slices; concurrent callers share the work. */
  ensureBuilt(position: number): Promise<void> {
    this.target = Math.max(this.target, position);
    if (this.builtTo + this.interval > this.target) return Promise.resolve();
    if (!this.building) {
      this.building = this.buildLoop().finally(() => {
        this.building = null;
      });
    }
    return this.building;
  }

  /** The state after the event at `position` (0 = before any event). */
  async stateAt(position: number): Promise<S> {
    this.awaited = Math.max(this.awaited, position);
    await this.ensureBuilt(position);
    const index = Math.min(Math.floor(position / this.interval), this.states.length - 1);
    const base = index * this.interval;
    const last = this.last;
    const from = last && last.position <= position && last.position >= base ? last : { position: base, state: this.states[index] as S };
    if (from.position === position) return from.state;
    const state = this.foldAll(from.state, await this.source.readInterval(from.position + 1, position));
    this.last = { position, state };
    return state;
  }

  /** The state after the event at `position`, and that whole event (none at 0), read side by side. */
  async stateAndEventAt(position: number): Promise<{ state: S; event: StoredEvent | undefined }> {
    const [state, event] = await Promise.all([
      this.stateAt(position),
      position > 0 ? this.source.readEvent(position) : Promise.resolve(undefined),
    ]);
    return { state, event };
  }

  /** The nearest checkpoint at or below `position`, for callers that fold onwards themselves. */
  checkpointAtOrBelow(position: number): { position: number; state: S } {
    const index = Math.min(Math.floor(position / this.interval), this.states.length - 1);
    return { position: index * this.interval, state: this.states[index] as S };
  }

  private async buildLoop(): Promise<void> {
    const feed = this.builtTo + FEED_FROM_INTERVALS * this.interval <= this.target ? this.feed : null;
    try {
      await this.buildWith(feed);
    } finally {
      feed?.release();
    }
  }

  private async buildWith(feed: CheckpointFeed<S> | null): Promise<void> {
    while (this.builtTo + this.interval <= this.target) {
      const began = performance.now();
      const from = this.builtTo + 1;
      const to = this.builtTo + this.interval;
      const fed = feed !== null && feed === this.feed;
      const made = await this.nextCheckpoint(fed ? feed : null, this.states[this.states.length - 1] as S, from, to);
      if (!made) return; // the log is shorter than the target
      for (const observer of this.observers) observer(made.marks);
      this.states.push(made.state);
      this.builtTo = to;
      this.onProgress({ built: this.builtTo, total: this.target });
      // A jump waiting on the build does not wait for the collector as well.
      if (this.awaited >= this.builtTo + this.interval) await yieldToBrowser();
      // The worker is asked for the next interval only once the page has run what it has queued.
      // Taking in an interval fills V8's nursery, and V8 collects it in a task of its own; run
      // while the worker folded, that collection shared two cores with it and paused the page
      // 21–57 ms (traced at a million events: 17 pauses over 20 ms in a build, every one but the
      // first with the worker busy). Run first, it takes 10–15 ms; no build time is lost.
      else if (fed) await afterPendingTasks();
      else await restAsLongAs(performance.now() - began);
    }
  }

  /** The next checkpoint from the feed while it works, else folded here from the log. */
  private async nextCheckpoint(
    feed: CheckpointFeed<S> | null,
    previous: S,
    from: number,
    to: number,
  ): Promise<{ state: S; marks: EventMarks } | null> {
    if (feed) {
      try {
        return await feed.next(previous, from, to);
      } catch (error) {
        console.warn('Checkpoints are folded on the page from here on:', error);
        this.feed = null;
      }
    }
    const events = await this.source.readInterval(from, to);
    if (events.length < this.interval) return null;
    return { state: this.foldAll(previous, events), marks: marksOf(events) };
  }
}
