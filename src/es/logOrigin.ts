/**
 * Where the log starts once the events before a point were archived (exported to a file and
 * removed): the state there stands in for them, and the first event kept chains from `hash`.
 */
export interface LogOrigin {
  /** The last archived position: the log holds the events after it. */
  position: number;
  /** The hash of the event at `position`, which the first kept event chains from (the anchor). */
  hash: string;
  /** The archive file's name, to tell the user where the archived events went. */
  archivedAs: string;
  archivedAt: string;
}

/** The state a log starts from: its origin's, or the model's initial one at position 0. */
export interface OriginState<S> {
  position: number;
  state: S;
  streamVersions: Array<[string, number]>;
}

/** What archiving writes in place of the events it removes. */
export interface Compaction extends LogOrigin {
  modelVersion: number;
  /** The read model at `position`, as the model serializes it. */
  data: unknown;
  streamVersions: Array<[string, number]>;
}
