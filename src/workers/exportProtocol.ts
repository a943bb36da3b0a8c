/** The first line of an exported history file (README: "History files"). */
export interface HistoryFileHeader {
  format: 'rewind-history';
  formatVersion: 1;
  appVersion: string;
  /** Each event type's current schema version in the build that wrote the file. */
  schemaVersions: Record<string, number>;
  eventCount: number;
  firstSeq: number;
  lastSeq: number;
  /** The hash of the last event (of the chain's start when there is none). */
  headHash: string;
  createdAt: string;
}

export type ToExportWorker = { type: 'start'; dbName: string; createdAt: string } | { type: 'next' };

/** A piece of the file, sent when the page asked for the next one; `done` with the last. */
export type FromExportWorker =
  | { type: 'chunk'; bytes: Uint8Array; written: number; total: number; done: boolean; header: HistoryFileHeader }
  | { type: 'failed'; error: string };
