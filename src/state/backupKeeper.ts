import type { EventLog, HistoryFileHeader } from '../es';
import { checkHistoryFile, historyBackup } from '../workers';

/** How long the log rests before the backup follows it: a burst of commands is backed up once. */
const BACKUP_AFTER_MS = 2_000;

export interface BackupKeeper {
  /** The log moved: the backup follows once it has rested, unless `writable()` says no (a locked log is evidence). */
  moved(): void;
  /** What the backup holds, as a history file's header; null when there is none (or no backups here). */
  find(): Promise<HistoryFileHeader | null>;
  /**
   * Checks the backup as any history file and writes it over what the log holds now, all or
   * nothing; the caller then renews the log's record and reloads.
   */
  restore(): Promise<HistoryFileHeader>;
  close(): void;
}

export function backupKeeper(log: EventLog, logId: () => string | null, writable: () => boolean): BackupKeeper {
  const backup = historyBackup(log.name);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let syncing: Promise<unknown> | null = null;
  const sync = () => {
    const id = logId();
    if (!backup || id === null || !writable()) return;
    if (syncing) return void syncing.then(() => keeper.moved());
    syncing = backup
      .sync(id)
      .catch((error: unknown) => console.warn('History backup not written', error))
      .finally(() => (syncing = null));
  };
  const keeper: BackupKeeper = {
    moved() {
      clearTimeout(timer);
      timer = setTimeout(sync, BACKUP_AFTER_MS);
    },
    find: async () => (await backup?.read())?.header ?? null,
    async restore() {
      const found = await backup?.read();
      if (!found) throw new Error('There is no backup of this history in this browser.');
      const checked = await checkHistoryFile(log, found.file);
      await checked.write(await log.lastPosition());
      return found.header;
    },
    close() {
      clearTimeout(timer);
      backup?.close();
    },
  };
  return keeper;
}
