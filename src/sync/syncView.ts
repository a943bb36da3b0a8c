import type { SyncConflict } from './syncDb';

/** Where sync stands, as the Settings → Sync panel shows it. */
export type SyncStatus = 'off' | 'paused' | 'syncing' | 'synced' | 'pending' | 'offline' | 'error';

export interface SyncView {
  status: SyncStatus;
  /** The server and shop in use (never the token); null when none is set up. */
  serverUrl: string | null;
  shopId: string | null;
  deviceName: string | null;
  /** This tab pulls and pushes (one tab per browser profile does); others show what it reports. */
  leader: boolean;
  /** Upstream position confirmed, and local events after it not yet upstream. */
  confirmed: number;
  pending: number;
  lastSyncAt: string | null;
  /** Why sync stopped or is retrying, in words; null when all is well. */
  message: string | null;
  /** When the next retry is due, after a failure. */
  retryAt: string | null;
  /** Commands refused by a rebase, newest first, until the user dismisses them. */
  conflicts: SyncConflict[];
  /** Set while sync is stopped by something the user can settle here (take upstream's history). */
  remedy: 'take-upstream' | null;
}

export const offView: SyncView = {
  status: 'off',
  serverUrl: null,
  shopId: null,
  deviceName: null,
  leader: false,
  confirmed: 0,
  pending: 0,
  lastSyncAt: null,
  message: null,
  retryAt: null,
  conflicts: [],
  remedy: null,
};
