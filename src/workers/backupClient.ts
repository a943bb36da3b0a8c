import type { HistoryFileHeader } from '../es';
import type { FromBackupWorker, ToBackupWorker } from './backupProtocol';
import { workerRequests } from './workerRequests';

export interface HistoryBackup {
  /** Brings the backup up to the log's end; resolves with the last position it holds. */
  sync(logId: string): Promise<number>;
  /** The backup as a history file, with its header; null when there is none. */
  read(): Promise<{ file: Blob; header: HistoryFileHeader } | null>;
  close(): void;
}

/** The rolling backup of log `dbName` (backupWorker.ts); null where there are no workers or no origin private file system. */
export function historyBackup(dbName: string): HistoryBackup | null {
  if (typeof Worker === 'undefined' || typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  const requests = workerRequests<ToBackupWorker, FromBackupWorker & { id: number }, FromBackupWorker>(
    () => new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module', name: 'history-backup' }),
    'history backup',
    (reply) => reply,
  );
  return {
    async sync(logId) {
      const reply = await requests.ask({ type: 'sync', dbName, logId });
      if (reply.type === 'failed') throw new Error(reply.error);
      return reply.type === 'synced' ? reply.lastSeq : 0;
    },
    async read() {
      const reply = await requests.ask({ type: 'read', dbName });
      if (reply.type === 'failed') throw new Error(reply.error);
      return reply.type === 'backup' && reply.file && reply.header ? { file: reply.file, header: reply.header } : null;
    },
    close: () => requests.close('The log was closed.'),
  };
}
