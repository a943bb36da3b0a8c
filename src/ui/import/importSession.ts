import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CommitResult, DateOrder, ReadProgress } from '../../importing';
import type { ShopRuntime } from '../../state';
import { ImportWorker, type ReadingSummary } from '../../workers';
import { describeError } from '../common/describeError';

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
  /** Why the last step failed or was refused; the log is untouched whenever this is set. */
  error: string | null;
  notice: string | null;
}

/**
 * One import per page, kept outside the components so that it goes on (and its report stays)
 * while the user looks at other views. The worker reads the file and keeps its plan until the
 * import is written or abandoned.
 */
const store = createStore<ImportSessionView>(() => ({ step: { kind: 'idle' }, error: null, notice: null }));
let worker: ImportWorker | null = null;
let writing = false;

export const useImportSession = <T>(selector: (view: ImportSessionView) => T): T => useStore(store, selector);

export async function chooseFile(file: File, dateOrder: DateOrder | null = null): Promise<void> {
  if (writing) return;
  worker?.terminate();
  const current = new ImportWorker();
  worker = current;
  store.setState({ step: { kind: 'reading', file, progress: null }, error: null, notice: null });
  const started = performance.now();
  try {
    const reading = await current.read(file, dateOrder, (progress) => {
      const { step } = store.getState();
      if (worker === current && step.kind === 'reading') store.setState({ step: { ...step, progress } });
    });
    if (worker === current) store.setState({ step: { kind: 'ready', file, reading, readMs: performance.now() - started } });
  } catch (error) {
    if (worker !== current) return;
    const cancelled = isAbort(error);
    drop();
    store.setState({
      step: { kind: 'idle' },
      error: cancelled ? null : describeError(error),
      notice: cancelled ? 'Reading was cancelled.' : null,
    });
  }
}

/** Reads the file again with the day/month order the user chose. */
export function changeDateOrder(order: DateOrder): void {
  const { step } = store.getState();
  if (step.kind === 'ready' && step.reading.dateOrder !== order) void chooseFile(step.file, order);
}

export async function startImport(runtime: ShopRuntime): Promise<void> {
  const { step } = store.getState();
  const current = worker;
  if (step.kind !== 'ready' || writing || !current) return;
  const { file, reading, readMs } = step;
  writing = true;
  const importId = crypto.randomUUID();
  const started = performance.now();
  store.setState({ step: { kind: 'writing', file, reading, written: 0, total: 0 }, error: null, notice: null });
  const onProgress = (written: number, total: number) => {
    const now = store.getState().step;
    if (now.kind === 'writing') store.setState({ step: { ...now, written, total } });
  };
  try {
    const result = await current.commit(runtime, importId, onProgress);
    finish(file, reading, { ...result, importId, importedAt: new Date().toISOString(), ms: performance.now() - started });
  } catch (error) {
    if (isAbort(error)) {
      // The worker ended with its transaction open, unless the write had just committed.
      await runtime.engine.catchUp();
      const kept = await runtime.log.readCorrelated(importId);
      if (kept.length > 0) {
        const result = { events: kept.length, firstSeq: kept[0]!.seq, lastSeq: kept[kept.length - 1]!.seq };
        finish(file, reading, { ...result, importId, importedAt: new Date().toISOString(), ms: performance.now() - started });
        store.setState({ notice: 'The import had already been written when it was cancelled; it stays in the log.' });
        return;
      }
      store.setState({
        step: { kind: 'idle' },
        error: null,
        notice: 'The import was cancelled; nothing was written. Choose the file again to import it.',
      });
    } else {
      store.setState({ step: { kind: 'ready', file, reading, readMs }, error: describeError(error) });
    }
  } finally {
    writing = false;
  }
}

function finish(file: File, reading: ReadingSummary, written: Written): void {
  drop();
  store.setState({ step: { kind: 'done', file, reading, written } });
}

/** Cancels reading or writing: the worker ends, and with it any open transaction. */
export function cancel(): void {
  worker?.terminate();
}

export function reset(): void {
  if (writing) return;
  drop();
  store.setState({ step: { kind: 'idle' }, error: null, notice: null });
}

function drop(): void {
  worker?.terminate();
  worker = null;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
