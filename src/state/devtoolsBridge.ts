import { evolve, shopToJson } from '../domain';
import type { ShopRuntime } from './shopRuntime';
import type { TimeMachine } from './timeMachine';

/** The slice of the Redux DevTools extension's `connect` API the bridge uses. */
interface DevToolsConnection {
  init(state: unknown): void;
  send(action: { type: string; [key: string]: unknown }, state: unknown): void;
  subscribe(listener: (message: DevToolsMessage) => void): unknown;
}

interface DevToolsMessage {
  type: string;
  payload?: { type?: string; actionId?: number };
}

interface DevToolsExtension {
  connect(options: { name: string; features?: Record<string, boolean> }): DevToolsConnection;
}

/**
 * When the Redux DevTools extension is present, every new event is sent to it as an action with
 * the state right after it, and "jump to action" moves Rewind's cursor to that event. History
 * from before the connection is not replayed into the extension (it would not cope with a
 * million actions); the time machine covers it.
 */
export function connectReduxDevTools(runtime: ShopRuntime, timeMachine: TimeMachine): (() => void) | null {
  const extension = (window as unknown as { __REDUX_DEVTOOLS_EXTENSION__?: DevToolsExtension }).__REDUX_DEVTOOLS_EXTENSION__;
  if (!extension?.connect) return null;
  const devtools = extension.connect({
    name: 'Rewind',
    features: { jump: true, skip: false, dispatch: false, import: false, export: true },
  });
  const { shop, position } = runtime.store.getState();
  // Action id n (as the extension numbers them; 0 is the initial state) → log position.
  const positions: number[] = [position];
  let state = shop;
  devtools.init(shopToJson(state));

  const unsubscribe = runtime.engine.bus.subscribe((event) => {
    state = evolve(state, event);
    positions.push(event.seq);
    devtools.send({ type: event.type, seq: event.seq, streamId: event.streamId, payload: event.payload }, shopToJson(state));
  });

  devtools.subscribe((message) => {
    if (message.type !== 'DISPATCH') return;
    const kind = message.payload?.type;
    if ((kind === 'JUMP_TO_ACTION' || kind === 'JUMP_TO_STATE') && typeof message.payload?.actionId === 'number') {
      const seq = positions[message.payload.actionId];
      if (seq === undefined) return;
      if (seq >= runtime.store.getState().position) timeMachine.returnToPresent();
      else void timeMachine.moveTo(seq);
    }
  });
  return unsubscribe;
}
