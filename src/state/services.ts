import type { StoreApi } from 'zustand/vanilla';
import type { HistoryFileHeader } from '../es';
import { importHistoryFile, type HistoryFileProgress } from '../workers';
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
  /** After a lost-events lock, the user's explicit choice to go on with the log as it is. */
  startOver(): Promise<void>;
  /**
   * Checks a history file (an export) line by line and writes it, all or nothing, into this shop,
   * which must be empty; then folds it in. Refused files throw a sentence naming the line.
   */
  importHistoryFile(file: Blob, onProgress?: (progress: HistoryFileProgress) => void): Promise<HistoryFileHeader>;
}

export type { HistoryFileProgress };

/** Why a history file is not imported into a shop that has events. */
export const notEmptySentence = (events: number) =>
  `This shop already has ${events.toLocaleString('en-GB')} events: a history file can only be imported into an empty shop. Nothing was changed.`;

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
      timelineView: timeMachine.store,
      startOver: () => runtime.startOver(),
      async importHistoryFile(file, onProgress) {
        const events = runtime.store.getState().position;
        if (events > 0) throw new Error(notEmptySentence(events));
        const header = await importHistoryFile(runtime.log, file, onProgress).catch((error: unknown) => {
          throw error instanceof Error && error.name === 'ConcurrencyError'
            ? new Error(
                'Another tab wrote to this shop meanwhile: a history file can only be imported into an empty shop. Nothing was changed.',
              )
            : error;
        });
        await runtime.engine.catchUp();
        return header;
      },
    };
    made.set(timeMachine, services);
  }
  return services;
}
