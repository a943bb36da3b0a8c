import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommitResult, DateOrder, ReadProgress } from '../importing';
import type { ReadingSummary } from '../workers';
import type { ImportSessionOptions } from './importSessionActions';
import type { ShopRuntime } from './shopRuntime';

export type { ReadingSummary };

export interface Written extends CommitResult {
  importId: string;
  importedAt: string;
  ms: number;
}

/** Where one import stands: choose a file → read it → look at the preview → write → report. */
export type ImportStep =
  | { kind: 'idle' }
  | { kind: 'reading'; file: File; progress: ReadProgress | null }
  | { kind: 'ready'; file: File; reading: ReadingSummary; readMs: number }
  | { kind: 'writing'; file: File; reading: ReadingSummary; written: number; total: number }
  | { kind: 'done'; file: File; reading: ReadingSummary; written: Written };

export interface ImportSessionView {
  step: ImportStep;
  /** Why the last step failed or was refused (for the UI to put in words); the log is untouched whenever this is set. */
  failure: unknown;
  notice: string | null;
}

/** One import: its worker reads the file and keeps its plan until it is written or abandoned. */
export interface ImportSession {
  readonly store: StoreApi<ImportSessionView>;
  chooseFile(file: File, dateOrder?: DateOrder | null): Promise<void>;
  /** Reads the file again with the day/month order the user chose. */
  changeDateOrder(order: DateOrder): void;
  /** Writes the file read last; refused while the app looks at the past or a branch. */
  start(): Promise<void>;
  /** Cancels reading or writing: the worker ends, and with it any open transaction. */
  cancel(): void;
  reset(): void;
}

/**
 * The page's import, kept outside the components so that it goes on (and its report stays)
 * while the user looks at other views. Only its store is made now: what it does is loaded with
 * its first action (most visits never import).
 */
export function createImportSession(runtime: Pick<ShopRuntime, 'engine' | 'log'>, options: ImportSessionOptions = {}): ImportSession {
  const store = createStore<ImportSessionView>(() => ({ step: { kind: 'idle' }, failure: null, notice: null }));
  let actions: ImportSession | null = null;
  let loading: Promise<ImportSession> | null = null;
  const load = () =>
    (loading ??= import('./importSessionActions').then(
      ({ importSessionActions }) => (actions = importSessionActions(store, runtime, options)),
    ));
  /** Runs an action now once loaded; before, after the load (in the order they were asked for). */
  const run = <R>(act: (loaded: ImportSession) => R): R | Promise<R> => (actions ? act(actions) : load().then(act));
  return {
    store,
    chooseFile: async (file, dateOrder) => run((a) => a.chooseFile(file, dateOrder)),
    changeDateOrder: (order) => void run((a) => a.changeDateOrder(order)),
    start: async () => run((a) => a.start()),
    cancel: () => void run((a) => a.cancel()),
    reset: () => void run((a) => a.reset()),
  };
}
