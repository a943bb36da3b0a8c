import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  Engine,
  type CommandClock,
  type Durability,
  type EventLog,
  type HistoryFileHeader,
  type LogOrigin,
  type SnapshotPolicy,
  type StartProgress,
  type StoredEvent,
} from '../es';
import {
  initialShopState,
  onCheckoutEvent,
  onPlaceOrderRejected,
  shopDecider,
  shopReadModel,
  type Command,
  type ShopState,
} from '../domain';
import { openShopLog } from '../shopLog';
import { syncOnDemand, type SyncHandle } from '../sync';
import { replayBlockWorker } from '../workers';
import { runProcessManagers } from './processManagers';
import { chosenDurability } from './durabilityChoice';
import { syncSetUpHint } from './syncSetUpHint';
import { LogGuard } from './logGuard';
import { backupKeeper } from './backupKeeper';
import { backupRecordStorage, localRecordStorage, type RecordStorage } from './logRecord';
import { isNewerDatabase, lockForDamage, lockSentence, type WriteLock } from './historyLock';

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
  /** Another tab replaced the whole history (an imported file): this tab stopped writing and must reload. */
  historyReplaced: boolean;
  /** Opening waits for other tabs that still hold the older database open. */
  upgradeBlocked: boolean;
  /**
   * Set each time sync rewrote the log after `after` in this tab (a rebase): the present was
   * folded again, and the timeline drops what it made of the old events.
   */
  rewritten: { after: number } | null;
  /** Why this tab refuses to write (a newer build's, damaged or shrunken history); null when it writes. */
  writeLock: WriteLock | null;
  /** Where the history starts when its beginning was archived (the timeline cannot go before it); null otherwise. */
  origin: LogOrigin | null;
}

export interface ShopRuntime {
  readonly store: StoreApi<ShopView>;
  readonly engine: Engine<ShopState, Command>;
  readonly log: EventLog;
  /** Sync with a server (Settings → Sync); null when this runtime was made without it. */
  readonly sync: SyncHandle | null;
  start(): Promise<void>;
  /**
   * Sends a command; resolves with its events, rejects with a typed error to show the user. A
   * `clock` (a demo history's simulated time) stamps it and what it causes instead of the real one.
   */
  dispatch(command: Command, clock?: CommandClock): Promise<StoredEvent[]>;
  /** After a lost-events lock: the user accepts the log as it now is, and writing resumes. */
  startOver(): Promise<void>;
  /** What the rolling backup (in the origin private file system) holds; null when there is none. */
  findBackup(): Promise<HistoryFileHeader | null>;
  /** After a lost-events lock: the backup, checked as any history file, replaces the log; then reload. */
  restoreFromBackup(): Promise<HistoryFileHeader>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  dbName?: string;
  snapshots?: Partial<SnapshotPolicy>;
  clock?: () => string;
  /** Chromium's commit durability; the default unless set (docs/decisions/010-durability-and-damage.md). */
  durability?: Durability;
  /** Where the last acknowledged position is recorded (localStorage on a page); null: not recorded. */
  recordStorage?: RecordStorage | null;
  /** Its backup, written at start and start over (a cookie on a page); none unless recordStorage is the default. */
  backupStorage?: RecordStorage | null;
  /** Sync through a server once one is set up (the page's runtime); off unless set. */
  sync?: boolean;
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
    historyReplaced: false,
    upgradeBlocked: false,
    rewritten: null,
    writeLock: null,
    origin: null,
  }));
  const dbName = options.dbName ?? 'rewind';
  const blockWorker = replayBlockWorker(dbName);
  // Set once the engine exists; an event of a newer build's type can only be read after that.
  let guard: LogGuard | null = null;
  const log = openShopLog(dbName, {
    durability: options.durability ?? chosenDurability(),
    onUnknownType: (event) => guard?.lock({ reason: 'newer-build', detail: `event ${event.seq} is of type ${event.type}` }),
    onVersionChange: () => store.setState({ upgradeRequired: true }),
    onBlocked: () => store.setState({ upgradeBlocked: true }),
    replayBlockWriter: blockWorker?.write,
  });
  const engine: Engine<ShopState, Command> = new Engine({
    log,
    model: shopReadModel,
    decider: shopDecider,
    snapshots: options.snapshots,
    clock: options.clock,
    onDamage: (damage) => guard?.lock(lockForDamage(damage)),
    behind: (): boolean => guard?.mayBeBehind(engine.projection.position) ?? true,
    onReplacedElsewhere: () => {
      log.refuseWrites('The history was replaced in another tab — reload to see it. Nothing was saved here.');
      store.setState({ historyReplaced: true });
    },
    // Every tab, the one that rebased too, folds the rewritten tail again from the log itself.
    onTailRewritten: (after) => {
      logGuard
        .rewritten()
        .then(() => {
          store.setState({ rewritten: { after } });
          backup.moved();
        })
        .catch((error: unknown) => console.error('The record of the log could not follow a rebase', error));
    },
    // Only a page that may sync keeps its commands (to decide them again on a rebase).
    keep: options.sync ? (commands) => sync!.keep(commands) : undefined,
  });
  guard = new LogGuard(log, engine, store, {
    record: options.recordStorage === undefined ? localRecordStorage() : options.recordStorage,
    backup:
      options.backupStorage !== undefined ? options.backupStorage : options.recordStorage === undefined ? backupRecordStorage() : null,
  });
  const logGuard = guard;
  const backup = backupKeeper(
    log,
    () => logGuard.identity,
    () => store.getState().writeLock === null && !store.getState().historyReplaced,
  );
  engine.projection.subscribe(({ state, position, lastEvent }) => {
    store.setState((view) => ({ shop: state, position, lastEvent: lastEvent ?? (position === 0 ? null : view.lastEvent) }));
    logGuard.acknowledged(position);
    backup.moved();
  });
  const sync: SyncHandle | null = options.sync
    ? syncOnDemand(
        {
          log,
          async adopted(rows) {
            // Folded from memory when they follow what this tab folded, instead of read back.
            if (!engine.adoptAppended(rows.map((row) => log.upcastRow(row)))) await engine.catchUp();
            engine.announceAppended(rows[rows.length - 1]!.seq);
          },
          onMoved: (listener) => engine.projection.subscribe(() => listener()),
          rebase: {
            model: shopReadModel,
            decider: shopDecider,
            origin: () => engine.origin,
            followUp: (event) => onCheckoutEvent(event),
            onFollowUpRejected: (input, error) =>
              (input as { type?: unknown }).type === 'PlaceOrder'
                ? onPlaceOrderRejected(input as Extract<Command, { type: 'PlaceOrder' }>, error)
                : null,
          },
          replaced() {
            // The log tells every tab's engine, this one's too, that its tail was rewritten (onTailRewritten).
            engine
              .catchUp()
              .then(async () => engine.announceAppended(await log.lastPosition()))
              .catch((error: unknown) => console.error('The log could not be folded again after a rebase', error));
          },
        },
        syncSetUpHint(options.recordStorage === undefined ? localRecordStorage() : options.recordStorage, dbName),
      )
    : null;
  const processes = runProcessManagers(engine, () => sync?.pulledFromElsewhere ?? null);
  const backupOnHide = () => logGuard.writeBackup();

  return {
    store,
    engine,
    log,
    sync,
    async start() {
      try {
        if (await log.upgradedByNewerBuild()) {
          logGuard.lock({ reason: 'newer-build', detail: 'the database has a newer version' });
          store.setState({ status: 'failed', startError: lockSentence(store.getState().writeLock!) });
          return;
        }
        await engine.start((progress) => store.setState({ progress }));
        store.setState({ origin: await log.origin() });
        if (engine.damage) logGuard.lock(lockForDamage(engine.damage));
        await logGuard.checkAtStart();
        globalThis.addEventListener?.('pagehide', backupOnHide);
        const { position, lastEvent } = store.getState();
        if (position > 0 && lastEvent?.seq !== position) {
          const [last] = await log.readRange(position, position);
          store.setState({ lastEvent: last ?? null });
        }
        store.setState({ status: 'ready', upgradeBlocked: false });
        if (!store.getState().writeLock) await logGuard.checkForGaps(engine.snapshots.savedPosition, position);
        // A locked log takes no writes, so process managers wait until (if ever) it is unlocked.
        if (!store.getState().writeLock) processes.resume();
        backup.moved();
        sync?.start();
      } catch (error) {
        if (isNewerDatabase(error)) logGuard.lock({ reason: 'newer-build', detail: 'the database has a newer version' });
        const lock: WriteLock | null = store.getState().writeLock;
        const message = error instanceof Error ? error.message : String(error);
        store.setState({ status: 'failed', startError: lock ? lockSentence(lock) : message });
      }
    },
    dispatch: (command, clock) => engine.dispatch(command, undefined, undefined, clock),
    async startOver() {
      await logGuard.startOver();
      if (!store.getState().writeLock) processes.resume();
    },
    findBackup: () => backup.find(),
    async restoreFromBackup() {
      let header: HistoryFileHeader | null = null;
      await logGuard.restoreFrom(async () => (header = await backup.restore()));
      return header!;
    },
    async stop() {
      globalThis.removeEventListener?.('pagehide', backupOnHide);
      await sync?.stop();
      backup.close();
      processes.stop();
      await engine.stop();
      blockWorker?.close();
      log.close();
    },
  };
}
