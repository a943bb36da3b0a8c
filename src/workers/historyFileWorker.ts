import { HistoryFileError } from '../es';
import { openShopLog } from '../shopLog';
import type { FromHistoryFileWorker, ToHistoryFileWorker } from './historyFileProtocol';
import { readHistoryFile, type CheckedHistory } from './historyFileReader';

/**
 * Checks a history file and, once it passed, writes it into an empty log, off the page: a million
 * lines are parsed, checked and hashed here, and the checked rows never reach the page's heap.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToHistoryFileWorker>) => void) | null;
  postMessage(message: FromHistoryFileWorker): void;
};

let checked: CheckedHistory | null = null;

scope.onmessage = ({ data }) => {
  const step = async () => {
    if (data.type === 'check') {
      checked = null;
      checked = await readHistoryFile(data.file, (readBytes, totalBytes) =>
        scope.postMessage({ type: 'read-progress', readBytes, totalBytes }),
      );
      scope.postMessage({ type: 'checked', header: checked.header });
      return;
    }
    if (!checked) throw new Error('no checked file to write');
    const log = openShopLog(data.dbName);
    const onProgress = (written: number, total: number) => scope.postMessage({ type: 'write-progress', written, total });
    const { how } = data;
    try {
      if (how.kind === 'restore-archive') await log.restoreArchive(checked.rows, { onProgress });
      else if (how.kind === 'continue') await log.adoptHistory(checked.rows, { continuing: how.from, onProgress });
      else await log.adoptHistory(checked.rows, { replacing: how.replacing, onProgress });
    } finally {
      log.close();
    }
    scope.postMessage({ type: 'written', events: checked.rows.length });
    checked = null;
  };
  step().catch((error: unknown) =>
    scope.postMessage({
      type: 'failed',
      error: error instanceof Error ? error.message : String(error),
      name: error instanceof Error ? error.name : 'Error',
      ...(error instanceof HistoryFileError ? { refused: { line: error.line, reason: error.reason } } : {}),
    }),
  );
};
