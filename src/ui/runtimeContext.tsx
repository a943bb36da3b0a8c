import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Command } from '../domain';
import type { ShopRuntime, ShopView } from '../state';
import { describeError } from './common/describeError';

const RuntimeContext = createContext<ShopRuntime | null>(null);

export function RuntimeProvider({ runtime, children }: { runtime: ShopRuntime; children: ReactNode }) {
  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}

export function useRuntime(): ShopRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime() needs a <RuntimeProvider>.');
  return runtime;
}

/** Reads from the read model; re-renders only when the selected slice changes. */
export function useShopView<T>(selector: (view: ShopView) => T): T {
  return useStore(useRuntime().store, selector);
}

export interface CommandSender {
  send(command: Command): Promise<boolean>;
  error: string | null;
  busy: boolean;
  clearError(): void;
}

/**
 * The only way a view changes anything: send a command. Each caller gets its own error, shown
 * next to the control that caused it.
 */
export function useCommand(): CommandSender {
  const runtime = useRuntime();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = useCallback(
    async (command: Command) => {
      setBusy(true);
      setError(null);
      try {
        await runtime.dispatch(command);
        return true;
      } catch (e) {
        setError(describeError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [runtime],
  );
  return { send, error, busy, clearError: useCallback(() => setError(null), []) };
}
