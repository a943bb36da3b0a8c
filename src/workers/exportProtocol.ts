import type { HistoryFileHeader } from '../es';

export type { HistoryFileHeader };

export type ToExportWorker = { type: 'start'; dbName: string; createdAt: string } | { type: 'next' };

/** A piece of the file, sent when the page asked for the next one; `done` with the last. */
export type FromExportWorker =
  | { type: 'chunk'; bytes: Uint8Array; written: number; total: number; done: boolean; header: HistoryFileHeader }
  | { type: 'failed'; error: string };
