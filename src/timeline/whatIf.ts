import type { StoredEvent } from '../es';
import type { CheckpointIndex } from './checkpoints';
import type { EventSource, Fold } from './sources';
import { yieldToBrowser } from './turns';

/** Why an event could not happen in a state; null when it could. Supplied by the domain. */
export type Applicability<S> = (state: S, event: StoredEvent) => string | null;

const CHUNK = 2_000;

/**
 * History recomputed with some events switched off. Events are taken a command (commit) at a
 * time, since a command's events stand or fall together: if one no longer applies, or the event
 * that caused the command was dropped, the whole command is flagged and left out. The log is
 * never touched. Alternative checkpoints are kept as the replay moves forward, so scrubbing
 * stays cheap once a stretch has been computed.
 */
export class WhatIf<S> {
  readonly flagged = new Map<number, string>();
  private readonly droppedIds = new Set<string>();
  private readonly droppedSeqs = new Set<number>();
  private readonly firstSkipped: number;
  private readonly base: number;
  private readonly altStates: S[] = [];
  private computedTo: number;
  private current: S;
  private pendingGroup: StoredEvent[] = [];
  private computing: Promise<void> | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly checkpoints: CheckpointIndex<S>,
    private readonly fold: Fold<S>,
    private readonly applicable: Applicability<S>,
    readonly skipped: ReadonlySet<number>,
    private readonly interval = checkpoints.interval,
  ) {
    this.firstSkipped = Math.min(...skipped);
    const start = checkpoints.checkpointAtOrBelow(this.firstSkipped - 1);
    this.base = start.position;
    this.current = start.state;
    this.computedTo = start.position;
    this.altStates.push(start.state);
  }

  /** The state at `position` in this alternative history. */
  async stateAt(position: number, onProgress?: (done: number, total: number) => void): Promise<S> {
    if (position < this.firstSkipped) return this.checkpoints.stateAt(position);
    await this.computeTo(position, onProgress);
    const index = Math.min(Math.floor((position - this.base) / this.interval), this.altStates.length - 1);
    let state = this.altStates[index] as S;
    const from = this.base + index * this.interval + 1;
    if (from > position) return state;
    for (const event of await this.source.readRange(from, position)) {
      if (!this.droppedSeqs.has(event.seq)) state = this.fold(state, event);
    }
    return state;
  }

  isDropped(seq: number): boolean {
    return this.droppedSeqs.has(seq);
  }

  private computeTo(position: number, onProgress?: (done: number, total: number) => void): Promise<void> {
    const run = async () => {
      while (this.computedTo < position) {
        const events = await this.source.readRange(this.computedTo + 1, position, CHUNK);
        if (events.length === 0) break;
        for (const event of events) this.take(event);
        onProgress?.(this.computedTo - this.base, position - this.base);
        await yieldToBrowser();
      }
      this.flushGroup();
    };
    // One replay at a time; a later, further request continues where the earlier one stopped.
    const chained = (this.computing ?? Promise.resolve()).then(run);
    this.computing = chained.finally(() => {
      if (this.computing === chained) this.computing = null;
    });
    return chained;
  }

  private take(event: StoredEvent): void {
    const group = this.pendingGroup;
    if (group.length > 0 && group[0]!.meta.commandId !== event.meta.commandId) this.flushGroup();
    this.pendingGroup.push(event);
    this.computedTo = event.seq;
  }

  /** Applies or drops one command's events, then records alternative checkpoints it passed. */
  private flushGroup(): void {
    const group = this.pendingGroup;
    if (group.length === 0) return;
    this.pendingGroup = [];
    const kept = group.filter((e) => !this.skipped.has(e.seq));
    for (const e of group) if (this.skipped.has(e.seq)) this.drop(e, null);

    let reason: string | null = null;
    const cause = group[0]!.meta.causationId;
    if (cause !== null && this.droppedIds.has(cause)) reason = 'the event that caused it was skipped or flagged';
    const before = this.current;
    let state = before;
    let blame: StoredEvent | undefined;
    for (const event of kept) {
      if (reason) break;
      reason = this.applicable(state, event);
      if (reason) blame = event;
      else state = this.fold(state, event);
    }
    if (reason) {
      for (const e of kept) this.drop(e, e === blame || !blame ? reason : 'part of a command that no longer applies');
    } else {
      this.current = state;
    }
    this.recordCheckpoints(group, before, reason === null);
  }

  /** Stores the alternative state at each checkpoint position the group reached. */
  private recordCheckpoints(group: StoredEvent[], before: S, applied: boolean): void {
    const nextBoundary = () => this.base + this.altStates.length * this.interval;
    if (nextBoundary() > group[group.length - 1]!.seq) return;
    let state = before;
    for (const event of group) {
      if (applied && !this.droppedSeqs.has(event.seq)) state = this.fold(state, event);
      if (event.seq === nextBoundary()) this.altStates.push(state);
    }
  }

  private drop(event: StoredEvent, reason: string | null): void {
    this.droppedIds.add(event.id);
    this.droppedSeqs.add(event.seq);
    if (reason) this.flagged.set(event.seq, reason);
  }
}
