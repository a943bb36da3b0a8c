import type { CommitResult, DateOrder, HistoryFileReading, ImportBasis, ReadProgress } from '../importing';

/** A reading as the page gets it: the plan itself stays in the worker until it is written. */
export type ReadingSummary = Omit<HistoryFileReading, 'plan'>;

export type ToImportWorker =
  { type: 'read'; file: Blob; dateOrder: DateOrder | null } | { type: 'write'; dbName: string; basis: ImportBasis; importId: string };

/** An error as it crosses from the worker: enough to rebuild the typed error on the page. */
export interface WorkerFailure {
  name: string;
  message: string;
  code?: string;
  streamId?: string;
  expectedVersion?: number;
  actualVersion?: number;
}

export type FromImportWorker =
  | { type: 'read-progress'; progress: ReadProgress }
  | { type: 'read'; reading: ReadingSummary }
  | { type: 'write-progress'; written: number; total: number }
  /** After the write committed: its events, a batch per message (see jsonBytes.ts), then the result. */
  | { type: 'events'; bytes: Uint8Array }
  | { type: 'written'; result: CommitResult }
  | { type: 'failed'; failure: WorkerFailure };
