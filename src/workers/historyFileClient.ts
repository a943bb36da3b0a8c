import { ConcurrencyError, HistoryFileError, type EventLog, type HistoryFileHeader } from '../es';
import type { FromHistoryFileWorker, ToHistoryFileWorker } from './historyFileProtocol';
import { readHistoryFile } from './historyFileReader';

export type HistoryFileProgress =
  { phase: 'checking'; readBytes: number; totalBytes: number } | { phase: 'writing'; written: number; total: number };

/**
 * Checks a history file and, when every line passed, writes it into `log`, which must be empty:
 * in a worker where there is one, on the page otherwise. A refused file is a HistoryFileError
 * naming its line; a log that is not empty a ConcurrencyError. Either way nothing was written.
 */
export async function importHistoryFile(
  log: EventLog,
  file: Blob,
  onProgress?: (progress: HistoryFileProgress) => void,
): Promise<HistoryFileHeader> {
  log.assertWritable();
  if (typeof Worker === 'undefined') {
    const checked = await readHistoryFile(file, (readBytes, totalBytes) => onProgress?.({ phase: 'checking', readBytes, totalBytes }));
    await log.adoptHistory(checked.rows, { onProgress: (written, total) => onProgress?.({ phase: 'writing', written, total }) });
    return checked.header;
  }
  const worker = new Worker(new URL('./historyFileWorker.ts', import.meta.url), { type: 'module', name: 'history-file' });
  const ask = (request: ToHistoryFileWorker, until: 'checked' | 'written') =>
    new Promise<FromHistoryFileWorker>((resolve, reject) => {
      worker.onmessage = ({ data }: MessageEvent<FromHistoryFileWorker>) => {
        if (data.type === 'read-progress') onProgress?.({ phase: 'checking', readBytes: data.readBytes, totalBytes: data.totalBytes });
        else if (data.type === 'write-progress') onProgress?.({ phase: 'writing', written: data.written, total: data.total });
        else if (data.type === 'failed') reject(failure(data));
        else if (data.type === until) resolve(data);
      };
      worker.onerror = (event) => reject(new Error(`The history import stopped: ${event.message || 'worker error'}.`));
      worker.postMessage(request);
    });
  try {
    const checked = await ask({ type: 'check', file }, 'checked');
    await ask({ type: 'write', dbName: log.name }, 'written');
    return (checked as Extract<FromHistoryFileWorker, { type: 'checked' }>).header;
  } finally {
    worker.terminate();
  }
}

function failure(reply: Extract<FromHistoryFileWorker, { type: 'failed' }>): Error {
  if (reply.line !== undefined) {
    const error = new HistoryFileError(reply.line, '');
    error.message = reply.error;
    return error;
  }
  if (reply.name === 'ConcurrencyError') return new ConcurrencyError('$all', 0, NaN);
  return new Error(reply.error);
}
