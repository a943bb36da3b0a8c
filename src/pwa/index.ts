import { watchConnectivity } from './connectivity';
import { watchInstallPrompt } from './install';
import { createPwaStore, type PwaStore } from './pwaStatus';
import { readStorage, requestPersistence } from './storage';
import type { Updates } from './updates';

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
  /** Asks the browser to keep the site's data under storage pressure (navigator.storage.persist()); says what it answered. */
  askPersistence(): Promise<PersistenceOutcome>;
}

/** The browser's answer to a request for persistent storage. */
export type PersistenceOutcome = 'granted' | 'refused' | 'unavailable';

/** A controller that offers nothing: for tests and for browsers without service workers. */
export function inertPwa(): PwaController {
  const store = createPwaStore();
  return {
    store,
    install: async () => 'unavailable',
    applyUpdate: async () => {},
    refreshStorage: async () => {},
    askPersistence: async () => 'unavailable',
  };
}

/** Starts everything that makes Rewind an installable, offline app. Call once, at start-up. */
export function startPwa(): PwaController {
  const store = createPwaStore({ offlineReady: Boolean(navigator.serviceWorker?.controller) });
  const storage = navigator.storage as StorageManager | undefined;

  watchConnectivity(window, (online) => store.setState({ online }));
  const installPrompt = watchInstallPrompt(window, (state) => store.setState(state));
  // Registered once the page has loaded, so the service worker's code and install never compete
  // with the first paint; an update cannot be applied before it is registered anyway.
  let updates: Promise<Updates> | null = null;
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    updates = afterLoad().then(() =>
      import('./updates').then((m) =>
        m.registerUpdates({
          onUpdateReady: () => store.setState({ updateReady: true }),
          onOfflineReady: () => store.setState({ offlineReady: true }),
        }),
      ),
    );
  }

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
    applyUpdate: async () => (await updates)?.apply(),
    refreshStorage,
    askPersistence: async () => {
      const answer = await requestPersistence(storage);
      await refreshStorage();
      return answer === null ? 'unavailable' : answer ? 'granted' : 'refused';
    },
  };
}

function afterLoad(): Promise<void> {
  return document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}
