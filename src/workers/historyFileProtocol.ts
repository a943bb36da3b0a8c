import type { HistoryFileHeader } from '../es';

/** `replacing`: the length of the history the user agreed to replace (0: the log must be empty). */
export type ToHistoryFileWorker = { type: 'check'; file: Blob } | { type: 'write'; dbName: string; replacing: number };

export type FromHistoryFileWorker =
  | { type: 'read-progress'; readBytes: number; totalBytes: number }
  | { type: 'checked'; header: HistoryFileHeader }
  | { type: 'write-progress'; written: number; total: number }
  | { type: 'written'; events: number }
  /** `refused`: a refused file's line at fault (0: the file as a whole) and why, as HistoryFileError holds them. */
  | { type: 'failed'; error: string; name: string; refused?: { line: number; reason: string } };
