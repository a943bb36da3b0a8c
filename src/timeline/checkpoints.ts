import type { StoredEvent } from '../es';

/** The part of the log a what-if replay reads: ranges of global positions. */
export interface EventSource {
  readRange(from: number, to?: number, limit?: number): Promise<StoredEvent[]>;
}

export type Fold<S> = (state: S, event: StoredEvent) => S;

/**
 * How the index reads the log: only ever a range inside one interval (between two neighbouring
 * checkpoints), so a source can serve each interval as one stored block.
 */
export type ReadInterval = (from: number, to: number) => Promise<StoredEvent[]>;

export interface BuildProgress {
  built: number;
  total: number;
}

/** Gives the browser a turn (input, paint) between slices of work. */
export const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
  /** The events last read after a checkpoint, kept since scrubbing often stays near them. */
  private recent: { from: number; events: StoredEvent[] } | null = null;
  private readonly observers = new Set<(events: readonly StoredEvent[]) => void>();

  constructor(
    private readonly readInterval: ReadInterval,
    private readonly fold: Fold<S>,
    initial: S,
    readonly interval: number,
    private readonly onProgress: (progress: BuildProgress) => void = () => undefined,
  ) {
    this.states.push(initial);
  }

  /** Sees every event the build folds, once, in order (e.g. to plot their density). */
  observe(observer: (events: readonly StoredEvent[]) => void): () => void {
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
    return (await this.stateAndEventAt(position)).state;
  }

  /** The state after the event at `position`, and that event (none at 0). */
  async stateAndEventAt(position: number): Promise<{ state: S; event: StoredEvent | undefined }> {
    await this.ensureBuilt(position);
    const index = Math.min(Math.floor(position / this.interval), this.states.length - 1);
    const base = index * this.interval;
    let state = this.states[index] as S;
    if (position === base) {
      const [event] = position > 0 ? await this.readInterval(position, position) : [];
      return { state, event };
    }
    const events = await this.eventsBetween(base + 1, position);
    for (const event of events) state = this.fold(state, event);
    return { state, event: events[events.length - 1] };
  }

  /** The nearest checkpoint at or below `position`, for callers that fold onwards themselves. */
  checkpointAtOrBelow(position: number): { position: number; state: S } {
    const index = Math.min(Math.floor(position / this.interval), this.states.length - 1);
    return { position: index * this.interval, state: this.states[index] as S };
  }

  private async buildLoop(): Promise<void> {
    while (this.builtTo + this.interval <= this.target) {
      const from = this.builtTo + 1;
      const to = this.builtTo + this.interval;
      const events = await this.readInterval(from, to);
      if (events.length < this.interval) return; // the log is shorter than the target
      let state = this.states[this.states.length - 1] as S;
      for (const event of events) state = this.fold(state, event);
      for (const observer of this.observers) observer(events);
      this.states.push(state);
      this.builtTo = to;
      this.onProgress({ built: this.builtTo, total: this.target });
      await yieldToBrowser();
    }
  }

  /** Events in [from, to] (inside one interval); reads only what the last read did not cover. */
  private async eventsBetween(from: number, to: number): Promise<StoredEvent[]> {
    const count = to - from + 1;
    const cached = this.recent?.from === from ? this.recent.events : [];
    if (cached.length >= count) return cached.slice(0, count);
    const more = await this.readInterval(from + cached.length, to);
    const events = cached.length === 0 ? more : [...cached, ...more];
    this.recent = { from, events };
    return events;
  }
}
