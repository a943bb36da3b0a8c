import type { HistoryFileHeader } from '../es';

/** What the backup in the origin private file system holds (its manifest, written after its segments). */
export interface BackupManifest {
  format: 'rewind-backup';
  /** The log identity the backup is of: another one (a start over, a replaced history) starts it anew. */
  logId: string;
  segmentSize: number;
  lastSeq: number;
  headHash: string;
  savedAt: string;
  appVersion: string;
  schemaVersions: Record<string, number>;
}

export type ToBackupWorker = { type: 'sync'; dbName: string; logId: string } | { type: 'read'; dbName: string };

export type FromBackupWorker =
  | { type: 'synced'; lastSeq: number }
  /** The backup as a history file (header line, then the segments), or null when there is none. */
  | { type: 'backup'; manifest: BackupManifest | null; file: Blob | null; header: HistoryFileHeader | null }
  | { type: 'failed'; error: string };
