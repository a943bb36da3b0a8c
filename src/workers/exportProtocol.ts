import type { HistoryFileHeader } from '../es';

export type { HistoryFileHeader };

/** `upTo`: the last event to write (an archive of the history's beginning); the log's last without it. */
export type ToExportWorker = { type: 'start'; dbName: string; createdAt: string; upTo?: number } | { type: 'next' };

/** A piece of the file, sent when the page asked for the next one; `done` with the last. */
export type FromExportWorker =
  | { type: 'chunk'; bytes: Uint8Array; written: number; total: number; done: boolean; header: HistoryFileHeader }
  | { type: 'failed'; error: string };
