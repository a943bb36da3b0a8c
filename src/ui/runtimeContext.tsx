import { createContext, useCallback, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Command } from '../domain';
import {
  shopServices,
  syncOffView,
  type CommandGateway,
  type ImportSessionView,
  type ShopHistory,
  type ShopRuntime,
  type ShopServices,
  type ShopView,
  type SyncControls,
  type SyncView,
  type TimeMachine,
  type TimelineControls,
  type TimelineView,
} from '../state';
import { describeError } from './common/describeError';
import { successesOf } from './common/commandSuccesses';

const ServicesContext = createContext<ShopServices | null>(null);

/** Gives the views the page's services; they never see the runtime or the time machine themselves. */
export function RuntimeProvider({
  runtime,
  timeMachine,
  children,
}: {
  runtime: ShopRuntime;
  timeMachine: TimeMachine;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={shopServices(runtime, timeMachine)}>{children}</ServicesContext.Provider>;
}

function useServices(): ShopServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('This component needs a <RuntimeProvider>.');
  return services;
}

/** The one door for commands, for services that send them in bulk (a demo history). */
export function useGateway(): CommandGateway {
  return useServices().commands;
}

/** The history query API: event pages, causation, field history, audit rows, diffs. */
export function useHistory(): ShopHistory {
  return useServices().history;
}

/** Moving the cursor, skipping events, branches, restore, undo and redo. */
export function useTimelineControls(): TimelineControls {
  return useServices().timeline;
}

export function useTimeline<T>(selector: (view: TimelineView) => T): T {
  return useStore(useServices().timelineView, selector);
}

/**
 * Reads the shop as the app currently shows it: the present, or the state at the timeline's
 * cursor, a what-if replay, or a branch. Views never need to know which.
 */
export function useShopView<T>(selector: (view: ShopView) => T): T {
  const { present, timelineView } = useServices();
  const shown = useStore(timelineView, (t) => t.branch?.state ?? t.viewed);
  return useStore(present, (view) => selector(shown ? { ...view, shop: shown } : view));
}

/** The present read model, whatever the timeline shows. */
export function usePresentView<T>(selector: (view: ShopView) => T): T {
  return useStore(useServices().present, selector);
}

/**
 * Whether commands are refused right now: looking at the past or a what-if without a branch, or
 * the log is locked (a newer build's, damaged or shrunken history).
 */
export function useReadOnly(): boolean {
  const locked = usePresentView((v) => v.writeLock !== null);
  const past = useTimeline((t) => !t.branch && (t.cursor !== null || t.skips.size > 0));
  return locked || past;
}

/** The user's explicit choice, after a lost-events lock, to go on with the history as it now is. */
export function useStartOver(): () => Promise<void> {
  return useServices().startOver;
}

/** The rolling backup of the history in this browser. */
export function useHistoryBackup(): ShopServices['backup'] {
  return useServices().backup;
}

/** Checks a history file (an export), to import it into this shop. */
export function useHistoryFileCheck(): ShopServices['checkHistoryFile'] {
  return useServices().checkHistoryFile;
}

export function useHistoryArchive(): ShopServices['archiveHistory'] {
  return useServices().archiveHistory;
}

/** The page's order-history import: its actions, and `useImportSession` to read where it stands. */
export function useImports(): ShopServices['imports'] {
  return useServices().imports;
}

/** Sync with a server (Settings → Sync); null where the page runs without it. */
export function useSync(): SyncControls | null {
  return useServices().sync;
}

const noSync: SyncControls['store'] = {
  getState: () => syncOffView,
  getInitialState: () => syncOffView,
  subscribe: () => () => undefined,
};

export function useSyncView<T>(selector: (view: SyncView) => T): T {
  return useStore(useServices().sync?.store ?? noSync, selector);
}

export function useImportSession<T>(selector: (view: ImportSessionView) => T): T {
  return useStore(useServices().imports.store, selector);
}

export interface CommandSender {
  send(command: Command): Promise<boolean>;
  /** Commands sent together (decided in order, written at once), as the sample shop is loaded. */
  sendAll(commands: readonly Command[]): Promise<boolean>;
  error: string | null;
  busy: boolean;
  /** True while commands cannot be sent (viewing the past); controls should be disabled. */
  readOnly: boolean;
  clearError(): void;
}

/**
 * The only way a view changes anything: send a command. Each caller gets its own error, shown
 * next to the control that caused it, until it is dismissed or any command from any view succeeds
 * (a refusal left standing after the owner moved on reads as if it were about the latest action).
 */
export function useCommand(): CommandSender {
  const gateway = useGateway();
  const readOnly = useReadOnly();
  const successes = successesOf(gateway);
  const [refusal, setRefusal] = useState<{ message: string; after: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const outlived = useSyncExternalStore(successes.subscribe, () => refusal !== null && successes.count() > refusal.after);
  const run = useCallback(
    async (sending: () => Promise<unknown>) => {
      setBusy(true);
      setRefusal(null);
      try {
        await sending();
        successes.succeeded();
        return true;
      } catch (e) {
        setRefusal({ message: describeError(e), after: successes.count() });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [successes],
  );
  const send = useCallback((command: Command) => run(() => gateway.send(command)), [gateway, run]);
  const sendAll = useCallback((commands: readonly Command[]) => run(() => gateway.sendAll(commands)), [gateway, run]);
  return {
    send,
    sendAll,
    error: refusal && !outlived ? refusal.message : null,
    busy: busy || readOnly,
    readOnly,
    clearError: useCallback(() => setRefusal(null), []),
  };
}
