import type { StoreApi } from 'zustand/vanilla';
import type { HistoryFileHeader } from '../es';
import type { SyncActions, SyncView } from '../sync';
import type { HistoryFileProgress, HistorySink } from '../workers';
import { archiveHistory, type HistoryArchive } from './archiving';
import { importMode, type HistoryImportMode } from './importMode';
import type { CommandGateway } from './commandGateway';
import { lazyShopHistory, type ShopHistory } from './history';
import { createImportSession, type ImportSession, type ImportSessionView } from './importSession';
import type { ShopRuntime, ShopView } from './shopRuntime';
import type { TimeMachine, TimelineControls } from './timeMachine';
import type { TimelineView } from './timelineStore';

/** A store to read and subscribe to, not to write. */
export type ReadonlyStore<T> = Pick<StoreApi<T>, 'getState' | 'getInitialState' | 'subscribe'>;

/** All the UI may use: one door for commands, one for history, controls, and stores to read. */
export interface ShopServices {
  commands: CommandGateway;
  history: ShopHistory;
  timeline: TimelineControls;
  imports: Omit<ImportSession, 'store'> & { store: ReadonlyStore<ImportSessionView> };
  present: ReadonlyStore<ShopView>;
  timelineView: ReadonlyStore<TimelineView>;
  /** Sync with a server (Settings → Sync); null where the runtime was made without it. */
  sync: SyncControls | null;
  /** After a lost-events lock, the user's explicit choice to go on with the log as it is. */
  startOver(): Promise<void>;
  /**
   * Checks a history file (an export) line by line; a refused file throws a sentence naming the
   * line. What passed can then be imported into this shop, replacing what it holds.
   */
  checkHistoryFile(file: Blob, onProgress?: (progress: HistoryFileProgress) => void): Promise<HistoryFileImport>;
  /** The rolling backup of the history in this browser: what it holds, and (after a loss) restoring it. */
  backup: { find(): Promise<HistoryFileHeader | null>; restore(): Promise<HistoryFileHeader> };
  /**
   * Archive history before event `firstKept`: writes the events before it as a history file into
   * `sink`; once the caller has saved that file, `compact()` removes them from this browser, the
   * state there standing in for them (README, "Archive and compact").
   */
  archiveHistory(
    firstKept: number,
    sink: HistorySink,
    fileName: string,
    onProgress?: (written: number, total: number) => void,
  ): Promise<HistoryArchive>;
}

/** Settings → Sync: set up, pause or forget the server, and read where sync stands. */
export interface SyncControls extends SyncActions {
  store: ReadonlyStore<SyncView>;
}

/** A checked history file, and what importing it would replace. */
export interface HistoryFileImport {
  header: HistoryFileHeader;
  /** Where the file goes: see HistoryImportMode. */
  mode: HistoryImportMode;
  /** Events the shop holds now, all lost if the file is imported (0: nothing is). */
  replaces: number;
  /**
   * Writes it, all or nothing, if the shop still holds `replaces` events. Replacing a history
   * tells the other tabs, which stop writing; `reload` then says this page must load anew.
   */
  import(onProgress?: (progress: HistoryFileProgress) => void): Promise<{ reload: boolean }>;
  discard(): void;
}

export type { HistoryArchive, HistoryFileProgress, HistoryImportMode };

const changedMeanwhile =
  'The shop changed while the file was being checked (another tab wrote to it): nothing was imported. Choose the file again to replace what it holds now.';

const made = new WeakMap<TimeMachine, ShopServices>();

/** The services of one page (runtime and time machine), made once so that an import outlives its view. */
export function shopServices(runtime: ShopRuntime, timeMachine: TimeMachine): ShopServices {
  let services = made.get(timeMachine);
  if (!services) {
    const history = lazyShopHistory(runtime.log, timeMachine.checkpoints);
    services = {
      commands: timeMachine.commands,
      history,
      timeline: timeMachine,
      imports: createImportSession(runtime, { history, gateway: timeMachine.commands }),
      present: runtime.store,
      sync: runtime.sync,
      timelineView: timeMachine.store,
      startOver: () => runtime.startOver(),
      backup: { find: () => runtime.findBackup(), restore: () => runtime.restoreFromBackup() },
      archiveHistory: (firstKept, sink, fileName, onProgress) => archiveHistory(runtime, firstKept, sink, fileName, onProgress),
      async checkHistoryFile(file, onProgress) {
        runtime.log.assertWritable();
        const { checkHistoryFile } = await import('../workers/onDemand');
        const checked = await checkHistoryFile(runtime.log, file, onProgress);
        let mode: HistoryImportMode;
        try {
          mode = await importMode(runtime, checked.header);
        } catch (error) {
          checked.discard();
          throw error;
        }
        const replaces = mode.kind === 'replace' ? mode.replacing : 0;
        return {
          header: checked.header,
          mode,
          replaces,
          discard: () => checked.discard(),
          async import(onWriting) {
            await checked.write(mode, onWriting).catch((error: unknown) => {
              throw error instanceof Error && error.name === 'ConcurrencyError' ? new Error(changedMeanwhile) : error;
            });
            // Where the history starts moved (a replaced history, or an archive put back): other tabs and this one load anew.
            if (replaces > 0 || mode.kind === 'restore-archive') {
              runtime.engine.announceReplaced();
              return { reload: true };
            }
            await runtime.engine.catchUp();
            return { reload: false };
          },
        };
      },
    };
    made.set(timeMachine, services);
  }
  return services;
}
