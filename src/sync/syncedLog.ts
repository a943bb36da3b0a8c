import type { Decider, EventLog, OriginState, ReadModel, StoredEvent } from '../es';

/** What a rebase decides pending commands again with: the app's decider, read model and process managers. */
export interface RebaseParts<S, C> {
  model: ReadModel<S>;
  decider: Decider<S, C>;
  /** Where the log starts (its archived beginning's state), for folding up to the confirmed position. */
  origin(): OriginState<S> | undefined;
  followUp?(event: StoredEvent): unknown | null;
  onFollowUpRejected?(input: unknown, error: unknown): unknown | null;
}

/** What sync needs of the local log and the engine folding it (the state layer builds it from the runtime). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the app's state and command types are the app's business
export interface SyncedLog<S = any, C = any> {
  readonly log: EventLog;
  /** After pulled events were written (`rows`, as stored): fold them here and tell the other tabs. */
  adopted(rows: readonly StoredEvent[]): Promise<void>;
  /** Told whenever the local log moves (a command here, another tab's write). */
  onMoved(listener: () => void): () => void;
  /** Without them, a rebase stops sync with a sentence instead. */
  rebase?: RebaseParts<S, C>;
  /** After a rebase replaced the log's tail: every tab (this one too) folds it anew, told where by the log itself. */
  replaced(): void;
}
