import type { ShopRuntime } from './shopRuntime';
import type { TimeMachine } from './timeMachine';

/** Connects the Redux DevTools bridge when the extension is there; the bridge is only fetched then. */
export async function connectDevToolsIfPresent(runtime: ShopRuntime, timeMachine: TimeMachine): Promise<void> {
  if (typeof window === 'undefined' || !('__REDUX_DEVTOOLS_EXTENSION__' in window)) return;
  const { connectReduxDevTools } = await import('./devtoolsBridge');
  connectReduxDevTools(runtime, timeMachine);
}
