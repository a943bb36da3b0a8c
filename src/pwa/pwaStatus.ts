import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StorageStatus } from './storage';

/** What the UI shows about the app as an installed, offline program. */
export interface PwaStatus {
  online: boolean;
  /** A new version is downloaded and waits for the user's "Reload". */
  updateReady: boolean;
  /** Every file the app needs is stored on this device. */
  offlineReady: boolean;
  /** The browser offered installation and the app is not installed yet. */
  installAvailable: boolean;
  /** Running as an installed app, or installed during this visit. */
  installed: boolean;
  storage: StorageStatus | null;
}

export type PwaStore = StoreApi<PwaStatus>;

export function createPwaStore(initial: Partial<PwaStatus> = {}): PwaStore {
  return createStore<PwaStatus>(() => ({
    online: true,
    updateReady: false,
    offlineReady: false,
    installAvailable: false,
    installed: false,
    storage: null,
    ...initial,
  }));
}
