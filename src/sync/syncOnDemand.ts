import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PendingCommand } from '../es';
import type { DeviceSync } from './deviceSync';
import type { SyncSettings } from './syncClient';
import type { SyncedLog } from './syncedLog';
import { offView, type SyncView } from './syncView';

/** What the page holds of sync: DeviceSync's face, with the sync code itself loaded after start. */
export interface SyncHandle {
  readonly store: StoreApi<SyncView>;
  start(): void;
  stop(): Promise<void>;
  connect(settings: SyncSettings): Promise<void>;
  disconnect(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  takeUpstream(): Promise<void>;
  dismissConflict(commandId: string): Promise<void>;
  authorsOf(ids: readonly string[]): Promise<Map<string, string>>;
  recordPending(commands: readonly PendingCommand[]): void;
  readonly pulledFromElsewhere: DeviceSync['pulledFromElsewhere'];
}

/**
 * Sync for one log, its code loaded with `import()` once the page has started, so that a shop with
 * no server never downloads it before its first screen (docs/decisions/016-start-up-bundle.md).
 * Commands written before it loaded are handed over when it has.
 */
export function syncOnDemand(target: SyncedLog): SyncHandle {
  const store = createStore<SyncView>(() => offView);
  let device: DeviceSync | null = null;
  let loading: Promise<DeviceSync> | null = null;
  let stopped = false;
  let early: PendingCommand[] = [];
  const loaded = (): Promise<DeviceSync> =>
    (loading ??= import('./deviceSync').then(({ DeviceSync }) => {
      const made = new DeviceSync(target);
      store.setState(made.store.getState(), true);
      made.store.subscribe((view) => store.setState(view, true));
      made.recordPending(early);
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
    recordPending(commands) {
      if (device) device.recordPending(commands);
      else early.push(...commands);
    },
    get pulledFromElsewhere() {
      return device ? device.pulledFromElsewhere : null;
    },
  };
}
