import { registerSW } from 'virtual:pwa-register';

export interface UpdateHandlers {
  /** A new version is installed and waiting; nothing changes until the user reloads. */
  onUpdateReady(): void;
  /** The first install finished: every file is stored and the app works offline. */
  onOfflineReady(): void;
}

export interface Updates {
  /** Lets the waiting version take over, then reloads this tab into it. */
  apply(): Promise<void>;
}

const HOURLY = 60 * 60 * 1000;

/**
 * Registers the Workbox service worker in "prompt" mode: a new version installs in the background
 * and waits, so code is never swapped under an open tab without the user's say.
 */
export function registerUpdates(handlers: UpdateHandlers): Updates {
  let registration: ServiceWorkerRegistration | undefined;
  let reloadRequested = false;
  let newVersionActive = false;

  const updateServiceWorker = registerSW({
    onNeedRefresh: handlers.onUpdateReady,
    onOfflineReady: handlers.onOfflineReady,
    onNeedReload() {
      // Another tab accepted the update: this tab still runs the old code, so it only asks.
      newVersionActive = true;
      if (reloadRequested) window.location.reload();
      else handlers.onUpdateReady();
    },
    onRegisteredSW(_url, r) {
      registration = r;
      // Browsers look for a new version on navigation; tabs stay open for days at a stall.
      setInterval(() => void check(), HOURLY);
    },
    onRegisterError(error: unknown) {
      console.warn('Offline support is unavailable: the service worker could not be registered.', error);
    },
  });

  async function check(): Promise<void> {
    if (!registration || !navigator.onLine) return;
    try {
      await registration.update();
    } catch {
      // Offline or the server is unreachable: the current version keeps working.
    }
  }

  return {
    async apply() {
      reloadRequested = true;
      if (newVersionActive) window.location.reload();
      else await updateServiceWorker(true);
    },
  };
}
