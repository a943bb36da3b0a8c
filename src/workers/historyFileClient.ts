import { ConcurrencyError, HistoryFileError, type EventLog, type HistoryFileHeader } from '../es';
import type { FromHistoryFileWorker, HistoryWrite, ToHistoryFileWorker } from './historyFileProtocol';

export type { HistoryWrite };

export type HistoryFileProgress =
  { phase: 'checking'; readBytes: number; totalBytes: number } | { phase: 'writing'; written: number; total: number };

/** A history file that passed every check, ready to be written (or dropped). */
export interface CheckedHistoryFile {
  header: HistoryFileHeader;
  /**
   * Writes it, all or nothing, into the log as `how` says; a ConcurrencyError, writing nothing,
   * when the log is no longer as it was then.
   */
  write(how: HistoryWrite, onProgress?: (progress: HistoryFileProgress) => void): Promise<void>;
  discard(): void;
}

/**
 * Checks a history file line by line in a worker, which keeps the checked rows until they are
 * written (the same steps run on a page are readHistoryFile, then EventLog.adoptHistory). A
 * refused file is a HistoryFileError naming its line; nothing is written either way.
 */
export async function checkHistoryFile(
  log: EventLog,
  file: Blob,
  onProgress?: (progress: HistoryFileProgress) => void,
): Promise<CheckedHistoryFile> {
  if (typeof Worker === 'undefined') throw new Error('This browser cannot check a history file: it has no web workers.');
  const worker = new Worker(new URL('./historyFileWorker.ts', import.meta.url), { type: 'module', name: 'history-file' });
  let report = onProgress;
  const ask = (request: ToHistoryFileWorker, until: 'checked' | 'written') =>
    new Promise<FromHistoryFileWorker>((resolve, reject) => {
      worker.onmessage = ({ data }: MessageEvent<FromHistoryFileWorker>) => {
        if (data.type === 'read-progress') report?.({ phase: 'checking', readBytes: data.readBytes, totalBytes: data.totalBytes });
        else if (data.type === 'write-progress') report?.({ phase: 'writing', written: data.written, total: data.total });
        else if (data.type === 'failed') reject(failure(data));
        else if (data.type === until) resolve(data);
      };
      worker.onerror = (event) => reject(new Error(`The history import stopped: ${event.message || 'worker error'}.`));
      worker.postMessage(request);
    });
  try {
    const checked = (await ask({ type: 'check', file }, 'checked')) as Extract<FromHistoryFileWorker, { type: 'checked' }>;
    return {
      header: checked.header,
      async write(how, onWriting) {
        log.assertWritable();
        report = onWriting;
        try {
          await ask({ type: 'write', dbName: log.name, how }, 'written');
        } finally {
          worker.terminate();
        }
      },
      discard: () => worker.terminate(),
    };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

function failure(reply: Extract<FromHistoryFileWorker, { type: 'failed' }>): Error {
  if (reply.refused) return new HistoryFileError(reply.refused.line, reply.refused.reason);
  if (reply.name === 'ConcurrencyError') return new ConcurrencyError('$all', NaN, NaN);
  return new Error(reply.error);
}
