import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeptCommand } from '../es';
import type { DeviceSync } from './deviceSync';
import type { SyncSettings } from './syncClient';
import type { SyncedLog } from './syncedLog';
import { offView, type SyncView } from './syncView';

/** What Settings → Sync does with sync: set up, pause or forget the server, settle conflicts. */
export interface SyncActions {
  /** Checks the settings with the server first: a bad address, token or shop throws a sentence and changes nothing. */
  connect(settings: SyncSettings): Promise<void>;
  disconnect(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** The user's choice when this device's own events cannot be decided again: the shop's history on the server replaces this device's. */
  takeUpstream(): Promise<void>;
  /** The user has read a sync conflict: it leaves the list. */
  dismissConflict(commandId: string): Promise<void>;
  /** The device that wrote each synced event, by event id. */
  authorsOf(ids: readonly string[]): Promise<Map<string, string>>;
}

/** What the page holds of sync: DeviceSync's face, with the sync code itself loaded after start. */
export interface SyncHandle extends SyncActions {
  readonly store: StoreApi<SyncView>;
  start(): void;
  stop(): Promise<void>;
  /** See DeviceSync.keep; awaited before the commands' events are written. */
  keep(commands: readonly KeptCommand[]): Promise<void>;
  readonly pulledFromElsewhere: DeviceSync['pulledFromElsewhere'];
}

/** Whether sync was set up when the page last knew, kept where it can be read at once (localStorage). */
export interface SyncSetUpHint {
  read(): boolean;
  write(on: boolean): void;
}

/**
 * Sync for one log, its code loaded with `import()` once the page has started, so that a shop with
 * no server never downloads it before its first screen (docs/decisions/016-start-up-bundle.md).
 * Where sync was set up, a command waits for it to load and keep the command; elsewhere commands
 * sent before it loaded are handed over once it has (and kept if it turns out to be set up).
 */
export function syncOnDemand(target: SyncedLog, hint: SyncSetUpHint): SyncHandle {
  const store = createStore<SyncView>(() => offView);
  let device: DeviceSync | null = null;
  let loading: Promise<DeviceSync> | null = null;
  let stopped = false;
  let early: KeptCommand[] = [];
  const loaded = (): Promise<DeviceSync> =>
    (loading ??= import('./deviceSync').then(({ DeviceSync }) => {
      const made = new DeviceSync(target, { setUp: hint.write });
      store.setState(made.store.getState(), true);
      made.store.subscribe((view) => store.setState(view, true));
      made.keep(early).catch((error: unknown) => console.warn('Commands sent before sync loaded were not kept for it', error));
      early = [];
      device = made;
      return made;
    }));
  return {
    store,
    start() {
      loaded().then(
        (made) => {
          if (!stopped) made.start();
        },
        (error: unknown) => store.setState({ status: 'error', message: `Sync could not be loaded: ${String(error)}`, retryAt: null }),
      );
    },
    async stop() {
      stopped = true;
      await (loading
        ? loading.then(
            (made) => made.stop(),
            () => undefined,
          )
        : undefined);
    },
    connect: async (settings) => (await loaded()).connect(settings),
    disconnect: async () => (await loaded()).disconnect(),
    setPaused: async (paused) => (await loaded()).setPaused(paused),
    takeUpstream: async () => (await loaded()).takeUpstream(),
    dismissConflict: async (commandId) => (await loaded()).dismissConflict(commandId),
    authorsOf: async (ids) => (await loaded()).authorsOf(ids),
    async keep(commands) {
      if (device) return device.keep(commands);
      if (hint.read()) return (await loaded()).keep(commands);
      early.push(...commands);
    },
    get pulledFromElsewhere() {
      return device ? device.pulledFromElsewhere : null;
    },
  };
}
