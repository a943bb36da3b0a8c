import Dexie, { type Table } from 'dexie';
import type { ChainLink, KeptCommand, StoredEvent } from '../es';
import type { SyncSettings } from './syncClient';

/** What this device knows of upstream, kept across reloads. */
export interface SyncPosition {
  /** The server's database, as its meta named it: another one means the server was reset. */
  backendId: string | null;
  /** The last upstream event this log is known to hold at the same position, with its hash. */
  confirmed: ChainLink;
  /** This device's name on the server (from its token). */
  deviceName: string | null;
  lastSyncAt: string | null;
  paused: boolean;
  /** The user chose to replace this device's history with upstream's (done by the leader, then cleared). */
  takeUpstream?: boolean;
}

/**
 * What a rebase will change here once the log holds its new tail (ending at `head`), written
 * before the log is changed: the two databases cannot share a transaction (see settleRebase).
 */
export interface RebaseIntent {
  head: ChainLink;
  kept: PendingRecord[];
  refused: SyncConflict[];
}

type SettingRow =
  { key: 'settings'; value: SyncSettings } | { key: 'position'; value: SyncPosition } | { key: 'rebase'; value: RebaseIntent };

/** Which device wrote an upstream event, by event id: the log's rows stay as hashed, so it is kept beside them. */
export interface AuthorRow {
  id: string;
  device: string;
}

/**
 * A command this device wrote and has not seen confirmed; its events are read from the log by its
 * command id. `keptAt` (epoch ms) tells an orphan (kept, but its append failed or a crash came
 * first) from a command whose append is still under way; records of older builds have none.
 */
export type PendingRecord = KeptCommand & { keptAt?: number };

/** A kept command older than this while the log is wholly confirmed has no events: its append never landed. */
export const ORPHAN_AFTER_MS = 60_000;

/** A command of this device refused when it was decided again on other devices' events (a rebase). */
export interface SyncConflict {
  commandId: string;
  /** What it wrote when first decided, for the app to say what it was. */
  events: StoredEvent[];
  reason: string;
  /** The command itself, when the user sent it (not a process manager), so it can be tried again as a new command. */
  input?: unknown;
  /** The upstream event that last changed what its decision read, and the device that made it. */
  causedBy: { event: StoredEvent; device: string } | null;
  refusedAt: string;
}

/**
 * The sync state of one log, in its own small database ("<log>-sync"), so the log's schema and
 * version stay as they are and a device that never syncs never opens it.
 */
export class SyncDb extends Dexie {
  settings!: Table<SettingRow, SettingRow['key']>;
  authors!: Table<AuthorRow, string>;
  pending!: Table<PendingRecord, string>;
  conflicts!: Table<SyncConflict, string>;

  constructor(logName: string) {
    // Strict: a rebase's intent must be on disk before the log's tail changes (another database).
    super(`${logName}-sync`, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ settings: 'key', authors: 'id', pending: 'commandId', conflicts: 'commandId, refusedAt' });
  }

  async readSettings(): Promise<SyncSettings | null> {
    const row = await this.settings.get('settings');
    return row?.key === 'settings' ? row.value : null;
  }

  async readPosition(): Promise<SyncPosition | null> {
    const row = await this.settings.get('position');
    return row?.key === 'position' ? row.value : null;
  }

  async readRebase(): Promise<RebaseIntent | null> {
    const row = await this.settings.get('rebase');
    return row?.key === 'rebase' ? row.value : null;
  }

  /** Forgets kept commands kept before `before` (epoch ms): called when every event of the log is confirmed, so none of them has events left to rebase. */
  forgetKeptBefore(before: number): Promise<number> {
    return this.pending.filter((r) => (r.keptAt ?? 0) < before).delete();
  }

  writePosition(value: SyncPosition): Promise<unknown> {
    return this.settings.put({ key: 'position', value });
  }

  /** New settings start a new position: what was confirmed on another server or shop says nothing here. */
  async replaceSettings(settings: SyncSettings | null, position: SyncPosition): Promise<void> {
    await this.transaction('rw', this.settings, async () => {
      if (settings) await this.settings.put({ key: 'settings', value: settings });
      else await this.settings.delete('settings');
      await this.settings.put({ key: 'position', value: position });
    });
  }
}
