import { createStore, type StoreApi } from 'zustand/vanilla';
import { Engine, type EventLog, type SnapshotPolicy, type StartProgress, type StoredEvent } from '../es';
import { initialShopState, shopDecider, shopReadModel, type Command, type ShopState } from '../domain';
import { openShopLog } from '../shopLog';
import { replayBlockWorker } from '../workers';
import { runProcessManagers } from './processManagers';

export type RuntimeStatus = 'starting' | 'ready' | 'failed';

/** What the UI reads. Written only by the projection, i.e. by applying appended events. */
export interface ShopView {
  status: RuntimeStatus;
  startError: string | null;
  progress: StartProgress;
  shop: ShopState;
  position: number;
  lastEvent: StoredEvent | null;
  /** A newer build in another tab upgraded the database: this tab's log is closed until reload. */
  upgradeRequired: boolean;
  /** Opening waits for other tabs that still hold the older database open. */
  upgradeBlocked: boolean;
}

export interface ShopRuntime {
  readonly store: StoreApi<ShopView>;
  readonly engine: Engine<ShopState, Command>;
  readonly log: EventLog;
  start(): Promise<void>;
  /** Sends a command; resolves with its events, rejects with a typed error to show the user. */
  dispatch(command: Command): Promise<StoredEvent[]>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  dbName?: string;
  snapshots?: Partial<SnapshotPolicy>;
  clock?: () => string;
}

export function createShopRuntime(options: RuntimeOptions = {}): ShopRuntime {
  const store = createStore<ShopView>(() => ({
    status: 'starting',
    startError: null,
    progress: { replayed: 0, total: 0 },
    shop: initialShopState(),
    position: 0,
    lastEvent: null,
    upgradeRequired: false,
    upgradeBlocked: false,
  }));
  const dbName = options.dbName ?? 'rewind';
  const blockWorker = replayBlockWorker(dbName);
  const log = openShopLog(dbName, {
    onVersionChange: () => store.setState({ upgradeRequired: true }),
    onBlocked: () => store.setState({ upgradeBlocked: true }),
    replayBlockWriter: blockWorker?.write,
  });
  const engine = new Engine({ log, model: shopReadModel, decider: shopDecider, snapshots: options.snapshots, clock: options.clock });
  engine.projection.subscribe(({ state, position, lastEvent }) => {
    store.setState((view) => ({ shop: state, position, lastEvent: lastEvent ?? (position === 0 ? null : view.lastEvent) }));
  });
  const processes = runProcessManagers(engine);

  return {
    store,
    engine,
    log,
    async start() {
      try {
        await engine.start((progress) => store.setState({ progress }));
        const { position, lastEvent } = store.getState();
        if (position > 0 && lastEvent?.seq !== position) {
          const [last] = await log.readRange(position, position);
          store.setState({ lastEvent: last ?? null });
        }
        store.setState({ status: 'ready', upgradeBlocked: false });
        processes.resume();
      } catch (error) {
        store.setState({ status: 'failed', startError: error instanceof Error ? error.message : String(error) });
      }
    },
    dispatch: (command) => engine.dispatch(command),
    async stop() {
      processes.stop();
      await engine.stop();
      blockWorker?.close();
      log.close();
    },
  };
}
