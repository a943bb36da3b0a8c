import { ConcurrencyError, DomainError, HistoryReplacedError, StorageFullError, ValidationError, type StoredEvent } from '../es';
import { onFreshBasis, type CommitResult, type DateOrder, type ImportBasis, type ImportTarget, type ReadProgress } from '../importing';
import { fromJsonBytes } from './jsonBytes';
import type { FromImportWorker, ReadingSummary, ToImportWorker, WorkerFailure } from './importProtocol';

interface Pending {
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  onProgress: (message: FromImportWorker) => void;
}

/**
 * The page's handle on one import worker: read a file (the worker keeps its plan), then write
 * it. `terminate()` ends the worker at once, which also aborts a write's open transaction, so a
 * cancelled import leaves nothing in the log.
 */
export class ImportWorker {
  private readonly worker: Worker;
  private pending: Pending | null = null;

  constructor() {
    this.worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module', name: 'order-history-import' });
    this.worker.onmessage = (event: MessageEvent<FromImportWorker>) => this.receive(event.data);
    this.worker.onerror = (event) =>
      this.settle((p) => p.reject(new Error(`The import stopped unexpectedly: ${event.message || 'worker error'}.`)));
  }

  read(file: Blob, dateOrder: DateOrder | null, onProgress: (progress: ReadProgress) => void): Promise<ReadingSummary> {
    return this.ask({ type: 'read', file, dateOrder }, (m) => m.type === 'read-progress' && onProgress(m.progress));
  }

  write(
    dbName: string,
    basis: ImportBasis,
    importId: string,
    onProgress: (written: number, total: number) => void,
    onEvents: (events: StoredEvent[]) => void,
  ): Promise<CommitResult> {
    return this.ask({ type: 'write', dbName, basis, importId }, (m) => {
      if (m.type === 'write-progress') onProgress(m.written, m.total);
      else if (m.type === 'events') onEvents(fromJsonBytes<StoredEvent[]>(m.bytes));
    });
  }

  /**
   * Writes the plan read last into the target's log: takes a basis off the live projection,
   * lets the worker decide and write, retries after a lost race, then folds the new events in.
   */
  commit(target: ImportTarget, importId: string, onProgress: (written: number, total: number) => void): Promise<CommitResult> {
    return onFreshBasis(target, async (basis) => {
      // Written events come back in batches: folded as they arrive, never read back from the log.
      let adopting = true;
      const adopt = (events: StoredEvent[]) => (adopting &&= target.engine.adoptAppended(events));
      const release = target.engine.holdSnapshots();
      try {
        const result = await this.write(target.log.name, basis, importId, onProgress, adopt);
        await target.engine.catchUp();
        return result;
      } finally {
        release();
      }
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.settle((p) => p.reject(new DOMException('Cancelled.', 'AbortError')));
  }

  private ask<T>(request: ToImportWorker, onProgress: (message: FromImportWorker) => void): Promise<T> {
    if (this.pending) return Promise.reject(new Error('The import worker is busy.'));
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (value: never) => void, reject, onProgress };
      this.worker.postMessage(request);
    });
  }

  private receive(message: FromImportWorker): void {
    const pending = this.pending;
    if (!pending) return;
    switch (message.type) {
      case 'read-progress':
      case 'write-progress':
      case 'events':
        pending.onProgress(message);
        return;
      case 'read':
        return this.settle((p) => p.resolve(message.reading as never));
      case 'written':
        return this.settle((p) => p.resolve(message.result as never));
      case 'failed':
        return this.settle((p) => p.reject(rebuild(message.failure)));
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private settle(outcome: (pending: Pending) => void): void {
    const pending = this.pending;
    this.pending = null;
    if (pending) outcome(pending);
  }
}

/** The typed error the worker threw, so the page can tell a refusal from a race or a full disk. */
function rebuild(failure: WorkerFailure): Error {
  switch (failure.name) {
    case 'DomainError':
      return new DomainError(failure.code ?? 'import-refused', failure.message);
    case 'ValidationError':
      return new ValidationError([{ path: '', message: failure.message }]);
    case 'StorageFullError':
      return new StorageFullError();
    case 'HistoryReplacedError':
      return new HistoryReplacedError(null, null);
    case 'ConcurrencyError':
      return new ConcurrencyError(failure.streamId ?? '', failure.expectedVersion ?? 0, failure.actualVersion ?? 0);
    default:
      return new Error(failure.message);
  }
}
