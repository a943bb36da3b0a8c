import type { StoredEvent } from './envelope';
import type { ReadModel } from './readModel';
import { StringMap } from './stringMap';

export interface ProjectionSnapshot<S> {
  state: S;
  position: number;
  lastEvent: StoredEvent | null;
}

/**
 * The live fold of the log: read model, position it covers and each stream's version.
 * It only moves forward, one gap-free position at a time, so it can never skip an event.
 */
export class Projection<S> {
  private current: ProjectionSnapshot<S>;
  /** Not a Map: see StringMap. */
  private readonly versions: StringMap<number>;
  /** Streams whose version moved since the last takeDirtyStreams(): what a snapshot must rewrite. */
  private dirty = new Set<string>();
  private readonly listeners = new Set<(snapshot: ProjectionSnapshot<S>) => void>();

  constructor(
    private readonly model: ReadModel<S>,
    start?: { state: S; position: number; streamVersions: Iterable<[string, number]> },
  ) {
    this.current = { state: start?.state ?? model.initial(), position: start?.position ?? 0, lastEvent: null };
    this.versions = new StringMap(start?.streamVersions);
  }

  /** Starts over from a snapshot (or from nothing): used at start-up and for a full rebuild. */
  reset(start?: { state: S; position: number; streamVersions: Iterable<[string, number]> }): void {
    this.versions.clear();
    this.dirty = new Set();
    for (const [s, v] of start?.streamVersions ?? []) this.versions.set(s, v);
    this.publish({ state: start?.state ?? this.model.initial(), position: start?.position ?? 0, lastEvent: null });
  }

  get snapshot(): ProjectionSnapshot<S> {
    return this.current;
  }

  get state(): S {
    return this.current.state;
  }

  get position(): number {
    return this.current.position;
  }

  versionOf(streamId: string): number {
    return this.versions.get(streamId) ?? 0;
  }

  streamVersions(): IterableIterator<[string, number]> {
    return this.versions.entries();
  }

  /** The streams that moved since the last call, with their versions; forgets them. */
  takeDirtyStreams(): Array<[string, number]> {
    const taken = [...this.dirty].map((s): [string, number] => [s, this.versionOf(s)]);
    this.dirty = new Set();
    return taken;
  }

  /** Puts streams back as moved (a snapshot that took them failed to save). */
  markDirty(streamIds: Iterable<string>): void {
    for (const s of streamIds) this.dirty.add(s);
  }

  /** Folds events that must directly follow the current position. */
  apply(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    let { position } = this.current;
    for (const event of events) {
      if (event.seq !== position + 1) {
        throw new Error(`Projection expected position ${position + 1} but got ${event.seq}.`);
      }
      position = event.seq;
    }
    const { model } = this;
    const state = model.evolveAll
      ? model.evolveAll(this.current.state, events)
      : events.reduce((s, e) => model.evolve(s, e), this.current.state);
    for (const event of events) {
      this.versions.set(event.streamId, event.version);
      this.dirty.add(event.streamId);
    }
    this.publish({ state, position, lastEvent: events[events.length - 1]! });
  }

  /**
   * Takes a state already folded elsewhere (a speculative decide run) for events that directly
   * follow the current position, so the same events are not folded twice.
   */
  adopt(state: S, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    if (events[0]!.seq !== this.current.position + 1) throw new Error('adopt() needs contiguous events.');
    for (const event of events) {
      this.versions.set(event.streamId, event.version);
      this.dirty.add(event.streamId);
    }
    this.publish({ state, position: events[events.length - 1]!.seq, lastEvent: events[events.length - 1]! });
  }

  /**
   * Takes a state equal to the current one, for the same position, that was folded elsewhere and
   * shares structure with states kept there (timeline checkpoints): two equal copies of a big read
   * model then no longer both stay in memory. Changes nothing, and returns false, once the
   * projection has moved past `position`.
   */
  adoptEqual(state: S, position: number): boolean {
    if (position !== this.current.position) return false;
    this.publish({ ...this.current, state });
    return true;
  }

  subscribe(listener: (snapshot: ProjectionSnapshot<S>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(next: ProjectionSnapshot<S>): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
