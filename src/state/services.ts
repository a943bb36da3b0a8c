import type { StoreApi } from 'zustand/vanilla';
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
}

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
    };
    made.set(timeMachine, services);
  }
  return services;
}
