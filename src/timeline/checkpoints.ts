import { ArchivedHistoryError, type StoredEvent } from '../es';
import { marksOf, type EventMarks } from './density';
import type { BuildProgress, CheckpointFeed, CheckpointSource, FoldAll } from './sources';
import { afterPendingTasks, restAsLongAs, yieldToBrowser } from './turns';

/**
 * Intervals a build must have ahead of it to be fed by a worker (start-up, an import); fewer
 * (events appended while the app runs) are folded here rather than wake a worker that may first
 * have to fold its way through the whole log.
 */
const FEED_FROM_INTERVALS = 4;

/**
 * States of the read model every `interval` events, kept side by side. They share structure
 * (persistent maps), so each costs roughly what changed in its interval. The state at any k is
 * the checkpoint at or below k plus at most `interval - 1` events read from the log.
 */
export class CheckpointIndex<S> {
  private readonly states: S[] = [];
  /** Where states[0] is: the log's origin, 0 unless its beginning was archived. */
  private origin = 0;
  /** Positions covered by checkpoints: states[i] is the state at origin + i * interval. */
  private builtTo = 0;
  private building: Promise<void> | null = null;
  private target = 0;
  /** The furthest position someone waits on (a jump), as opposed to a build in the background. */
  private awaited = 0;
  /**
   * The state last asked for: stepping forward from it folds only the events in between. A state,
   * not the events read for it, since it is alive anyway (docs/decisions/003-checkpoints.md).
   */
  private last: { position: number; state: S } | null = null;
  private readonly observers = new Set<(marks: EventMarks) => void>();
  /** Counts rewrites of the history (forgetAfter): work begun before one is not kept. */
  private generation = 0;

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

  /** The first position there is a state for: the log's origin. */
  get start(): number {
    return this.origin;
  }

  /**
   * Starts from the log's origin instead of the initial state at 0 (its beginning was archived):
   * before any build, since every checkpoint is counted from it.
   */
  startFrom(position: number, state: S): void {
    if (this.building || this.builtTo !== this.origin || this.states.length !== 1) throw new Error('startFrom: the build has begun.');
    this.origin = position;
    this.states[0] = state;
    this.builtTo = position;
    this.last = null;
  }

  /**
   * The history after `position` was written anew (a sync rebase replaced the log's tail): the
   * checkpoints past it go, and so does any state being made from the old events. Returns where
   * the checkpoints now end; the next ensureBuilt builds on from there.
   */
  forgetAfter(position: number): number {
    if (position >= this.builtTo) {
      if (this.last && this.last.position > position) this.last = null;
      this.generation += 1;
      return this.builtTo;
    }
    const keep = Math.max(0, Math.floor((Math.max(position, this.origin) - this.origin) / this.interval));
    this.states.length = keep + 1;
    this.builtTo = this.origin + keep * this.interval;
    if (this.last && this.last.position > position) this.last = null;
    this.generation += 1;
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

  /** The state after the event at `position` (0 = before any event); an ArchivedHistoryError before the origin. */
  async stateAt(position: number): Promise<S> {
    if (position < this.origin) throw new ArchivedHistoryError(position, this.origin);
    this.awaited = Math.max(this.awaited, position);
    await this.ensureBuilt(position);
    const { position: base, state: baseState } = this.checkpointAtOrBelow(position);
    const last = this.last;
    const from = last && last.position <= position && last.position >= base ? last : { position: base, state: baseState };
    if (from.position === position) return from.state;
    const generation = this.generation;
    const state = this.foldAll(from.state, await this.source.readInterval(from.position + 1, position));
    if (generation === this.generation) this.last = { position, state };
    return state;
  }

  /** The state after the event at `position`, and that whole event (none at 0), read side by side. */
  async stateAndEventAt(position: number): Promise<{ state: S; event: StoredEvent | undefined }> {
    const [state, event] = await Promise.all([
      this.stateAt(position),
      position > this.origin ? this.source.readEvent(position) : Promise.resolve(undefined),
    ]);
    return { state, event };
  }

  /** The nearest checkpoint at or below `position`, for callers that fold onwards themselves. */
  checkpointAtOrBelow(position: number): { position: number; state: S } {
    if (position < this.origin) throw new ArchivedHistoryError(position, this.origin);
    const index = Math.min(Math.floor((position - this.origin) / this.interval), this.states.length - 1);
    return { position: this.origin + index * this.interval, state: this.states[index] as S };
  }

  private async buildLoop(): Promise<void> {
    // A rewrite of the history during a pass starts another from where the checkpoints now end.
    for (;;) {
      const generation = this.generation;
      const feed = this.builtTo + FEED_FROM_INTERVALS * this.interval <= this.target ? this.feed : null;
      try {
        await this.buildWith(feed, generation);
      } finally {
        feed?.release();
      }
      if (generation === this.generation) return;
    }
  }

  private async buildWith(feed: CheckpointFeed<S> | null, generation: number): Promise<void> {
    while (this.builtTo + this.interval <= this.target) {
      const began = performance.now();
      const from = this.builtTo + 1;
      const to = this.builtTo + this.interval;
      const fed = feed !== null && feed === this.feed;
      const made = await this.nextCheckpoint(fed ? feed : null, this.states[this.states.length - 1] as S, from, to);
      if (generation !== this.generation) return; // made from events that were replaced meanwhile
      if (!made) return; // the log is shorter than the target
      for (const observer of this.observers) observer(made.marks);
      this.states.push(made.state);
      this.builtTo = to;
      this.onProgress({ built: this.builtTo, total: this.target });
      // A jump waiting on the build does not wait for the collector as well.
      if (this.awaited >= this.builtTo + this.interval) await yieldToBrowser();
      // The worker is asked for the next interval once the page has run what it has queued (the
      // collection taking in an interval calls for), so the two do not share the cores.
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
