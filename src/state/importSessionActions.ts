import type { StoreApi } from 'zustand/vanilla';
import type { CommitResult } from '../importing';
import type { ImportWorker } from '../workers';
import type { CommandGateway } from './commandGateway';
import type { ShopHistory } from './history';
import type { ImportSession, ImportSessionView, ReadingSummary, Written } from './importSession';
import type { ShopRuntime } from './shopRuntime';

export interface ImportSessionOptions {
  history?: Pick<ShopHistory, 'correlated'>;
  gateway?: Pick<CommandGateway, 'assertLive'>;
}

/** What an import session does: loaded with the session's first action (see createImportSession). */
export function importSessionActions(
  store: StoreApi<ImportSessionView>,
  runtime: Pick<ShopRuntime, 'engine' | 'log'>,
  { history, gateway }: ImportSessionOptions,
): ImportSession {
  const correlated = history?.correlated ?? ((id: string) => runtime.log.readCorrelated(id));
  let worker: ImportWorker | null = null;
  let writing = false;
  /** Counts the files chosen and dropped, so that a worker still loading for an old choice is not started. */
  let choosing = 0;

  const drop = () => {
    worker?.terminate();
    worker = null;
    choosing += 1;
  };
  const finish = (file: File, reading: ReadingSummary, written: Written) => {
    drop();
    store.setState({ step: { kind: 'done', file, reading, written } });
  };

  const session: ImportSession = {
    store,
    async chooseFile(file, dateOrder = null) {
      if (writing) return;
      drop();
      const ticket = choosing;
      store.setState({ step: { kind: 'reading', file, progress: null }, failure: null, notice: null });
      const started = performance.now();
      let current: ImportWorker | null = null;
      try {
        // Loaded on first use: most visits never import.
        const { ImportWorker } = await import('../workers/onDemand');
        if (ticket !== choosing) return; // cancelled, or another file chosen, meanwhile
        current = new ImportWorker();
        worker = current;
        const reading = await current.read(file, dateOrder, (progress) => {
          const { step } = store.getState();
          if (worker === current && step.kind === 'reading') store.setState({ step: { ...step, progress } });
        });
        if (worker === current) store.setState({ step: { kind: 'ready', file, reading, readMs: performance.now() - started } });
      } catch (error) {
        if (current ? worker !== current : ticket !== choosing) return;
        const cancelled = isAbort(error);
        drop();
        store.setState({ step: { kind: 'idle' }, failure: cancelled ? null : error, notice: cancelled ? 'Reading was cancelled.' : null });
      }
    },

    changeDateOrder(order) {
      const { step } = store.getState();
      if (step.kind === 'ready' && step.reading.dateOrder !== order) void session.chooseFile(step.file, order);
    },

    async start() {
      const { step } = store.getState();
      const current = worker;
      if (step.kind !== 'ready' || writing || !current) return;
      const { file, reading, readMs } = step;
      try {
        gateway?.assertLive();
        // The worker writes on its own connection, so this page's refusal is checked here.
        runtime.log.assertWritable();
      } catch (error) {
        store.setState({ failure: error });
        return;
      }
      writing = true;
      const importId = crypto.randomUUID();
      const started = performance.now();
      const written = (result: CommitResult): Written => ({
        ...result,
        importId,
        importedAt: new Date().toISOString(),
        ms: performance.now() - started,
      });
      store.setState({ step: { kind: 'writing', file, reading, written: 0, total: 0 }, failure: null, notice: null });
      const onProgress = (done: number, total: number) => {
        const now = store.getState().step;
        if (now.kind === 'writing') store.setState({ step: { ...now, written: done, total } });
      };
      try {
        finish(file, reading, written(await current.commit(runtime, importId, onProgress)));
      } catch (error) {
        if (!isAbort(error)) {
          store.setState({ step: { kind: 'ready', file, reading, readMs }, failure: error });
          return;
        }
        // The worker ended with its transaction open, unless the write had just committed.
        await runtime.engine.catchUp();
        const kept = await correlated(importId);
        if (kept.length > 0) {
          finish(file, reading, written({ events: kept.length, firstSeq: kept[0]!.seq, lastSeq: kept[kept.length - 1]!.seq }));
          store.setState({ notice: 'The import had already been written when it was cancelled; it stays in the log.' });
          return;
        }
        store.setState({
          step: { kind: 'idle' },
          failure: null,
          notice: 'The import was cancelled; nothing was written. Choose the file again to import it.',
        });
      } finally {
        writing = false;
      }
    },

    cancel() {
      if (worker) worker.terminate();
      else if (store.getState().step.kind === 'reading') {
        drop();
        store.setState({ step: { kind: 'idle' }, failure: null, notice: 'Reading was cancelled.' });
      }
    },

    reset() {
      if (writing) return;
      drop();
      store.setState({ step: { kind: 'idle' }, failure: null, notice: null });
    },
  };
  return session;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
