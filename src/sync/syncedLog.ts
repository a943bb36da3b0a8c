import type { EventLog } from '../es';

/** What sync needs of the local log and the engine folding it (the state layer builds it from the runtime). */
export interface SyncedLog {
  readonly log: EventLog;
  /** After pulled events were written up to `position`: fold them here and tell the other tabs. */
  adopted(position: number): Promise<void>;
  /** Told whenever the local log moves (a command here, another tab's write). */
  onMoved(listener: () => void): () => void;
}
