import type { ReplayEvent, StoredEvent } from '../es';
import type { EventMarks } from './density';

/** The part of the log a what-if replay reads: ranges of global positions. */
export interface EventSource {
  readRange(from: number, to?: number, limit?: number): Promise<StoredEvent[]>;
}

/** Folds need only an event's replay part, so whole events and replay parts both fold. */
export type Fold<S> = (state: S, event: ReplayEvent) => S;

/** Folds events in order, with the same result as a `Fold` one by one (but free to be cheaper). */
export type FoldAll<S> = (state: S, events: readonly ReplayEvent[]) => S;

/** How the checkpoint index reads the log. */
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

export interface BuildProgress {
  built: number;
  total: number;
}
