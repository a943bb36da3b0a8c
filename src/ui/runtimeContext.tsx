import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Command } from '../domain';
import type { ShopRuntime, ShopView, TimeMachine, TimelineView } from '../state';
import { describeError } from './common/describeError';

interface Services {
  runtime: ShopRuntime;
  timeMachine: TimeMachine;
}

const ServicesContext = createContext<Services | null>(null);

export function RuntimeProvider({ runtime, timeMachine, children }: Services & { children: ReactNode }) {
  return <ServicesContext.Provider value={{ runtime, timeMachine }}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('This component needs a <RuntimeProvider>.');
  return services;
}

export function useRuntime(): ShopRuntime {
  return useServices().runtime;
}

export function useTimeMachine(): TimeMachine {
  return useServices().timeMachine;
}

export function useTimeline<T>(selector: (view: TimelineView) => T): T {
  return useStore(useServices().timeMachine.store, selector);
}

/**
 * Reads the shop as the app currently shows it: the present, or the state at the timeline's
 * cursor, a what-if replay, or a branch. Views never need to know which.
 */
export function useShopView<T>(selector: (view: ShopView) => T): T {
  const { runtime, timeMachine } = useServices();
  const shown = useStore(timeMachine.store, (t) => t.branch?.state ?? t.viewed);
  return useStore(runtime.store, (view) => selector(shown ? { ...view, shop: shown } : view));
}

/** The present read model, whatever the timeline shows. */
export function usePresentView<T>(selector: (view: ShopView) => T): T {
  return useStore(useServices().runtime.store, selector);
}

/** Whether commands are refused right now (looking at the past or a what-if without a branch). */
export function useReadOnly(): boolean {
  return useTimeline((t) => !t.branch && (t.cursor !== null || t.skips.size > 0));
}

export interface CommandSender {
  send(command: Command): Promise<boolean>;
  error: string | null;
  busy: boolean;
  /** True while commands cannot be sent (viewing the past); controls should be disabled. */
  readOnly: boolean;
  clearError(): void;
}

/**
 * The only way a view changes anything: send a command. Each caller gets its own error, shown
 * next to the control that caused it.
 */
export function useCommand(): CommandSender {
  const timeMachine = useTimeMachine();
  const readOnly = useReadOnly();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = useCallback(
    async (command: Command) => {
      setBusy(true);
      setError(null);
      try {
        await timeMachine.send(command);
        return true;
      } catch (e) {
        setError(describeError(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [timeMachine],
  );
  return { send, error, busy: busy || readOnly, readOnly, clearError: useCallback(() => setError(null), []) };
}
