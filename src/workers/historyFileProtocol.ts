import type { ChainLink, HistoryFileHeader } from '../es';

/**
 * How a checked file goes into the log: over the history of `replacing` events the user agreed to
 * replace (0: an empty log); after the log's head, which is the file's anchor; or, for an archive
 * that ends where the log starts, before it, from the first event or `from` an earlier archive
 * anchor (EventLog.adoptHistory and restoreArchive).
 */
export type HistoryWrite =
  { kind: 'replace'; replacing: number } | { kind: 'continue'; from: ChainLink } | { kind: 'restore-archive'; from?: ChainLink };

export type ToHistoryFileWorker = { type: 'check'; file: Blob } | { type: 'write'; dbName: string; how: HistoryWrite };

export type FromHistoryFileWorker =
  | { type: 'read-progress'; readBytes: number; totalBytes: number }
  | { type: 'checked'; header: HistoryFileHeader }
  | { type: 'write-progress'; written: number; total: number }
  | { type: 'written'; events: number }
  /** `refused`: a refused file's line at fault (0: the file as a whole) and why, as HistoryFileError holds them. */
  | { type: 'failed'; error: string; name: string; refused?: { line: number; reason: string } };
