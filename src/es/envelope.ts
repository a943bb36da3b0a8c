/** Ids that tie an event to the command that produced it and to the chain it belongs to. */
export interface EventMeta {
  commandId: string;
  /** The first command of a chain; shared by every event that chain caused. */
  correlationId: string;
  /** The command or event that directly caused this one; null for a user's own command. */
  causationId: string | null;
}

/** An event as stored in the log. `seq` is the global, gap-free position. */
export interface StoredEvent<T extends string = string, P = unknown> {
  seq: number;
  id: string;
  type: T;
  streamId: string;
  /** Position inside its stream: 1, 2, 3 … without gaps. */
  version: number;
  at: string;
  schemaVersion: number;
  payload: P;
  meta: EventMeta;
  /** Secondary keys (e.g. "customer:c1") so views can filter the log without scanning it. */
  tags: string[];
  /**
   * SHA-256 of the previous event's hash and this event's canonical encoding (hashChain.ts):
   * a change to any stored event breaks the chain from there on.
   */
  hash: string;
}

/** An event placed in the log (position, version, id) but not yet chained to the one before it. */
export type UnchainedEvent<T extends string = string, P = unknown> = Omit<StoredEvent<T, P>, 'hash'>;

/**
 * What replaying an event reads: the stored event without its id, causation ids and tags. The
 * replay blocks keep only this much (less than half of a row), since reading and parsing them is
 * most of a timeline jump's cost; folds take this type so that they cannot depend on the rest.
 */
export type ReplayEvent<T extends string = string, P = unknown> = Omit<StoredEvent<T, P>, 'id' | 'meta' | 'tags' | 'hash'>;

/** The replay part of a stored event, as a new object with only those fields. */
export function replayPart(event: UnchainedEvent): ReplayEvent {
  const { seq, type, streamId, version, at, schemaVersion, payload } = event;
  return { seq, type, streamId, version, at, schemaVersion, payload };
}

/** An event a decider wants written; the log assigns seq, version, id and meta. */
export interface PendingEvent<T extends string = string, P = unknown> {
  streamId: string;
  type: T;
  payload: P;
  /** Defaults to the command's time; importers pass the historical time. */
  at?: string;
  schemaVersion?: number;
  tags?: string[];
}

/**
 * What one command writes, kept or dropped as a whole: its events in order, and the version each
 * stream must still be at (streams missing from `expected` are appended to wherever they are).
 */
export interface Commit {
  events: readonly PendingEvent[];
  expected: ReadonlyMap<string, number>;
  meta: EventMeta;
  at: string;
  /** One id per event, in order; generated when absent. */
  ids?: readonly string[];
}

/** The row a pending event becomes at a given position, before the log chains it; shared by the log and speculative folds. */
export function toStoredEvent(e: PendingEvent, seq: number, version: number, commit: Commit, id: string): UnchainedEvent {
  return {
    seq,
    id,
    type: e.type,
    streamId: e.streamId,
    version,
    at: e.at ?? commit.at,
    schemaVersion: e.schemaVersion ?? 1,
    payload: e.payload,
    meta: commit.meta,
    tags: e.tags ?? [],
  };
}
