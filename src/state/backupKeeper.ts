import type { EventLog, HistoryFileHeader } from '../es';
import type { HistoryBackup } from '../workers';

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
  // The backup's code is loaded with its first use, about 2 s after the log first rests.
  let loaded: Promise<HistoryBackup | null> | null = null;
  const backupOf = () => (loaded ??= import('../workers/onDemand').then(({ historyBackup }) => historyBackup(log.name)));
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let syncing: Promise<unknown> | null = null;
  const sync = async () => {
    const id = logId();
    if (id === null || !writable() || closed) return;
    if (syncing) return void syncing.then(() => keeper.moved());
    const backup = await backupOf();
    if (!backup || closed) return;
    syncing = backup
      .sync(id)
      .catch((error: unknown) => console.warn('History backup not written', error))
      .finally(() => (syncing = null));
  };
  const keeper: BackupKeeper = {
    moved() {
      clearTimeout(timer);
      timer = setTimeout(() => void sync(), BACKUP_AFTER_MS);
    },
    find: async () => (await (await backupOf())?.read())?.header ?? null,
    async restore() {
      const found = await (await backupOf())?.read();
      if (!found) throw new Error('There is no backup of this history in this browser.');
      const { checkHistoryFile } = await import('../workers/onDemand');
      const checked = await checkHistoryFile(log, found.file);
      await checked.write({ kind: 'replace', replacing: await log.lastPosition() });
      return found.header;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      void loaded?.then((backup) => backup?.close());
    },
  };
  return keeper;
}
