import type { FromExportWorker, HistoryFileHeader, ToExportWorker } from './exportProtocol';
import type { HistoryPiece } from './historyPieces';

/** Where an export's bytes go: a file the user picked, or the parts of a download. */
export type HistorySink = (bytes: Uint8Array) => Promise<void> | void;

/**
 * Writes the log named `dbName` as a history file into `sink`, a piece at a time, read in a
 * worker (HistoryPieces): all of it, or up to event `upTo` (an archive). Resolves with the file's
 * header once all is written.
 */
export async function exportHistory(
  dbName: string,
  sink: HistorySink,
  onProgress?: (written: number, total: number) => void,
  upTo?: number,
): Promise<HistoryFileHeader> {
  const createdAt = new Date().toISOString();
  if (typeof Worker === 'undefined') throw new Error('This browser cannot export the history: it has no web workers.');
  const next = workerPieces(dbName, createdAt, upTo);
  for (;;) {
    const piece = await next();
    await sink(piece.bytes);
    onProgress?.(piece.written, piece.total);
    if (piece.done) return piece.header;
  }
}

function workerPieces(dbName: string, createdAt: string, upTo: number | undefined): () => Promise<HistoryPiece> {
  const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module', name: 'export-history' });
  let first = true;
  return () =>
    new Promise<HistoryPiece>((resolve, reject) => {
      worker.onmessage = ({ data }: MessageEvent<FromExportWorker>) => {
        if (data.type === 'failed') {
          worker.terminate();
          return reject(new Error(`The history could not be exported: ${data.error}.`));
        }
        if (data.done) worker.terminate();
        resolve(data);
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(`The export stopped: ${event.message || 'worker error'}.`));
      };
      const request: ToExportWorker = first
        ? { type: 'start', dbName, createdAt, ...(upTo === undefined ? {} : { upTo }) }
        : { type: 'next' };
      first = false;
      worker.postMessage(request);
    });
}
