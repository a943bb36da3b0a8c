import type { SyncSetUpHint } from '../sync';
import type { RecordStorage } from './logRecord';

/**
 * Whether sync was set up for a log, in the page's record storage (localStorage), so that the
 * first command after a start knows at once whether it must wait for sync to keep it. Without a
 * storage, or with it cleared, it reads "no": commands are then kept once sync has loaded.
 */
export function syncSetUpHint(storage: RecordStorage | null, logName: string): SyncSetUpHint {
  const key = `rewind:sync-set-up:${logName}`;
  return {
    read: () => {
      try {
        return storage?.getItem(key) === '1';
      } catch {
        return false;
      }
    },
    write: (on) => {
      try {
        storage?.setItem(key, on ? '1' : '0');
      } catch {
        // A full or blocked storage: the next start waits for sync to load instead of knowing.
      }
    },
  };
}
