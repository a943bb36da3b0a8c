import { watchConnectivity } from './connectivity';
import { watchInstallPrompt } from './install';
import { createPwaStore, type PwaStore } from './pwaStatus';
import { readStorage, requestPersistence } from './storage';
import { registerUpdates } from './updates';

export { createPwaStore } from './pwaStatus';
export type { PwaStatus, PwaStore } from './pwaStatus';
export type { StorageStatus } from './storage';
export { formatBytes } from './storage';

/** What the UI can ask of the installed-app layer. */
export interface PwaController {
  readonly store: PwaStore;
  install(): Promise<'accepted' | 'dismissed' | 'unavailable'>;
  applyUpdate(): Promise<void>;
  refreshStorage(): Promise<void>;
}

/** A controller that offers nothing: for tests and for browsers without service workers. */
export function inertPwa(): PwaController {
  const store = createPwaStore();
  return {
    store,
    install: async () => 'unavailable',
    applyUpdate: async () => {},
    refreshStorage: async () => {},
  };
}

/** Starts everything that makes Rewind an installable, offline app. Call once, at start-up. */
export function startPwa(): PwaController {
  const store = createPwaStore({ offlineReady: Boolean(navigator.serviceWorker?.controller) });
  const storage = navigator.storage as StorageManager | undefined;

  watchConnectivity(window, (online) => store.setState({ online }));
  const installPrompt = watchInstallPrompt(window, (state) => store.setState(state));
  const updates =
    import.meta.env.PROD && 'serviceWorker' in navigator
      ? registerUpdates({
          onUpdateReady: () => store.setState({ updateReady: true }),
          onOfflineReady: () => store.setState({ offlineReady: true }),
        })
      : null;

  const refreshStorage = async () => {
    try {
      store.setState({ storage: await readStorage(storage) });
    } catch (error) {
      console.warn('Storage status could not be read.', error);
    }
  };
  void requestPersistence(storage)
    .catch((error: unknown) => console.warn('Persistent storage could not be requested.', error))
    .finally(refreshStorage);

  return {
    store,
    install: () => installPrompt.install(),
    applyUpdate: async () => updates?.apply(),
    refreshStorage,
  };
}
